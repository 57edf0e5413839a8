import type { TFunction } from "i18next";
import type { Proposal, SavedProposal } from "../../api/composition/composition-schema.ts";
import { apiFetch } from "../shared/api.ts";
import { button, el } from "./element.ts";

export interface SavedProposalsEvents {
  open(saved: SavedProposal): void;
  renamed(saved: SavedProposal): void;
  deleted(id: number): void;
}

/** The dialog of saved proposals: reopen, rename and delete them. */
export class SavedProposalsDialog {
  private readonly dialog = el("dialog", "saved-proposals");

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
    const close = button(t("saved.close"), "secondary", () => this.dialog.close());
    const list = el("ul", "saved-list");
    for (const p of proposals) list.append(this.row(p, t));
    this.dialog.replaceChildren(
      el("h2", "", t("saved.title")),
      proposals.length ? list : el("p", "muted", t("saved.none")),
      close,
    );
    this.dialog.setAttribute("aria-label", t("saved.title"));
  }

  private row(p: SavedProposal, t: TFunction): HTMLElement {
    const li = el("li");
    li.dataset.proposalId = String(p.id);
    const plain = () =>
      li.replaceChildren(
        el("span", "saved-name", p.name),
        el("span", "muted saved-when", t("saved.updated", { when: new Date(p.updatedAt).toLocaleString(document.documentElement.lang) })),
        button(t("saved.open"), "", () => {
          this.dialog.close();
          this.events.open(p);
        }),
        button(t("saved.rename"), "secondary", renaming),
        button(t("saved.delete"), "secondary", deleting),
      );
    const renaming = () => {
      const input = el("input");
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
      li.replaceChildren(input, button(t("saved.saveName"), "", () => void save()), button(t("saved.cancel"), "secondary", plain));
      input.focus();
    };
    const deleting = () =>
      li.replaceChildren(
        el("span", "saved-name", t("saved.confirmDelete", { name: p.name })),
        button(t("saved.delete"), "danger", async () => {
          await apiFetch(this.token, `/api/composition/proposals/${p.id}`, { method: "DELETE" });
          this.events.deleted(p.id);
          await this.refresh();
        }),
        button(t("saved.cancel"), "secondary", plain),
      );
    plain();
    return li;
  }
}
