import type { AdminPage } from "./admin-page.ts";
import type { CallView, WaveProgress } from "./call-types.ts";
import { confirmDialog, formDialog } from "./dialogs.ts";
import { field, formValues, h } from "../shared/dom.ts";
import { formatDate, formatDateTime } from "../shared/format.ts";
import { waveStateBadge } from "./wave-badge.ts";
import { act, showDone, showError } from "../shared/notice.ts";

type Wave = CallView["waves"][number];
type LotProgress = WaveProgress["lots"][number];
type Asks = NonNullable<Wave["asks"]>;

/** The questions a wave may add to the circle (call-format.md), in the order the circle page asks them. */
const QUESTIONS = ["desired", "channels", "nextPartners"] as const;

/**
 * Waves: each measurement round of the call's lots, its state and, per lot, who has
 * submitted, who has a draft and who has not started. Admins add a wave, open and
 * close it by hand (closing asks first and names who has not submitted) or hand
 * it back to its dates, and choose the questions it asks beside the circle until
 * someone submits. Staff enter paper circles from here.
 */
export function wavesPanel(page: AdminPage): { section: HTMLElement; render: () => void } {
  const { t } = page;
  const notice = h("div", { class: "section-notice", "aria-live": "polite" });
  const content = h("div", { class: "stack" });
  const add = h("button", { type: "button", class: "secondary", onclick: () => addWave() }, t("waves.add"));
  const section = h(
    "section",
    { id: "waves", class: "stack", "aria-labelledby": "waves-title" },
    h("div", { class: "section-head" }, h("h2", { id: "waves-title" }, t("waves.title")), page.isAdmin && h("div", { class: "actions" }, add)),
    notice,
    content,
  );

  /** One checkbox per question; `name` is the question's key in `asks`. */
  const questionsFieldset = (asks: Wave["asks"]) =>
    h(
      "fieldset",
      { class: "wave-questions" },
      h("legend", {}, t("waves.questions.legend")),
      h("p", { class: "muted small" }, t("waves.questions.hint")),
      ...QUESTIONS.map((q) =>
        h("label", { class: "check-line" }, h("input", { type: "checkbox", name: q, checked: asks?.[q] === true }), " ", t(`waves.questions.${q}`)),
      ),
    );
  const asksOf = (form: HTMLFormElement): Asks =>
    Object.fromEntries(QUESTIONS.map((q) => [q, form.querySelector<HTMLInputElement>(`input[name="${q}"]`)!.checked])) as Asks;

  function editQuestions(wave: Wave): void {
    formDialog(t, {
      title: t("waves.questions.edit", { name: wave.name }),
      fields: [questionsFieldset(wave.asks)],
      submitLabel: t("waves.questions.save"),
      save: async (form) => {
        await page.api(`/api/waves/${encodeURIComponent(wave.id)}/asks`, { method: "PUT", body: asksOf(form) });
        await page.refresh();
        showDone(notice, t("waves.done.questions", { name: wave.name }));
      },
    });
  }

  function addWave(): void {
    const n = page.view.waves.length + 1;
    formDialog(t, {
      title: t("waves.add"),
      fields: [
        h("p", { class: "muted" }, t("waves.addHint")),
        field(t("waves.fields.name"), h("input", { type: "text", name: "name", required: true, maxlength: 200 })),
        field(t("waves.fields.id"), h("input", { type: "text", name: "id", required: true, maxlength: 64, value: `${page.callId}-w${n}` }), t("lots.fields.idHint")),
        h(
          "div",
          { class: "row" },
          field(t("waves.fields.opens"), h("input", { type: "date", name: "opens", required: true })),
          field(t("waves.fields.closes"), h("input", { type: "date", name: "closes", required: true })),
        ),
        questionsFieldset(undefined),
      ],
      submitLabel: t("waves.addSubmit"),
      save: async (form) => {
        const v = formValues(form);
        const asks = asksOf(form);
        await page.api(`/api/calls/${encodeURIComponent(page.callId)}/waves`, {
          method: "POST",
          // A wave that adds no question is written without `asks`, as the call format allows.
          body: { id: v.id ?? "", name: v.name ?? "", opens: v.opens ?? "", closes: v.closes ?? "", ...(QUESTIONS.some((q) => asks[q]) && { asks }) },
        });
        await page.refresh();
        showDone(notice, t("waves.done.added", { name: v.name }));
      },
    });
  }

  const notSubmitted = (progress: WaveProgress) =>
    progress.lots
      .map((l) => ({ lot: l, waiting: l.members.filter((m) => m.status === "draft" || m.status === "not-started") }))
      .filter((x) => x.waiting.length > 0);

  async function setState(wave: Wave, progress: WaveProgress, state: "open" | "closed" | "dates", button: HTMLButtonElement): Promise<void> {
    if (state === "closed") {
      const waiting = notSubmitted(progress);
      const yes = await confirmDialog(t, {
        title: t("waves.confirmClose.title", { name: wave.name }),
        body: [
          h("p", {}, t("waves.confirmClose.body")),
          waiting.length
            ? h(
                "div",
                { class: "waiting" },
                h("p", {}, h("strong", {}, t("waves.confirmClose.waiting", { count: waiting.reduce((n, x) => n + x.waiting.length, 0) }))),
                h(
                  "ul",
                  {},
                  ...waiting.map(({ lot, waiting: ms }) =>
                    h("li", {}, t("lots.lotLabel", { number: lot.number, name: lot.name }), ": ", ms.map((m) => `${m.name} (${t(`waves.status.${m.status}`)})`).join(", ")),
                  ),
                ),
              )
            : h("p", {}, t("waves.confirmClose.everyone")),
        ],
        confirmLabel: t("waves.close"),
        danger: true,
      });
      if (!yes) return;
    }
    const done = await act(button, notice, t, () => page.api(`/api/waves/${encodeURIComponent(wave.id)}/state`, { method: "PUT", body: { state } }));
    if (done === undefined) return;
    await page.refresh();
    showDone(notice, t(`waves.done.${state}`, { name: wave.name }));
  }

  /** Who saved the latest version: the consultant, the import, or a staff member ("role:name") typing in a paper circle. */
  const enteredBy = (m: LotProgress["members"][number]): string => {
    if (!m.savedAt) return "";
    if (m.enteredBy === undefined) return t("waves.enteredBy.respondent");
    if (m.enteredBy === "import") return t("waves.enteredBy.import");
    const [role, ...name] = m.enteredBy.split(":");
    return t("waves.enteredBy.staff", { name: name.join(":"), role: t(`common:staffNav.roles.${role}`, { defaultValue: role }) });
  };

  const statusCell = (m: LotProgress["members"][number]) =>
    h("td", {}, h("span", { class: `status status-${m.status}` }, t(`waves.status.${m.status}`)), m.revising ? h("span", { class: "muted small" }, ` · ${t("waves.revising")}`) : null);

  /** The e-mail side of a member: the invitation's state (with the server's reason when it failed), the first visit, each reminder. */
  const mailCell = (m: LotProgress["members"][number]) => {
    const mail = m.mail;
    const lines: HTMLElement[] = [];
    if (mail.invitation) {
      const i = mail.invitation;
      lines.push(h("div", {}, h("span", { class: `status mail-${i.status}` }, t(`mail.status.${i.status}`)), " ", h("span", { class: "muted small" }, formatDateTime(i.at))));
      if ("reason" in i && i.reason) lines.push(h("div", { class: "small mail-reason" }, t("mail.reason", { reason: i.reason })));
    }
    if (mail.openedAt) lines.push(h("div", { class: "small" }, t("mail.opened", { date: formatDateTime(mail.openedAt) })));
    for (const r of mail.reminders) lines.push(h("div", { class: "small" }, t("mail.reminded", { days: r.daysBefore, date: formatDateTime(r.at), status: t(`mail.status.${r.status}`) })));
    if (mail.reportReady) lines.push(h("div", { class: "small" }, t("mail.reportReady", { date: formatDateTime(mail.reportReady.at) })));
    return h("td", {}, ...(lines.length ? lines : [h("span", { class: "muted" }, "–")]));
  };

  function lotProgress(wave: Wave, lot: LotProgress): HTMLElement {
    const c = lot.counts;
    const total = c.submitted + c.draft + c.notStarted;
    return h(
      "details",
      { class: "lot-progress" },
      h(
        "summary",
        {},
        h("span", { class: "lot-progress-name" }, t("lots.lotLabel", { number: lot.number, name: lot.name })),
        h("span", { class: "meter", role: "img", "aria-label": t("waves.meter", { submitted: c.submitted, total }) },
          h("span", { class: "meter-submitted", style: `width:${total ? (100 * c.submitted) / total : 0}%` }),
          h("span", { class: "meter-draft", style: `width:${total ? (100 * c.draft) / total : 0}%` })),
        h("span", { class: "counts" },
          h("span", { class: "status status-submitted" }, t("waves.counts.submitted", { count: c.submitted })),
          h("span", { class: "status status-draft" }, t("waves.counts.draft", { count: c.draft })),
          h("span", { class: "status status-not-started" }, t("waves.counts.notStarted", { count: c.notStarted })),
          c.invited + c.failed > 0 && h("span", { class: "status mail-sent" }, t("mail.counts.invited", { count: c.invited })),
          c.failed > 0 && h("span", { class: "status mail-failed" }, t("mail.counts.failed", { count: c.failed })),
          c.invited > 0 && h("span", { class: "status mail-opened" }, t("mail.counts.opened", { count: c.opened }))),
      ),
      h(
        "table",
        { class: "progress-table" },
        h("thead", {}, h("tr", {}, h("th", {}, t("waves.columns.organisation")), h("th", {}, t("waves.columns.status")), h("th", {}, t("mail.column")), h("th", {}, t("waves.columns.saved")), h("th", {}, t("waves.columns.enteredBy")), h("th", {}, h("span", { class: "visually-hidden" }, t("waves.columns.paper"))))),
        h(
          "tbody",
          {},
          ...lot.members.map((m) =>
            h(
              "tr",
              {},
              h("td", {}, m.name, m.role === "coordinator" ? h("span", { class: "badge badge-coordinator" }, t("lots.coordinator")) : null),
              statusCell(m),
              mailCell(m),
              h("td", { class: "nowrap" }, m.savedAt ? formatDateTime(m.savedAt) : "–"),
              h("td", {}, enteredBy(m)),
              h(
                "td",
                { class: "nowrap" },
                m.status !== "inactive" &&
                  h("a", { href: `/paper/${encodeURIComponent(wave.id)}/${encodeURIComponent(m.organisation)}`, "aria-label": t("waves.paperFor", { name: m.name }) }, t("waves.paper")),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function waveCard(wave: Wave): HTMLElement {
    const asked = QUESTIONS.filter((q) => wave.asks?.[q]).map((q) => t(`waves.questions.short.${q}`));
    const body = h("div", { class: "stack" }, h("p", { class: "muted" }, t("common:loading")));
    const actions = h("div", { class: "actions" });
    const card = h(
      "article",
      { class: "card wave-card", "aria-labelledby": `wave-${wave.id}` },
      h(
        "div",
        { class: "card-head" },
        h(
          "div",
          {},
          h("h3", { id: `wave-${wave.id}` }, wave.name, " ", waveStateBadge(t, wave.state)),
          h("p", { class: "muted small" }, `${formatDate(wave.opens)} – ${formatDate(wave.closes)} · ${wave.id}`),
          h("p", { class: "small wave-asks" }, asked.length ? t("waves.questions.asked", { questions: asked.join(", ") }) : t("waves.questions.none")),
        ),
        actions,
      ),
      body,
    );
    void page.api<WaveProgress>(`/api/waves/${encodeURIComponent(wave.id)}/progress`).then(
      (progress) => {
        const c = progress.lots.reduce((a, l) => ({ s: a.s + l.counts.submitted, d: a.d + l.counts.draft, n: a.n + l.counts.notStarted }), { s: 0, d: 0, n: 0 });
        body.replaceChildren(
          h("p", {}, t("waves.summary", { submitted: c.s, total: c.s + c.d + c.n, draft: c.d, notStarted: c.n }), progress.wave.override ? h("span", { class: "muted" }, ` · ${t(`waves.override.${progress.wave.override}`)}`) : null),
          ...progress.lots.map((l) => lotProgress(wave, l)),
        );
        if (!page.isAdmin) return;
        const button = (state: "open" | "closed" | "dates", cls: string) => {
          const b = h("button", { type: "button", class: cls }, t(`waves.set.${state}`));
          b.addEventListener("click", () => void setState(wave, progress, state, b));
          return b;
        };
        // Once someone submitted, the wave's questions are fixed (the API refuses with 409).
        const questions = h("button", { type: "button", class: "secondary" }, t("waves.questions.button"));
        questions.addEventListener("click", () => editQuestions(wave));
        const answered = c.s > 0;
        actions.replaceChildren(
          ...[
            !answered && questions,
            wave.state !== "open" && button("open", "secondary"),
            progress.wave.override !== null && button("dates", "secondary"),
            wave.state !== "closed" && button("closed", "danger"),
          ].filter((b): b is HTMLButtonElement => b !== false),
        );
        if (answered) body.prepend(h("p", { class: "muted small" }, t("waves.questions.fixed")));
      },
      (err) => showError(body, t, err),
    );
    return card;
  }

  function render(): void {
    content.replaceChildren(...(page.view.waves.length ? page.view.waves.map(waveCard) : [h("p", { class: "muted" }, t("waves.none"))]));
  }

  return { section, render };
}
