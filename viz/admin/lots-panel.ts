import type { AdminPage } from "./admin-page.ts";
import type { CallView, Organisation } from "./call-types.ts";
import { confirmDialog, formDialog, openDialog } from "./dialogs.ts";
import { field, formValues, h } from "../shared/dom.ts";
import { act, showDone } from "../shared/notice.ts";

type Lot = CallView["lots"][number];
type Member = Lot["members"][number];

/**
 * Organisations and lots: who sits in which lot, who coordinates, who is inactive.
 * Admins add and rename organisations and lots, move an organisation between lots,
 * set the coordinator and mark a member inactive; the server refuses a change that
 * breaks a rule of the call document or would orphan circles, and the dialog shows why.
 */
export function lotsPanel(page: AdminPage): { section: HTMLElement; render: () => void } {
  const { t } = page;
  const notice = h("div", { class: "section-notice", "aria-live": "polite" });
  const content = h("div", {});
  const addOrganisation = h("button", { type: "button", class: "secondary", onclick: () => organisationDialog(undefined) }, t("lots.addOrganisation"));
  const addLot = h("button", { type: "button", class: "secondary", onclick: () => lotDialog(undefined) }, t("lots.addLot"));
  const section = h(
    "section",
    { id: "lots", class: "stack", "aria-labelledby": "lots-title" },
    h("div", { class: "section-head" }, h("h2", { id: "lots-title" }, t("lots.title")), page.isAdmin && h("div", { class: "actions" }, addOrganisation, addLot)),
    notice,
    content,
  );
  const callPath = `/api/calls/${encodeURIComponent(page.callId)}`;
  const orgPath = (id: string) => `${callPath}/organisations/${encodeURIComponent(id)}`;

  const organisation = (id: string): Organisation => page.view.organisations.find((o) => o.id === id)!;
  const lotOf = (id: string): Lot | undefined => page.view.lots.find((l) => l.members.some((m) => m.organisation === id));
  const lotLabel = (l: Lot) => t("lots.lotLabel", { number: l.number, name: l.name });

  /** After a change went through: read the call again and say what changed. */
  async function changed(message: string): Promise<void> {
    await page.refresh();
    showDone(notice, message);
  }

  const text = (name: string, value: string | undefined, attrs: Record<string, string | number | boolean> = {}) =>
    h("input", { type: "text", name, value: value ?? "", ...attrs });
  const choice = (name: string, options: Array<[value: string, label: string]>, selected: string) =>
    h("select", { name }, ...options.map(([value, label]) => h("option", { value, selected: value === selected }, label)));
  const organisationFields = (o: Organisation | undefined) => [
    field(t("lots.fields.name"), text("name", o?.name, { required: true, maxlength: 200 })),
    h(
      "div",
      { class: "row" },
      field(t("lots.fields.initials"), text("initials", o?.initials, { maxlength: 8, size: 6 })),
      field(t("lots.fields.sector"), text("sector", o?.sector, { maxlength: 200 })),
    ),
    h(
      "div",
      { class: "row" },
      field(t("lots.fields.size"), choice("size", [["", t("lots.size.unknown")], ["small", t("lots.size.small")], ["large", t("lots.size.large")]], o?.size ?? "")),
      field(t("lots.fields.kind"), choice("kind", [["sector-fund", t("lots.kind.sector-fund")], ["external", t("lots.kind.external")]], o?.kind ?? "sector-fund")),
    ),
  ];
  const lotChoices = (): Array<[string, string]> => [["", t("lots.noLot")], ...page.view.lots.map((l): [string, string] => [l.id, lotLabel(l)])];

  /** Add an organisation (`o` undefined) or change the one given: its details, lot, role and participation. */
  function organisationDialog(o: Organisation | undefined): void {
    if (!o) {
      formDialog(t, {
        title: t("lots.addOrganisation"),
        fields: [
          field(t("lots.fields.id"), text("id", "", { required: true, maxlength: 64 }), t("lots.fields.idHint")),
          ...organisationFields(undefined),
          field(t("lots.fields.lot"), choice("lot", lotChoices(), "")),
        ],
        submitLabel: t("lots.add"),
        save: async (form) => {
          const v = formValues(form);
          await page.api(`${callPath}/organisations`, {
            method: "POST",
            body: { id: v.id ?? "", name: v.name ?? "", ...(v.initials && { initials: v.initials }), ...(v.sector && { sector: v.sector }), ...(v.size && { size: v.size }), kind: v.kind, lot: v.lot ?? null },
          });
          await changed(t("lots.done.added", { name: v.name }));
        },
      });
      return;
    }
    const lot = lotOf(o.id);
    const member = lot?.members.find((m) => m.organisation === o.id);

    const detailsSave = h("button", { type: "submit" }, t("lots.saveDetails"));
    const details = h("form", { class: "stack", novalidate: true }, ...organisationFields(o), h("div", { class: "actions" }, detailsSave));
    const moveTo = choice("lot", lotChoices(), lot?.id ?? "");
    const move = h("button", { type: "button" }, t("lots.move"));
    const coordinator = h("button", { type: "button", class: "secondary" }, member?.role === "coordinator" ? t("lots.unsetCoordinator") : t("lots.makeCoordinator"));
    const active = h("button", { type: "button", class: member?.active ? "danger" : "secondary" }, member?.active ? t("lots.markInactive") : t("lots.markActive"));
    const open = openDialog(t, t("lots.organisationTitle", { name: o.name, id: o.id }), [
      h("fieldset", {}, h("legend", {}, t("lots.details")), details),
      h("fieldset", {}, h("legend", {}, t("lots.lot")), h("p", { class: "muted" }, t("lots.moveHint")), h("div", { class: "row row-end" }, field(t("lots.moveTo"), moveTo), move)),
      member && lot && h(
        "fieldset",
        {},
        h("legend", {}, t("lots.roleAndParticipation")),
        h("p", { class: "muted" }, t(member.active ? "lots.activeHint" : "lots.inactiveHint")),
        h("div", { class: "actions actions-start" }, coordinator, active),
      ),
    ]);
    /** Run one change from the dialog; a refusal stays in the dialog, a success closes it. */
    const run = (button: HTMLButtonElement, request: () => Promise<unknown>, done: string) =>
      void act(button, open.notice, t, request).then(async (ok) => {
        if (ok === undefined) return;
        open.close();
        await changed(done);
      });

    details.addEventListener("submit", (event) => {
      event.preventDefault();
      const v = formValues(details);
      run(detailsSave, () => page.api(orgPath(o.id), {
        method: "PATCH",
        body: { name: v.name ?? "", initials: v.initials ?? null, sector: v.sector ?? null, size: v.size ?? null, kind: v.kind },
      }), t("lots.done.saved", { name: v.name }));
    });
    move.addEventListener("click", () => {
      const target = page.view.lots.find((l) => l.id === moveTo.value);
      run(move, () => page.api(`${orgPath(o.id)}/lot`, { method: "PUT", body: { lot: target?.id ?? null } }),
        target ? t("lots.done.moved", { name: o.name, lot: lotLabel(target) }) : t("lots.done.removed", { name: o.name }));
    });
    if (member && lot) {
      coordinator.addEventListener("click", () => {
        const becomes = member.role === "coordinator" ? null : o.id;
        run(coordinator, () => page.api(`/api/lots/${encodeURIComponent(lot.id)}/coordinator`, { method: "PUT", body: { organisation: becomes } }),
          becomes ? t("lots.done.coordinator", { name: o.name, lot: lotLabel(lot) }) : t("lots.done.noCoordinator", { lot: lotLabel(lot) }));
      });
      active.addEventListener("click", () => {
        const request = () => page.api(`${orgPath(o.id)}/active`, { method: "PUT", body: { active: !member.active } });
        const done = t(member.active ? "lots.done.inactive" : "lots.done.active", { name: o.name });
        if (!member.active) return run(active, request, done);
        // Marking inactive also revokes the member's links: ask first.
        void confirmDialog(t, {
          title: t("lots.confirmInactive.title", { name: o.name }),
          body: [h("p", {}, t("lots.confirmInactive.body"))],
          confirmLabel: t("lots.markInactive"),
          danger: true,
        }).then((yes) => yes && run(active, request, done));
      });
    }
  }

  function lotDialog(lot: Lot | undefined): void {
    formDialog(t, {
      title: lot ? t("lots.editLot", { lot: lotLabel(lot) }) : t("lots.addLot"),
      fields: [
        !lot && field(t("lots.fields.id"), text("id", "", { required: true, maxlength: 64 }), t("lots.fields.idHint")),
        h(
          "div",
          { class: "row" },
          field(t("lots.fields.number"), h("input", { type: "number", name: "number", min: 0, max: 9999, required: true, value: lot?.number ?? page.view.lots.length + 1 })),
          field(t("lots.fields.lotName"), text("name", lot?.name, { required: true, maxlength: 300 })),
        ),
        field(t("lots.fields.jointCommittees"), text("jointCommittees", lot?.jointCommittees?.join(", ")), t("lots.fields.jointCommitteesHint")),
      ],
      submitLabel: lot ? t("lots.saveDetails") : t("lots.add"),
      save: async (form) => {
        const v = formValues(form);
        const committees = (v.jointCommittees ?? "").split(",").map((c) => c.trim()).filter(Boolean);
        const fields = { number: Number(v.number), name: v.name ?? "" };
        if (lot) {
          await page.api(`/api/lots/${encodeURIComponent(lot.id)}`, { method: "PATCH", body: { ...fields, jointCommittees: committees.length ? committees : null } });
        } else {
          await page.api(`${callPath}/lots`, { method: "POST", body: { id: v.id ?? "", ...fields, ...(committees.length && { jointCommittees: committees }) } });
        }
        await changed(t("lots.done.saved", { name: v.name }));
      },
    });
  }

  const memberRow = (m: Member) => {
    const o = organisation(m.organisation);
    return h(
      "li",
      { class: `member${m.active ? "" : " member-inactive"}` },
      h("span", { class: "member-name" }, o.name, " ", h("span", { class: "muted small" }, o.id)),
      m.role === "coordinator" && h("span", { class: "badge badge-coordinator" }, t("lots.coordinator")),
      !m.active && h("span", { class: "badge badge-inactive" }, t("lots.inactive")),
      page.isAdmin && h("button", { type: "button", class: "link-button", "aria-label": t("lots.changeNamed", { name: o.name }), onclick: () => organisationDialog(o) }, t("lots.change")),
    );
  };
  const outsiderRow = (o: Organisation) =>
    h(
      "li",
      { class: "member" },
      h("span", { class: "member-name" }, o.name, " ", h("span", { class: "muted small" }, o.id)),
      o.kind === "external" && h("span", { class: "badge" }, t("lots.kind.external")),
      page.isAdmin && h("button", { type: "button", class: "link-button", "aria-label": t("lots.changeNamed", { name: o.name }), onclick: () => organisationDialog(o) }, t("lots.change")),
    );

  function render(): void {
    const inLot = new Set(page.view.lots.flatMap((l) => l.members.map((m) => m.organisation)));
    const outsiders = page.view.organisations.filter((o) => !inLot.has(o.id));
    content.replaceChildren(
      h(
        "div",
        { class: "lot-grid" },
        ...page.view.lots.map((l) =>
          h(
            "article",
            { class: "card lot-card", "aria-labelledby": `lot-${l.id}` },
            h(
              "div",
              { class: "card-head" },
              h("h3", { id: `lot-${l.id}` }, lotLabel(l)),
              page.isAdmin && h("button", { type: "button", class: "link-button", "aria-label": t("lots.editLot", { lot: lotLabel(l) }), onclick: () => lotDialog(l) }, t("lots.change")),
            ),
            h("p", { class: "muted small" }, l.id, l.jointCommittees?.length ? ` · ${t("lots.jointCommitteesShort")} ${l.jointCommittees.join(", ")}` : ""),
            l.members.length ? h("ul", { class: "members" }, ...l.members.map(memberRow)) : h("p", { class: "muted" }, t("lots.empty")),
          ),
        ),
        outsiders.length > 0 &&
          h(
            "article",
            { class: "card lot-card lot-card-outside", "aria-labelledby": "lot-outside" },
            h("div", { class: "card-head" }, h("h3", { id: "lot-outside" }, t("lots.outside"))),
            h("p", { class: "muted small" }, t("lots.outsideHint")),
            h("ul", { class: "members" }, ...outsiders.map(outsiderRow)),
          ),
      ),
    );
  }

  return { section, render };
}
