import type { Tie } from "../../api/schema/call-document.ts";
import { i18next } from "../shared/i18n.ts";
import { h } from "../shared/dom.ts";
import type { RosterPartner } from "./roster.ts";
import { tieSummary } from "./tie-summary.ts";

/**
 * Show what will be submitted and ask for confirmation. `submit` runs when the
 * respondent confirms; it returns an error message to show in the dialog, null
 * when done, or false to close the dialog unsubmitted (something else takes over).
 * Resolves true once submitted, false otherwise.
 */
export function confirmSubmission(
  dialog: HTMLDialogElement,
  roster: readonly RosterPartner[],
  ties: readonly Tie[],
  submit: () => Promise<string | null | false>,
): Promise<boolean> {
  const t = i18next.t;
  const named = new Set(ties.map((tie) => tie.partner));
  const nameOf = new Map(roster.map((p) => [p.id, p.name]));
  const unnamed = roster.filter((p) => !named.has(p.id) && !p.outside).map((p) => p.name);

  const list = tieSummary(nameOf, ties);
  const error = h("p", { class: "error-text", role: "alert", hidden: "" });
  const cancel = h("button", { type: "button", class: "secondary" }, t("submit.cancel"));
  const confirm = h("button", { type: "button", id: "confirm-submit" }, t("submit.confirm"));
  const buttons = h("div", { class: "dialog-buttons" });
  buttons.append(cancel, confirm);
  dialog.replaceChildren(
    h("h2", { id: "submit-heading" }, t("submit.heading")),
    h("p", {}, ties.length ? t("submit.count", { count: ties.length }) : t("submit.empty")),
    ...(ties.length ? [list] : []),
    ...(unnamed.length ? [h("p", { class: "muted" }, t("submit.unnamed", { names: unnamed.join(", ") }))] : []),
    h("p", { class: "muted" }, t("submit.revise")),
    error,
    buttons,
  );
  dialog.setAttribute("aria-labelledby", "submit-heading");

  return new Promise((done) => {
    const finish = (submitted: boolean) => {
      dialog.close();
      done(submitted);
    };
    dialog.oncancel = (e) => {
      e.preventDefault();
      if (!confirm.disabled) finish(false);
    };
    cancel.onclick = () => finish(false);
    confirm.onclick = async () => {
      confirm.disabled = cancel.disabled = true;
      error.hidden = true;
      const message = await submit();
      confirm.disabled = cancel.disabled = false;
      if (message === null) finish(true);
      else if (message === false) finish(false);
      else {
        error.textContent = message;
        error.hidden = false;
      }
    };
    dialog.showModal();
    confirm.focus();
  });
}
