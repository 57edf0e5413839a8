import type { CallWarning } from "../../api/schema/answers.ts";
import type { AdminPage } from "./admin-page.ts";
import type { CallView, Invitation, NewLink } from "./call-types.ts";
import { confirmThenAct } from "./dialogs.ts";
import { field, h } from "../shared/dom.ts";
import { saveBlob } from "../shared/download.ts";
import { formatDateTime } from "../shared/format.ts";
import { invitationCsv, type LinkRow } from "./invitation-csv.ts";
import { act, showDone, showError } from "../shared/notice.ts";
import { warningsNotice } from "./call-warnings.ts";
import { oneTimePanel, secretField } from "./one-time-secrets.ts";

type Wave = CallView["waves"][number];

/**
 * Invitation links of a wave (admins only). Links exist in the browser only in the
 * answer that made them: they are shown once, to copy or download as CSV for a
 * mail merge. Afterwards a link can be revoked, or re-issued (the old one stops
 * working, the new one is shown once). The consultant's e-mail is kept per link.
 */
export function invitationsPanel(page: AdminPage): { section: HTMLElement; render: () => void } {
  const { t } = page;
  const notice = h("div", { class: "section-notice", "aria-live": "polite" });
  const oneTimeSlot = h("div", { class: "stack" });
  const content = h("div", { class: "stack" });
  const waveSelect = h("select", { name: "wave" });
  const section = h(
    "section",
    { id: "invitations", class: "stack", "aria-labelledby": "invitations-title" },
    h("div", { class: "section-head" }, h("h2", { id: "invitations-title" }, t("invitations.title")), field(t("invitations.wave"), waveSelect)),
    h("p", { class: "muted" }, t("invitations.intro")),
    notice,
    oneTimeSlot,
    content,
  );
  waveSelect.addEventListener("change", () => void show());

  const wave = (): Wave | undefined => page.view.waves.find((w) => w.id === waveSelect.value);
  const nameOf = (id: string) => page.view.organisations.find((o) => o.id === id)?.name ?? id;
  const lotLabelOf = (lotId: string) => {
    const l = page.view.lots.find((x) => x.id === lotId);
    return l ? t("lots.lotLabel", { number: l.number, name: l.name }) : lotId;
  };
  /** E-mails typed for members who have no link yet; they go with the links when those are made. */
  const pending = new Map<string, string>();

  function showLinks(w: Wave, links: Array<NewLink & { email: string }>): void {
    const rows: LinkRow[] = links.map((l) => ({ organisation: nameOf(l.organisation), lot: lotLabelOf(l.lot), email: l.email, link: l.link }));
    const csv = h("button", { type: "button" }, t("invitations.csv"));
    csv.addEventListener("click", () => saveBlob(`invitations-${w.id}.csv`, new Blob([invitationCsv(rows)], { type: "text/csv;charset=utf-8" })));
    oneTimeSlot.prepend(
      oneTimePanel(t, {
        title: t("invitations.newLinks", { count: rows.length, wave: w.name }),
        warning: t("invitations.onlyOnce"),
        content: [
          h(
            "table",
            { class: "links-table" },
            h("thead", {}, h("tr", {}, h("th", {}, t("invitations.columns.organisation")), h("th", {}, t("invitations.columns.email")), h("th", {}, t("invitations.columns.link")))),
            h("tbody", {}, ...rows.map((r) => h("tr", {}, h("td", {}, r.organisation, h("div", { class: "muted small" }, r.lot)), h("td", {}, r.email), h("td", {}, secretField(t, r.link, t("invitations.linkFor", { name: r.organisation })))))),
          ),
        ],
        actions: [csv],
      }),
    );
  }

  async function createLinks(w: Wave, button: HTMLButtonElement, emailInputs: Map<string, HTMLInputElement>): Promise<void> {
    const invalid = [...emailInputs].filter(([, input]) => input.value.trim() !== "" && input.validity.typeMismatch);
    if (invalid.length) {
      showError(notice, t, new Error(t("invitations.badEmails", { names: invalid.map(([org]) => nameOf(org)).join(", ") })));
      return;
    }
    const made = await act(button, notice, t, () =>
      page.api<{ invitations: NewLink[]; warnings: CallWarning[] }>(`/api/waves/${encodeURIComponent(w.id)}/invitations`, { method: "POST" }),
    );
    if (!made) return;
    const emailOf = (org: string) => emailInputs.get(org)?.value.trim() ?? "";
    // The links are shown whatever happens next: they cannot be asked for again.
    showLinks(w, made.invitations.map((l) => ({ ...l, email: emailOf(l.organisation) })));
    const emails = made.invitations.filter((l) => emailOf(l.organisation) !== "").map((l) => ({ organisation: l.organisation, email: emailOf(l.organisation) }));
    if (emails.length) {
      const saved = await act(null, notice, t, () => page.api(`/api/waves/${encodeURIComponent(w.id)}/invitations/emails`, { method: "PUT", body: { emails } }));
      if (saved === undefined) return;
    }
    for (const l of made.invitations) pending.delete(l.organisation);
    showDone(notice, t("invitations.done.made", { count: made.invitations.length }));
    const warned = warningsNotice(t, page.view, made.warnings);
    if (warned) notice.append(warned);
    await show();
  }

  async function reissue(w: Wave, inv: Invitation, button: HTMLButtonElement): Promise<void> {
    const confirm = {
      title: t("invitations.confirmReissue.title", { name: nameOf(inv.organisation) }),
      body: t(inv.revokedAt ? "invitations.confirmReissue.revoked" : "invitations.confirmReissue.body"),
      confirmLabel: t("invitations.reissue"),
    };
    const made = await confirmThenAct(t, confirm, button, notice, () =>
      page.api<{ invitation: Invitation; link: string }>(`/api/invitations/${inv.id}/reissue`, { method: "POST" }),
    );
    if (!made) return;
    showLinks(w, [{ organisation: made.invitation.organisation, lot: made.invitation.lotId, link: made.link, email: made.invitation.email ?? "" }]);
    showDone(notice, t("invitations.done.reissued", { name: nameOf(inv.organisation) }));
    await show();
  }

  async function revoke(inv: Invitation, button: HTMLButtonElement): Promise<void> {
    const confirm = {
      title: t("invitations.confirmRevoke.title", { name: nameOf(inv.organisation) }),
      body: t("invitations.confirmRevoke.body"),
      confirmLabel: t("invitations.revoke"),
      danger: true,
    };
    const done = await confirmThenAct(t, confirm, button, notice, () => page.api(`/api/invitations/${inv.id}`, { method: "DELETE" }));
    if (done === undefined) return;
    showDone(notice, t("invitations.done.revoked", { name: nameOf(inv.organisation) }));
    await show();
  }

  async function saveEmail(w: Wave, organisation: string, input: HTMLInputElement): Promise<void> {
    const email = input.value.trim();
    const saved = await act(null, notice, t, () =>
      page.api(`/api/waves/${encodeURIComponent(w.id)}/invitations/emails`, { method: "PUT", body: { emails: [{ organisation, email: email || null }] } }),
    );
    if (saved !== undefined) showDone(notice, t("invitations.done.email", { name: nameOf(organisation) }));
  }

  // Only the latest show() may draw: an answer for a wave the user has since left must not replace the list.
  let shown = 0;
  async function show(): Promise<void> {
    const generation = ++shown;
    const w = wave();
    if (!w) {
      content.replaceChildren(h("p", { class: "muted" }, t("waves.none")));
      return;
    }
    content.setAttribute("aria-busy", "true");
    const lists = await Promise.all(
      page.view.waves.map((x) => page.api<{ invitations: Invitation[] }>(`/api/waves/${encodeURIComponent(x.id)}/invitations`).then((r) => r.invitations)),
    ).catch((err: unknown) => {
      showError(notice, t, err);
      return undefined;
    });
    if (generation !== shown) return;
    content.removeAttribute("aria-busy");
    if (!lists) return;
    const here = lists[page.view.waves.indexOf(w)]!;
    // A consultant's e-mail carries over from any earlier link of the call.
    const knownEmail = new Map(lists.flat().filter((i) => i.email).sort((a, b) => a.id - b.id).map((i) => [i.organisation, i.email!]));
    const members = page.view.lots.flatMap((l) => l.members.filter((m) => m.active).map((m) => ({ ...m, lot: l })));
    const emailInputs = new Map<string, HTMLInputElement>();

    const rows = members.map((m) => {
      const mine = here.filter((i) => i.organisation === m.organisation);
      const live = mine.find((i) => !i.revokedAt);
      const latest = mine.at(-1);
      const name = nameOf(m.organisation);
      const email = h("input", { type: "email", maxlength: 254, value: live ? (live.email ?? "") : (pending.get(m.organisation) ?? knownEmail.get(m.organisation) ?? ""), "aria-label": t("invitations.emailFor", { name }) });
      emailInputs.set(m.organisation, email);
      email.addEventListener("change", () => {
        if (live) void saveEmail(w, m.organisation, email);
        else pending.set(m.organisation, email.value.trim());
      });
      const buttons: HTMLButtonElement[] = [];
      if (live) {
        const b = h("button", { type: "button", class: "link-button danger-text", "aria-label": t("invitations.revokeFor", { name }) }, t("invitations.revoke"));
        b.addEventListener("click", () => void revoke(live, b));
        buttons.push(b);
      }
      if (latest) {
        const b = h("button", { type: "button", class: "link-button", "aria-label": t("invitations.reissueFor", { name }) }, t("invitations.reissue"));
        b.addEventListener("click", () => void reissue(w, live ?? latest, b));
        buttons.push(b);
      }
      const status = live
        ? h("span", { class: "status status-submitted" }, t("invitations.status.live", { date: formatDateTime(live.createdAt) }))
        : latest?.revokedAt
          ? h("span", { class: "status status-inactive" }, t("invitations.status.revoked", { date: formatDateTime(latest.revokedAt) }))
          : h("span", { class: "status status-not-started" }, t("invitations.status.none"));
      return { live, row: h("tr", {}, h("td", {}, name, h("div", { class: "muted small" }, t("lots.lotShort", { number: m.lot.number }))), h("td", {}, status), h("td", {}, email), h("td", { class: "nowrap" }, ...buttons)) };
    });

    const missing = rows.filter((r) => !r.live).length;
    const create = h("button", { type: "button", disabled: missing === 0 }, missing ? t("invitations.create", { count: missing }) : t("invitations.allInvited"));
    create.addEventListener("click", () => void createLinks(w, create, emailInputs));
    content.replaceChildren(
      members.length
        ? h("div", { class: "card" }, h(
            "table",
            { class: "invitations-table" },
            h("thead", {}, h("tr", {}, h("th", {}, t("invitations.columns.organisation")), h("th", {}, t("invitations.columns.link")), h("th", {}, t("invitations.columns.email")), h("th", {}, h("span", { class: "visually-hidden" }, t("invitations.columns.actions"))))),
            h("tbody", {}, ...rows.map((r) => r.row)),
          ))
        : h("p", { class: "muted" }, t("invitations.noMembers")),
      h("div", { class: "actions actions-start" }, create, h("span", { class: "muted small" }, t("invitations.createHint"))),
    );
  }

  function render(): void {
    const previous = waveSelect.value;
    const open = page.view.waves.find((w) => w.state === "open") ?? page.view.waves.at(-1);
    waveSelect.replaceChildren(...page.view.waves.map((w) => h("option", { value: w.id }, `${w.name} (${t(`waves.state.${w.state}`)})`)));
    waveSelect.value = page.view.waves.some((w) => w.id === previous) ? previous : (open?.id ?? "");
    void show();
  }

  return { section, render };
}
