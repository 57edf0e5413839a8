import type { TFunction } from "i18next";
import type { Proposal } from "../../api/composition/composition-schema.ts";
import type { CallDocument } from "../../api/schema/call-document.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { button, el } from "./element.ts";

/**
 * "Start the call": the proposal becomes the call document of a new call (its
 * organisations and lots, no waves yet). Everyone may download it; an administrator
 * may also import it at once.
 */
export class StartCallDialog {
  private readonly dialog = el("dialog", "start-call");

  constructor(
    private readonly token: string,
    private readonly isAdmin: boolean,
  ) {
    document.body.append(this.dialog);
  }

  show(proposal: Proposal, t: TFunction): void {
    const form = el("form");
    form.method = "dialog";
    const field = (name: string, type: string, value: string) => {
      const label = el("label", "field");
      const input = el("input");
      input.name = name;
      input.type = type;
      input.required = true;
      input.value = value;
      label.append(el("span", "", t(`start.${name}`)), input);
      form.append(label);
      return input;
    };
    const year = new Date().getFullYear() + 1;
    const id = field("id", "text", `call-${year}`);
    id.pattern = "[A-Za-z0-9_\\-]{1,56}";
    const name = field("name", "text", proposal.name);
    const start = field("start", "date", `${year}-01-01`);
    const end = field("end", "date", `${year + 1}-12-31`);
    const result = el("div", "start-result");
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
        result.replaceChildren(el("p", "error-text", t("start.failed", { message: e instanceof Error ? e.message : String(e) })));
        if (problems.length) {
          const list = el("ul", "error-text");
          for (const p of problems) list.append(el("li", "", p));
          result.append(list);
        }
      }
    };
    const download = async () => {
      const doc = await skeleton();
      const a = el("a");
      a.href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }));
      a.download = `${doc.call.id}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      URL.revokeObjectURL(a.href);
      result.replaceChildren(el("p", "", t("start.downloaded", { file: a.download })));
    };
    const importNow = async () => {
      const doc = await skeleton();
      await apiFetch(this.token, "/api/calls/import", { method: "POST", body: doc });
      const link = el("a", "", t("start.openCall", { name: doc.call.name }));
      link.href = `/calls/${encodeURIComponent(doc.call.id)}`;
      result.replaceChildren(el("p", "", t("start.imported")), link);
    };

    const actions = el("div", "dialog-actions");
    actions.append(button(t("start.download"), "", run(download)));
    if (this.isAdmin) actions.append(button(t("start.import"), "", run(importNow)));
    actions.append(button(t("start.close"), "secondary", () => this.dialog.close()));

    this.dialog.setAttribute("aria-label", t("start.title"));
    this.dialog.replaceChildren(
      el("h2", "", t("start.title")),
      el("p", "muted", t("start.explain", { lots: proposal.lots.length })),
      form,
      actions,
      result,
    );
    this.dialog.showModal();
  }
}
