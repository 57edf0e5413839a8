import type { TFunction } from "i18next";
import type { AdminPage } from "./admin-page.ts";
import type { CallView } from "./call-types.ts";
import { confirmThenAct } from "./dialogs.ts";
import { field, h } from "../shared/dom.ts";
import { act, showDone, showError } from "../shared/notice.ts";
import { mailModeNotice } from "./mail-mode.ts";

type Wave = CallView["waves"][number];
const KINDS = ["invitation", "reminder", "report-ready"] as const;
const LANGUAGES = ["nl", "en", "fr", "de"] as const;

interface Template { kind: string; language: string; subject: string; body: string; custom: boolean }
interface Schedule { days: number[]; at: string; timeZone: string; due: Array<{ daysBefore: number; at: string }> }
interface Sent { mode: "smtp" | "outbox"; queued: string[]; skipped: Array<{ organisation: string; reason: string }> }
interface Preview { language: string; subject: string; text: string }

const select = (name: string, label: string, options: Array<[string, string]>) =>
  h("select", { name, "aria-label": label }, ...options.map(([value, text]) => h("option", { value }, text)));

/**
 * Mail for a wave (admins only): whether mail leaves the machine, sending the
 * invitations by e-mail, the reminder schedule, the wording of each message per
 * language with a preview, and the language of each organisation.
 */
