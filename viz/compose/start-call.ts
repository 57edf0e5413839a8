import type { TFunction } from "i18next";
import type { Proposal } from "../../api/schema/proposals.ts";
import type { CallDocument } from "../../api/schema/call-document.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";

/**
 * "Start the call": the proposal becomes the call document of a new call (its
 * organisations and lots, no waves yet). Everyone may download it; an administrator
 * may also import it at once.
 */
export class StartCallDialog {
  private readonly dialog = h("dialog", { class: "start-call" });

  constructor(
    private readonly token: string,
    private readonly isAdmin: boolean,
  ) {
    document.body.append(this.dialog);
  }

  show(proposal: Proposal, t: TFunction): void {
    const form = h("form");
    form.method = "dialog";
    const field = (name: string, type: string, value: string) => {
      const label = h("label", { class: "field" });
      const input = h("input");
      input.name = name;
      input.type = type;
      input.required = true;
      input.value = value;
      label.append(h("span", {}, t(`start.${name}`)), input);
      form.append(label);
      return input;
    };
    const year = new Date().getFullYear() + 1;
    const id = field("id", "text", `call-${year}`);
    id.pattern = "[A-Za-z0-9_\\-]{1,56}";
    const name = field("name", "text", proposal.name);
    const start = field("start", "date", `${year}-01-01`);
    const end = field("end", "date", `${year + 1}-12-31`);
    const result = h("div", { class: "start-result" });
    result.setAttribute("role", "status");

    const skeleton = () =>
      apiFetch<CallDocument>(this.token, "/api/composition/skeleton", {
        method: "POST",
        body: { call: { id: id.value.trim(), name: name.value.trim(), start: start.value, end: end.value }, proposal },
      });
    const run = (action: () => Promise<void>) => async () => {
      if (!form.reportValidity()) return;
      result.replaceChildren();
      try {
        await action();
      } catch (e) {
        const problems = e instanceof ApiError ? e.details.map((d) => `${d.path.replace(/^body\./, "")}: ${d.message}`) : [];
        result.replaceChildren(h("p", { class: "error-text" }, t("start.failed", { message: e instanceof Error ? e.message : String(e) })));
        if (problems.length) {
          const list = h("ul", { class: "error-text" });
          for (const p of problems) list.append(h("li", {}, p));
          result.append(list);
        }
      }
    };
    const download = async () => {
      const doc = await skeleton();
      const a = h("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
      a.download = `${doc.call.id}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(a.href);
      result.replaceChildren(h("p", {}, t("start.downloaded", { file: a.download })));
    };
    const importNow = async () => {
      const doc = await skeleton();
      await apiFetch(this.token, "/api/calls/import", { method: "POST", body: doc });
      const link = h("a", {}, t("start.openCall", { name: doc.call.name }));
      link.href = `/calls/${encodeURIComponent(doc.call.id)}`;
      result.replaceChildren(h("p", {}, t("start.imported")), link);
    };

    const actions = h("div", { class: "dialog-actions" });
    actions.append(h("button", { type: "button", onclick: run(download) }, t("start.download")));
    if (this.isAdmin) actions.append(h("button", { type: "button", onclick: run(importNow) }, t("start.import")));
    actions.append(h("button", { type: "button", class: "secondary", onclick: () => this.dialog.close() }, t("start.close")));

    this.dialog.setAttribute("aria-label", t("start.title"));
    this.dialog.replaceChildren(
      h("h2", {}, t("start.title")),
      h("p", { class: "muted" }, t("start.explain", { lots: proposal.lots.length })),
      form,
      actions,
      result,
    );
    this.dialog.showModal();
  }
}
