import type { TFunction } from "i18next";
import { h, type Child } from "../shared/dom.ts";
import { act } from "../shared/notice.ts";

/**
 * Modal dialogs of the admin pages (native <dialog>: focus is trapped and Escape
 * closes it). Each has its own notice, so a refusal shows beside the change that
 * caused it.
 */
export interface OpenDialog {
  dialog: HTMLDialogElement;
  notice: HTMLElement;
  close: () => void;
}

let opened = 0;

/** `content` follows the title; `closable: false` leaves out the × (a confirmation has its own Cancel). */
export function openDialog(t: TFunction, title: string, content: Child[], closable = true): OpenDialog {
  const notice = h("div", { class: "dialog-notice", "aria-live": "polite" });
  const heading = h("h2", { id: `dialog-${++opened}` }, title);
  const closeButton = closable && h("button", { type: "button", class: "link-button dialog-close", "aria-label": t("dialog.close"), title: t("dialog.close") }, "×");
  const dialog = h("dialog", { class: "admin-dialog", "aria-labelledby": heading.id }, h("div", { class: "dialog-head" }, heading, closeButton), notice, ...content);
  const close = () => dialog.close();
  if (closeButton) closeButton.addEventListener("click", close);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return { dialog, notice, close };
}

/** A dialog holding one form; `save` runs on submit and the dialog closes when it succeeds. */
export function formDialog(t: TFunction, opts: { title: string; fields: Child[]; submitLabel: string; save: (form: HTMLFormElement) => Promise<unknown> }): OpenDialog {
  const submit = h("button", { type: "submit" }, opts.submitLabel);
  const form = h("form", { class: "stack", novalidate: true }, ...opts.fields, h("div", { class: "actions" }, submit));
  const open = openDialog(t, opts.title, [form]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void act(submit, open.notice, t, async () => {
      await opts.save(form);
      return true;
    }).then((saved) => saved && open.close());
  });
  return open;
}

/** Ask before an irreversible step; resolves true only when confirmed. */
export function confirmDialog(t: TFunction, opts: { title: string; body: Child[]; confirmLabel: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    let confirmed = false;
    const yes = h("button", { type: "button", class: opts.danger ? "danger" : "" }, opts.confirmLabel);
    const no = h("button", { type: "button", class: "secondary" }, t("dialog.cancel"));
    const { dialog, close } = openDialog(t, opts.title, [...opts.body, h("div", { class: "actions" }, no, yes)], false);
    yes.addEventListener("click", () => {
      confirmed = true;
      close();
    });
    no.addEventListener("click", close);
    dialog.addEventListener("close", () => resolve(confirmed));
    no.focus();
  });
}

/**
 * Ask first (`body` is one paragraph), then run the change as `act` does: the button
 * busy, a refusal shown in `notice`. Undefined when the admin declined or it was refused.
 */
export async function confirmThenAct<T>(
  t: TFunction,
  confirm: { title: string; body: string; confirmLabel: string; danger?: boolean },
  button: HTMLButtonElement | null,
  notice: HTMLElement,
  run: () => Promise<T>,
): Promise<T | undefined> {
  if (!(await confirmDialog(t, { ...confirm, body: [h("p", {}, confirm.body)] }))) return undefined;
  return act(button, notice, t, run);
}