export function mailPanel(page: AdminPage): { section: HTMLElement; render: () => void } {
  const { t } = page;
  const notice = h("div", { class: "section-notice", "aria-live": "polite" });
  const mode = h("div", {});
  const waveSelect = h("select", { name: "mail-wave" });
  const send = h("button", { type: "button" }, t("mail.send"));
  const schedule = h("div", { class: "stack" });
  const wording = h("div", { class: "stack" });
  const languages = h("div", {});
  const section = h(
    "section",
    { id: "mail", class: "stack", "aria-labelledby": "mail-title" },
    h("div", { class: "section-head" }, h("h2", { id: "mail-title" }, t("mail.title")), field(t("invitations.wave"), waveSelect)),
    mode,
    h("p", { class: "muted" }, t("mail.intro")),
    notice,
    h("div", { class: "actions actions-start" }, send, h("span", { class: "muted small" }, t("mail.sendHint"))),
    h("div", { class: "card stack" }, h("h3", {}, t("mail.reminders.title")), schedule),
    h("div", { class: "card stack" }, h("h3", {}, t("mail.wording.title")), wording),
    h("details", { class: "card" }, h("summary", {}, t("mail.languages.title")), languages),
  );
  const wave = (): Wave | undefined => page.view.waves.find((w) => w.id === waveSelect.value);
  const nameOf = (id: string) => page.view.organisations.find((o) => o.id === id)?.name ?? id;
  const wavePath = (w: Wave) => `/api/waves/${encodeURIComponent(w.id)}`;
  waveSelect.addEventListener("change", () => void showSchedule());
  send.addEventListener("click", () => void sendInvitations());

  async function sendInvitations(): Promise<void> {
    const w = wave();
    if (!w) return;
    const confirm = { title: t("mail.confirmSend.title", { wave: w.name }), body: t("mail.confirmSend.body"), confirmLabel: t("mail.send") };
    const sent = await confirmThenAct(t, confirm, send, notice, () => page.api<Sent>(`${wavePath(w)}/mail/invitations`, { method: "POST", body: {} }));
    if (!sent) return;
    const skipped = sent.skipped.map((s) => `${nameOf(s.organisation)} (${t(`mail.skipped.${s.reason}`)})`).join(", ");
    showDone(notice, [t(`mail.done.${sent.mode}`, { count: sent.queued.length }), skipped && t("mail.done.skipped", { list: skipped })].filter(Boolean).join(" "));
    await page.refresh();
  }

  async function showSchedule(): Promise<void> {
    const w = wave();
    if (!w) return schedule.replaceChildren(h("p", { class: "muted" }, t("waves.none")));
    const s = await page.api<Schedule>(`${wavePath(w)}/reminders`).catch((err: unknown) => showError(schedule, t, err));
    if (!s) return;
    const days = h("input", { type: "text", name: "days", value: s.days.join(", "), inputmode: "numeric", maxlength: 30 });
    const at = h("input", { type: "time", name: "at", value: s.at, required: true });
    const save = h("button", { type: "submit", class: "secondary" }, t("mail.reminders.save"));
    const form = h(
      "form",
      { class: "row row-end" },
      field(t("mail.reminders.days"), days, t("mail.reminders.daysHint")),
      field(t("mail.reminders.at"), at),
      save,
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const list = days.value.split(/[,\s]+/).filter(Boolean).map(Number);
      void act(save, notice, t, () => page.api(`${wavePath(w)}/reminders`, { method: "PUT", body: { days: list, at: at.value } })).then((r) => {
        if (r === undefined) return;
        showDone(notice, t("mail.reminders.saved"));
        void showSchedule();
      });
    });
    schedule.replaceChildren(
      form,
      s.due.length
        ? h("ul", { class: "plain-list" }, ...s.due.map((d) => h("li", {}, t("mail.reminders.due", { days: d.daysBefore, date: inZone(d.at, s.timeZone) }))))
        : h("p", { class: "muted" }, t("mail.reminders.off")),
    );
  }

  async function showWording(): Promise<void> {
    const all = await page.api<{ templates: Template[]; placeholders: string[]; languages: Record<string, string> }>(`/api/calls/${encodeURIComponent(page.callId)}/mail/templates`).catch((err: unknown) => showError(wording, t, err));
    if (!all) return;
    showLanguages(all.languages);
    const kind = select("kind", t("mail.wording.kind"), KINDS.map((k) => [k, t(`mail.kinds.${k}`)]));
    const language = select("language", t("mail.wording.language"), LANGUAGES.map((l) => [l, t(`mail.languageNames.${l}`)]));
    const members = page.view.lots.flatMap((l) => l.members.filter((m) => m.active).map((m) => m.organisation));
    const organisation = select("organisation", t("mail.wording.organisation"), members.map((o) => [o, nameOf(o)]));
    const subject = h("input", { type: "text", name: "subject", maxlength: 200, required: true });
    const body = h("textarea", { name: "body", rows: 12, maxlength: 5000, required: true });
    const custom = h("p", { class: "muted small" });
    const out = h("div", { class: "mail-preview", "aria-live": "polite" });
    const current = () => all.templates.find((x) => x.kind === kind.value && x.language === language.value)!;
    const fill = () => {
      const c = current();
      subject.value = c.subject;
      body.value = c.body;
      custom.textContent = t(c.custom ? "mail.wording.custom" : "mail.wording.standard");
      out.replaceChildren();
    };
    kind.addEventListener("change", fill);
    language.addEventListener("change", fill);
    const previewButton = h("button", { type: "button", class: "secondary" }, t("mail.wording.preview"));
    const saveButton = h("button", { type: "button" }, t("mail.wording.save"));
    const resetButton = h("button", { type: "button", class: "link-button" }, t("mail.wording.reset"));
    const templatePath = () => `/api/calls/${encodeURIComponent(page.callId)}/mail/templates/${kind.value}/${language.value}`;
    previewButton.addEventListener("click", () => {
      const w = wave();
      if (!w) return;
      void act(previewButton, out, t, () =>
        page.api<Preview>(`${wavePath(w)}/mail/preview`, { method: "POST", body: { kind: kind.value, organisation: organisation.value, language: language.value, template: { subject: subject.value, body: body.value } } }),
      ).then((p) => p && out.replaceChildren(previewOf(t, p)));
    });
    const store = (method: "PUT" | "DELETE", button: HTMLButtonElement) =>
      void act(button, out, t, () => page.api<Template>(templatePath(), method === "PUT" ? { method, body: { subject: subject.value, body: body.value } } : { method })).then((saved) => {
        if (!saved) return;
        Object.assign(current(), saved);
        fill();
        showDone(out, t(method === "PUT" ? "mail.wording.saved" : "mail.wording.resetDone"));
      });
    saveButton.addEventListener("click", () => store("PUT", saveButton));
    resetButton.addEventListener("click", () => store("DELETE", resetButton));
    wording.replaceChildren(
      h("div", { class: "row" }, field(t("mail.wording.kind"), kind), field(t("mail.wording.language"), language), field(t("mail.wording.organisation"), organisation)),
      field(t("mail.wording.subject"), subject),
      field(t("mail.wording.body"), body, t("mail.wording.placeholders", { list: all.placeholders.map((p) => `{{${p}}}`).join(" "), link: "{{link}}" })),
      custom,
      h("div", { class: "actions actions-start" }, previewButton, saveButton, resetButton),
      out,
    );
    fill();
  }

  function showLanguages(known: Record<string, string>): void {
    const rows = page.view.lots.flatMap((l) => l.members.filter((m) => m.active)).map((m) => {
      const name = nameOf(m.organisation);
      const choice = select("language", t("mail.languages.for", { name }), LANGUAGES.map((l) => [l, t(`mail.languageNames.${l}`)]));
      choice.value = known[m.organisation] ?? "nl";
      choice.addEventListener("change", () =>
        void act(null, notice, t, () => page.api(`/api/calls/${encodeURIComponent(page.callId)}/organisations/${encodeURIComponent(m.organisation)}/language`, { method: "PUT", body: { language: choice.value } })).then(
          (r) => r !== undefined && showDone(notice, t("mail.languages.saved", { name })),
        ),
      );
      return h("tr", {}, h("td", {}, name), h("td", {}, choice));
    });
    languages.replaceChildren(h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, t("invitations.columns.organisation")), h("th", {}, t("mail.wording.language")))), h("tbody", {}, ...rows)));
  }

  let first = true;
  function render(): void {
    const previous = waveSelect.value;
    const open = page.view.waves.find((w) => w.state === "open") ?? page.view.waves.at(-1);
    waveSelect.replaceChildren(...page.view.waves.map((w) => h("option", { value: w.id }, `${w.name} (${t(`waves.state.${w.state}`)})`)));
    waveSelect.value = page.view.waves.some((w) => w.id === previous) ? previous : (open?.id ?? "");
    send.disabled = !wave();
    if (!first) return;
    first = false;
    void page.api<{ mode: "smtp" | "outbox"; from: string }>("/api/mail").then((m) => mode.replaceChildren(mailModeNotice(t, m.mode, m.from)), (err: unknown) => showError(mode, t, err));
    void showSchedule();
    void showWording();
  }

  return { section, render };
}

/** A moment as the clocks of the schedule's time zone show it (09:00 in Brussels stays 09:00 wherever the admin sits). */
const inZone = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(document.documentElement.lang || "nl", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));

function previewOf(t: TFunction, p: Preview): HTMLElement {
  return h("div", { class: "card stack" }, h("p", {}, h("strong", {}, t("mail.wording.subject"), ": "), p.subject), h("pre", { class: "mail-text" }, p.text));
}
