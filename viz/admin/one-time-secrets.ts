import type { TFunction } from "i18next";
import { confirmDialog } from "./dialogs.ts";
import { h, type Child } from "../shared/dom.ts";

/** A secret (a link or a token) in a read-only field with a copy button. */
export function secretField(t: TFunction, value: string, label: string): HTMLElement {
  const input = h("input", { type: "text", readonly: true, value, class: "secret", "aria-label": label });
  const status = h("span", { class: "visually-hidden", role: "status" });
  const copy = h("button", { type: "button", class: "secondary" }, t("oneTime.copy"));
  copy.addEventListener("click", () => {
    input.select();
    void navigator.clipboard.writeText(value).then(
      () => {
        status.textContent = t("oneTime.copied");
        copy.textContent = `✓ ${t("oneTime.copied")}`;
      },
      () => {
        // Without clipboard access the text stays selected for Ctrl+C.
        status.textContent = t("oneTime.copyFailed");
        copy.textContent = t("oneTime.copy");
      },
    );
  });
  input.addEventListener("focus", () => input.select());
  return h("span", { class: "secret-field" }, input, copy, status);
}

/**
 * A panel for secrets shown once (invitation links, evaluator tokens): it says so,
 * and asks before it is dismissed, because the server keeps only their hashes.
 */
export function oneTimePanel(t: TFunction, opts: { title: string; warning: string; content: Child[]; actions?: Child[] }): HTMLElement {
  const dismiss = h("button", { type: "button", class: "secondary" }, t("oneTime.dismiss"));
  const panel = h(
    "div",
    { class: "card one-time", role: "region", "aria-label": opts.title },
    h("h3", {}, opts.title),
    h("p", { class: "one-time-warning" }, opts.warning),
    ...opts.content,
    h("div", { class: "actions actions-start" }, ...(opts.actions ?? []), dismiss),
  );
  dismiss.addEventListener("click", () => {
    void confirmDialog(t, {
      title: t("oneTime.confirmDismiss.title"),
      body: [h("p", {}, t("oneTime.confirmDismiss.body"))],
      confirmLabel: t("oneTime.dismiss"),
    }).then((yes) => yes && panel.remove());
  });
  return panel;
}
