import type { TFunction } from "i18next";
import { ApiError } from "./api.ts";
import { signInAgain } from "./session.ts";
import { h } from "./dom.ts";

/**
 * Where an action reports back: a refusal with its reason (a headline in the page's
 * language for the error code, then each problem with its path as the server
 * named it), or a short confirmation. Screen readers hear both.
 */
export function showError(target: HTMLElement, t: TFunction, err: unknown): void {
  if (err instanceof ApiError && err.status === 401) signInAgain("expired");
  const e = err instanceof ApiError ? err : new ApiError(0, "error", String(err), []);
  const headline = t(`errors.${e.code}`, { defaultValue: t("errors.other") });
  const details = e.details.length
    ? e.details.map((d) => h("li", {}, d.path ? h("code", {}, d.path) : null, d.path ? " " : "", d.message))
    : [h("li", {}, e.message)];
  target.replaceChildren(
    h("div", { class: "notice notice-error", role: "alert" }, h("strong", {}, headline), h("ul", { class: "problems" }, ...details)),
  );
  // The reason may be far from the button that was pressed: bring it into view.
  target.scrollIntoView({ block: "nearest" });
}

export function showDone(target: HTMLElement, text: string): void {
  target.replaceChildren(h("div", { class: "notice notice-ok", role: "status" }, text));
}

function clearNotice(target: HTMLElement): void {
  target.replaceChildren();
}

/** Run an action from a button: the button waits, a refusal lands in `notice`. Resolves to what `run` gave (which must not be undefined), or undefined when refused. */
export async function act<T>(button: HTMLButtonElement | null, notice: HTMLElement, t: TFunction, run: () => Promise<T>): Promise<T | undefined> {
  if (button) button.disabled = true;
  clearNotice(notice);
  try {
    return await run();
  } catch (err) {
    showError(notice, t, err);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}
