import type { Tie } from "../../api/schema/call-document.ts";
import { i18next } from "../shared/i18n.ts";
import { FORMS } from "./circle-geometry.ts";
import { el } from "./create-element.ts";
import type { RosterPartner } from "./roster.ts";

/**
 * Show what will be submitted and ask for confirmation. `submit` runs when the
 * respondent confirms; it returns an error message to show in the dialog, or null
 * when done. Resolves true once submitted, false when the respondent went back.
 */
export function confirmSubmission(
  dialog: HTMLDialogElement,
  roster: readonly RosterPartner[],
  ties: readonly Tie[],
  submit: () => Promise<string | null>,
): Promise<boolean> {
  const t = i18next.t;
  const named = new Set(ties.map((tie) => tie.partner));
  const nameOf = new Map(roster.map((p) => [p.id, p.name]));
  const unnamed = roster.filter((p) => !named.has(p.id) && !p.outside).map((p) => p.name);

  const list = el("ul", { class: "summary" });
  for (const tie of ties) {
    const item = el("li");
    item.append(el("strong", {}, nameOf.get(tie.partner) ?? tie.partner));
    const forms = el("span", { class: "summary-forms" });
    for (const f of FORMS) {
      const score = tie.forms[f];
      if (score === undefined) continue;
      const line = el("span");
      line.append(el("span", { class: "mark", "data-form": f }, String(score)), `${t(`common:formsShort.${f}`)} – ${t(`common:scores.${score}`)}`);
      forms.append(line);
    }
    item.append(forms);
    list.append(item);
  }
  const error = el("p", { class: "error-text", role: "alert", hidden: "" });
  const cancel = el("button", { type: "button", class: "secondary" }, t("submit.cancel"));
  const confirm = el("button", { type: "button", id: "confirm-submit" }, t("submit.confirm"));
  const buttons = el("div", { class: "dialog-buttons" });
  buttons.append(cancel, confirm);
  dialog.replaceChildren(
    el("h2", { id: "submit-heading" }, t("submit.heading")),
    el("p", {}, ties.length ? t("submit.count", { count: ties.length }) : t("submit.empty")),
    ...(ties.length ? [list] : []),
    ...(unnamed.length ? [el("p", { class: "muted" }, t("submit.unnamed", { names: unnamed.join(", ") }))] : []),
    el("p", { class: "muted" }, t("submit.revise")),
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
      else {
        error.textContent = message;
        error.hidden = false;
      }
    };
    dialog.showModal();
    confirm.focus();
  });
}
