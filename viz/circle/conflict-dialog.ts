import type { Tie } from "../../api/schema/call-document.ts";
import { formatDateTime } from "../shared/format.ts";
import { h } from "../shared/dom.ts";
import { i18next } from "../shared/i18n.ts";
import { tieSummary } from "./tie-summary.ts";

/** The circle as stored elsewhere in the meantime: what the dialog shows beside this page's. */
export interface NewerCircle {
  ties: readonly Tie[];
  version: number;
  status: "draft" | "submitted";
  savedAt: string;
}

/**
 * The circle was saved elsewhere (another tab, another person) since this page
 * loaded it: show both, this page's and the newer one, and ask which to keep.
 * Resolves "mine" or "newer"; the dialog cannot be dismissed without a choice.
 */
export function chooseVersion(
  dialog: HTMLDialogElement,
  nameOf: ReadonlyMap<string, string>,
  mine: readonly Tie[],
  newer: NewerCircle,
): Promise<"mine" | "newer"> {
  const t = i18next.t;
  const column = (id: string, heading: string, note: string, ties: readonly Tie[]) =>
    h(
      "section",
      { class: "conflict-version", "aria-labelledby": id, "data-version": id },
      h("h3", { id }, heading),
      h("p", { class: "muted" }, note),
      ties.length ? tieSummary(nameOf, ties) : h("p", {}, t("conflict.empty")),
    );
  const keepMine = h("button", { type: "button", id: "keep-mine", class: "secondary" }, t("conflict.keepMine"));
  const keepNewer = h("button", { type: "button", id: "keep-newer" }, t("conflict.keepNewer"));
  dialog.replaceChildren(
    h("h2", { id: "conflict-heading" }, t("conflict.heading")),
    h("p", {}, t("conflict.text", { date: formatDateTime(newer.savedAt) })),
    h(
      "div",
      { class: "conflict-versions" },
      column("conflict-newer", t("conflict.newer"), t(newer.status === "submitted" ? "conflict.newerSubmitted" : "conflict.newerDraft", { version: newer.version }), newer.ties),
      column("conflict-mine", t("conflict.mine"), t("conflict.mineNote"), mine),
    ),
    h("p", { class: "muted" }, t("conflict.history")),
    h("div", { class: "dialog-buttons" }, keepMine, keepNewer),
  );
  dialog.setAttribute("aria-labelledby", "conflict-heading");
  return new Promise((done) => {
    const finish = (choice: "mine" | "newer") => {
      dialog.close();
      done(choice);
    };
    // Escape would leave the question open: a choice is needed.
    dialog.oncancel = (e) => e.preventDefault();
    keepMine.onclick = () => finish("mine");
    keepNewer.onclick = () => finish("newer");
    dialog.showModal();
    keepNewer.focus();
  });
}
