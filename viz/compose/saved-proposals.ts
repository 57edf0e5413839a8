import type { TFunction } from "i18next";
import type { Proposal, SavedProposal } from "../../api/schema/proposals.ts";
import { apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { formatDateTime } from "../shared/format.ts";

export interface SavedProposalsEvents {
  open(saved: SavedProposal): void;
  renamed(saved: SavedProposal): void;
  deleted(id: number): void;
}

/** The dialog of saved proposals: reopen, rename and delete them. */
export class SavedProposalsDialog {
  private readonly dialog = h("dialog", { class: "saved-proposals" });

  constructor(
    private readonly token: string,
    private readonly t: TFunction,
    private readonly events: SavedProposalsEvents,
  ) {
    document.body.append(this.dialog);
  }

  async show(): Promise<void> {
    await this.refresh();
    if (!this.dialog.open) this.dialog.showModal();
  }

  private async refresh(): Promise<void> {
    const t = this.t;
    const { proposals } = await apiFetch<{ proposals: SavedProposal[] }>(this.token, "/api/composition/proposals");
    const close = h("button", { type: "button", class: "secondary", onclick: () => this.dialog.close() }, t("saved.close"));
    const list = h("ul", { class: "saved-list" });
    for (const p of proposals) list.append(this.row(p, t));
    this.dialog.replaceChildren(
      h("h2", {}, t("saved.title")),
      proposals.length ? list : h("p", { class: "muted" }, t("saved.none")),
      close,
    );
    this.dialog.setAttribute("aria-label", t("saved.title"));
  }

  private row(p: SavedProposal, t: TFunction): HTMLElement {
    const li = h("li");
    li.dataset.proposalId = String(p.id);
    const plain = () =>
      li.replaceChildren(
        h("span", { class: "saved-name" }, p.name),
        h("span", { class: "muted saved-when" }, t("saved.updated", { when: formatDateTime(p.updatedAt) })),
        h("button", { type: "button", onclick: () => {
          this.dialog.close();
          this.events.open(p);
        } }, t("saved.open")),
        h("button", { type: "button", class: "secondary", onclick: renaming }, t("saved.rename")),
        h("button", { type: "button", class: "secondary", onclick: deleting }, t("saved.delete")),
      );
    const renaming = () => {
      const input = h("input");
      input.type = "text";
      input.value = p.name;
      input.setAttribute("aria-label", t("saved.newName"));
      const save = async () => {
        const name = input.value.trim();
        if (!name) return;
        const body: Proposal = { name, lots: p.lots };
        const { proposal } = await apiFetch<{ proposal: SavedProposal }>(this.token, `/api/composition/proposals/${p.id}`, { method: "PUT", body });
        this.events.renamed(proposal);
        await this.refresh();
      };
      input.addEventListener("keydown", (e) => {
        if (e.key === "Enter") void save();
      });
      li.replaceChildren(input, h("button", { type: "button", onclick: () => void save() }, t("saved.saveName")), h("button", { type: "button", class: "secondary", onclick: plain }, t("saved.cancel")));
      input.focus();
    };
    const deleting = () =>
      li.replaceChildren(
        h("span", { class: "saved-name" }, t("saved.confirmDelete", { name: p.name })),
        h("button", { type: "button", class: "danger", onclick: async () => {
          await apiFetch(this.token, `/api/composition/proposals/${p.id}`, { method: "DELETE" });
          this.events.deleted(p.id);
          await this.refresh();
        } }, t("saved.delete")),
        h("button", { type: "button", class: "secondary", onclick: plain }, t("saved.cancel")),
      );
    plain();
    return li;
  }
}
