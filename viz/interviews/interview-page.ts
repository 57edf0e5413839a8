import type { CircleAnswer, CircleContextAnswer, CodeCountsAnswer, InterviewAnswer, InterviewSummary, SavedInterviewAnswer } from "../../api/schema/answers.ts";
import type { Forms, Tie } from "../../api/schema/call-document.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { NOTE_FIELDS, type NoteField } from "../../api/schema/interview-codes.ts";
import { DraftSaver, readPending, type SaveStatus } from "../circle/draft-saver.ts";
import type { CirclePartner } from "../circle/circle-drawing.ts";
import { apiFetch, type ApiError } from "../shared/api.ts";
import { field, h } from "../shared/dom.ts";
import { formatDate, formatDateTime } from "../shared/format.ts";
import { i18next } from "../shared/i18n.ts";
import { exportPanel } from "../workspace/network-exports.ts";
import { readOnlyCircle } from "../workspace/read-only-circle.ts";
import { enc, pathParams, startWorkspacePage } from "../workspace/workspace-page.ts";
import { codePicker } from "./code-picker.ts";
import { bodyOf, draftOf, emptyDraft, hasNotes, noteFor, type InterviewDraft, type InterviewFields } from "./interview-draft.ts";
import "../workspace/workspace.css";
import "./interview.css";

/**
 * The evaluator's interview with one respondent about its circle (annexes 7 and 8
 * of the evaluation): the circle as drawn (and the desired one when the wave asks
 * it) beside the partners in turn, each with the guide's questions and the codes of
 * the coding scheme, general notes and the status. Saved as the circle page saves a
 * draft (DraftSaver): a moment after each change, kept in the browser until the
 * server has it, every save a new version; a save on top of someone else's is
 * stopped and the evaluator chooses which notes to go on with.
 */
const page = await startWorkspacePage(["workspace", "interview"]);
const { main } = page;
const t = i18next.getFixedT(null, "interview");
const { waveId, organisationId } = pathParams<"waveId" | "organisationId">("/interviews/:waveId/:organisationId");
const base = `/api/interviews/${enc(waveId)}/${enc(organisationId)}`;
const put = (body: InterviewFields & { basedOn: number }) => apiFetch<SavedInterviewAnswer>(page.token, base, { method: "PUT", body });

/** A partner to talk about: named in the circle, or a member of the lot it did not name. */
interface Partner {
  id: string;
  name: string;
  role?: "coordinator" | "partner";
  tie?: Tie;
}

const formsText = (forms: Forms) =>
  FORMS.filter((f) => forms[f] !== undefined)
    .map((f) => `${i18next.t(`common:formsShort.${f}`)} ${forms[f]}`)
    .join(" · ");

try {
  const circleBase = `/api/waves/${enc(waveId)}/circles/${enc(organisationId)}`;
  const [context, circle, stored] = await Promise.all([
    page.api<CircleContextAnswer>(`${circleBase}/context`),
    page.api<CircleAnswer>(circleBase),
    page.api<InterviewAnswer>(base),
  ]);
  const me = context.organisation;
  document.title = `${t("title", { name: me.name })} · ${i18next.t("common:brand")}`;
  const names = new Map<string, CirclePartner>([...context.partners, ...context.others].map((p) => [p.id, p]));
  const roles = new Map(context.partners.map((p) => [p.id, p.role]));
  const ties = circle.current?.ties ?? [];
  // The respondent's wishes for a next call, said where the interview reaches each partner.
  const wishedWith = new Set(circle.current?.nextPartners?.with);
  const wishedWithout = new Set(circle.current?.nextPartners?.without);
  const partners: Partner[] = [
    ...ties.map((tie) => ({ id: tie.partner, tie })),
    ...context.partners.filter((p) => !ties.some((tie) => tie.partner === p.id)).map((p) => ({ id: p.id })),
    ...(stored.current?.partners ?? []).map((n) => ({ id: n.partner })),
  ]
    .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i)
    .map((p) => ({ ...p, name: names.get(p.id)?.name ?? p.id, ...(roles.has(p.id) && { role: roles.get(p.id)! }) }));
  const order = partners.map((p) => p.id);

  const storageKey = `netwerkcirkel.interview.${waveId}.${organisationId}`;
  const pending = readPending<InterviewFields>(storageKey, (v) => Array.isArray(v.partners));
  let draft: InterviewDraft = pending ? draftOf(pending) : stored.current ? draftOf(stored.current) : emptyDraft();
  let lastSaved: InterviewSummary | undefined = stored.versions.at(-1);
  let selected = 0;

  const status = h("p", { class: "save-status", role: "status", "aria-live": "polite" });
  const version = h("p", { class: "muted small save-version" });
  const conflictBox = h("div", { class: "conflict", hidden: true });
  const showVersion = () => {
    version.textContent = lastSaved
      ? t("save.version", { version: lastSaved.version, who: lastSaved.writtenBy, date: formatDateTime(lastSaved.savedAt) })
      : t("save.none");
  };
  const setStatus = (s: SaveStatus | "refused", detail = "") => {
    status.dataset.status = s;
    status.textContent = s === "invalid" ? t("save.invalid", { problem: detail }) : s === "refused" ? t("save.refused", { message: detail }) : t(`save.${s}`);
  };

  const saver: DraftSaver<InterviewFields, InterviewSummary> = new DraftSaver({
    storageKey,
    baseVersion: pending ? pending.baseVersion : (lastSaved?.version ?? 0),
    save: put,
    onStatus: (s) => setStatus(s),
    onSaved: (saved) => {
      lastSaved = saved;
      showVersion();
      void refreshCounts();
    },
    onRejected: (problems) => setStatus("invalid", problems.map((p) => `${p.path}: ${p.message}`).join("; ")),
    onRefused: (error: ApiError) => setStatus("refused", error.message),
    onStale: () => void resolveConflict(),
  });
  const changed = () => {
    saver.change(bodyOf(draft, order));
    drawPartnerList();
  };

  /** Someone saved meanwhile: the same notes (our own save whose answer was lost) go on quietly; else the evaluator chooses. */
  async function resolveConflict(): Promise<void> {
    const latest = await page.api<InterviewAnswer>(base);
    const theirs = latest.current!;
    const mine = bodyOf(draft, order);
    const theirsBody = bodyOf(draftOf(theirs), order);
    const settle = (body: InterviewFields, saved: InterviewSummary) => {
      saver.change(body);
      saver.stored(body, saved);
      saver.rebase(saved.version);
      lastSaved = saved;
      showVersion();
    };
    if (JSON.stringify(mine) === JSON.stringify(theirsBody)) return settle(mine, theirs);
    const keepMine = h("button", { type: "button" }, t("conflict.keepMine"));
    const takeTheirs = h("button", { type: "button", class: "secondary" }, t("conflict.takeTheirs"));
    keepMine.onclick = () => {
      conflictBox.hidden = true;
      saver.rebase(theirs.version);
    };
    takeTheirs.onclick = async () => {
      keepMine.disabled = takeTheirs.disabled = true;
      // Ours is stored first and theirs again on top: both stay in the versions.
      const ours = await put({ ...bodyOf(draft, order), basedOn: theirs.version });
      const back = await put({ ...theirsBody, basedOn: ours.saved.version });
      draft = draftOf(theirsBody);
      drawInterview();
      settle(theirsBody, back.saved);
      conflictBox.hidden = true;
    };
    conflictBox.replaceChildren(
      h("h2", {}, t("conflict.heading")),
      h("p", {}, t("conflict.text", { who: theirs.writtenBy, version: theirs.version, date: formatDateTime(theirs.savedAt) })),
      h("div", { class: "actions" }, keepMine, takeTheirs),
    );
    conflictBox.hidden = false;
    keepMine.focus();
  }

  // The interview itself: status, day, general notes and their codes.
  const interviewCard = h("section", { class: "card interview-general", "aria-labelledby": "interview-general" });
  function drawInterview(): void {
    const statusSelect = h("select", { name: "status" });
    statusSelect.append(...(["planned", "done"] as const).map((s) => new Option(t(`status.${s}`), s, false, draft.status === s)));
    statusSelect.onchange = () => {
      draft.status = statusSelect.value as InterviewDraft["status"];
      changed();
    };
    const day = h("input", { type: "date", name: "plannedOn", value: draft.plannedOn });
    day.oninput = () => {
      draft.plannedOn = day.value;
      changed();
    };
    const notes = h("textarea", { name: "notes", rows: 4 });
    notes.value = draft.notes;
    notes.oninput = () => {
      draft.notes = notes.value;
      changed();
    };
    interviewCard.replaceChildren(
      h("h2", { id: "interview-general" }, t("general.heading")),
      h("div", { class: "status-row" }, field(t("status.label"), statusSelect), field(t("status.plannedOn"), day)),
      field(t("general.heading"), notes, t("general.hint")),
      codePicker(t, t("general.codes"), draft.codes, (codes) => {
        draft.codes = codes;
        changed();
      }),
    );
    drawPartner();
  }

  // The partners in turn.
  const partnerList = h("ol", { class: "partner-list" });
  const partnerCard = h("article", { class: "partner-notes" });
  function drawPartnerList(): void {
    partnerList.replaceChildren(
      ...partners.map((p, i) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", class: "partner-pick", "data-partner": p.id, "aria-current": i === selected ? "true" : undefined, onclick: () => select(i) },
            p.name,
            hasNotes(draft.partners.get(p.id)) && h("span", { class: "badge" }, t("partners.hasNotes")),
          ),
        ),
      ),
    );
  }
  function select(i: number): void {
    selected = i;
    drawPartnerList();
    drawPartner();
    partnerCard.querySelector("h3")?.focus();
  }
  function drawPartner(): void {
    const p = partners[selected];
    if (!p) {
      partnerCard.replaceChildren(h("p", { class: "muted" }, t("partners.none")));
      return;
    }
    const note = draft.partners.get(p.id);
    const facts = [
      !p.tie && t("partners.notInCircle"),
      p.tie && Object.keys(p.tie.forms).length > 0 && t("partners.current", { forms: formsText(p.tie.forms) }),
      p.tie?.desired && (Object.keys(p.tie.desired).length > 0 ? t("partners.desired", { forms: formsText(p.tie.desired) }) : t("partners.noneWanted")),
      p.tie?.channels?.length && t("partners.channels", { channels: p.tie.channels.map((c) => i18next.t(`common:channels.${c}`)).join(", ") }),
      wishedWith.has(p.id) && t("partners.nextWith"),
      wishedWithout.has(p.id) && t("partners.nextWithout"),
    ].filter((f): f is string => Boolean(f));
    const textarea = (f: NoteField) => {
      const area = h("textarea", { name: f, rows: 3, "data-field": f });
      area.value = note?.[f] ?? "";
      area.oninput = () => {
        noteFor(draft, p.id)[f] = area.value;
        changed();
      };
      const hint = f === "howItCameAbout" || f === "prosAndCons" || f === "currentVsDesired" ? t(`fields.${f}Hint`) : undefined;
      return field(t(`fields.${f}`), area, hint);
    };
    partnerCard.dataset.partner = p.id;
    partnerCard.replaceChildren(
      h("p", { class: "muted small" }, t("partners.position", { index: selected + 1, count: partners.length })),
      h(
        "h3",
        { tabindex: -1 },
        p.name,
        p.role === "coordinator" && h("span", { class: "muted small" }, ` (${t("partners.coordinator")})`),
        !p.role && h("span", { class: "muted small" }, ` (${t("partners.outside")})`),
      ),
      ...(facts.length > 0 ? [h("p", { class: "tie-facts" }, facts.join(" · "))] : []),
      ...NOTE_FIELDS.map(textarea),
      codePicker(t, t("partners.codes", { name: p.name }), note?.codes ?? [], (codes) => {
        noteFor(draft, p.id).codes = codes;
        changed();
      }),
      h(
        "div",
        { class: "actions partner-steps" },
        h("button", { type: "button", class: "secondary", disabled: selected === 0, onclick: () => select(selected - 1) }, t("partners.previous")),
        h("button", { type: "button", class: "secondary", disabled: selected >= partners.length - 1, onclick: () => select(selected + 1) }, t("partners.next")),
      ),
    );
  }

  // The circle as drawn, and the desired one when the wave asks it.
  const circleCard = h("section", { class: "card interview-circle" });
  const current = circle.current;
  if (!current) {
    circleCard.append(h("h2", {}, t("circle.current")), h("p", { class: "muted" }, t("circle.none", { name: me.name, wave: context.wave.name })));
  } else {
    const everyone = [...names.values()];
    const picture = (heading: string, title: string, drawn: Tie[]) => {
      const box = h("div", { class: "circle-picture" });
      circleCard.append(h("h2", {}, heading), box);
      readOnlyCircle(box, i18next.t, { centre: me, partners: everyone, ties: drawn, title });
    };
    if (current.status === "draft") circleCard.append(h("p", { class: "caveat" }, t("circle.draft", { date: formatDate(current.savedAt.slice(0, 10)) })));
    picture(t("circle.current"), t("circle.currentTitle", { name: me.name }), current.ties.filter((tie) => Object.keys(tie.forms).length > 0));
    if (context.wave.asks.desired) {
      const desired = current.ties.flatMap((tie) => (tie.desired && Object.keys(tie.desired).length > 0 ? [{ partner: tie.partner, forms: tie.desired }] : []));
      if (desired.length > 0) picture(t("circle.desired"), t("circle.desiredTitle", { name: me.name }), desired);
      else circleCard.append(h("h2", {}, t("circle.desired")), h("p", { class: "muted" }, t("circle.noDesired")));
    }
  }

  // Code counts of the lot, kept small: the codes used, with their notes and interviews.
  const countsCard = h("section", { class: "card code-counts", "aria-labelledby": "code-counts" });
  const lotName = `${t("lot", { number: context.lot.number })} · ${context.lot.name}`;
  async function refreshCounts(): Promise<void> {
    const counts = await page.api<CodeCountsAnswer>(`/api/waves/${enc(waveId)}/interviews/codes?lot=${enc(context.lot.id)}`);
    const lot = counts.lots[0]!;
    countsCard.replaceChildren(
      h("h2", { id: "code-counts" }, t("counts.heading", { lot: lotName })),
      h("p", { class: "muted small" }, t("counts.intro", { count: lot.interviews, wave: context.wave.name })),
      lot.codes.length === 0
        ? h("p", {}, t("counts.none"))
        : h(
            "table",
            {},
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("counts.code")), h("th", { scope: "col", class: "num" }, t("counts.notes")), h("th", { scope: "col", class: "num" }, t("counts.interviews")))),
            h("tbody", {}, ...lot.codes.map((c) => h("tr", { "data-code": c.code }, h("th", { scope: "row", title: t(`codeHints.${c.code}`) }, t(`codes.${c.code}`)), h("td", { class: "num" }, String(c.notes)), h("td", { class: "num" }, String(c.interviews))))),
          ),
    );
  }

  const exportCard = h(
    "section",
    { class: "card" },
    h("h2", {}, t("export.heading", { wave: context.wave.name })),
    exportPanel(page, { path: `/api/waves/${enc(waveId)}/interviews/export`, view: () => new URLSearchParams(), formats: ["csv"], labels: { csv: t("export.csv") } }),
    h("p", { class: "muted small" }, t("export.hint")),
  );

  const lotLink = `/lots/${enc(context.lot.id)}?wave=${enc(context.wave.id)}`;
  main.replaceChildren(
    h(
      "div",
      { class: "page-head" },
      h(
        "div",
        {},
        h("p", { class: "eyebrow" }, h("a", { href: lotLink }, lotName), " · ", context.wave.name),
        h("h1", {}, t("title", { name: me.name })),
        h("p", { class: "muted" }, t("intro", { name: me.name })),
      ),
      h("div", { class: "actions" }, h("a", { class: "button-link", href: `/circles/${enc(waveId)}/${enc(organisationId)}` }, t("toCircle"))),
    ),
    h("div", { class: "save-bar" }, status, version),
    conflictBox,
    h(
      "div",
      { class: "interview-layout" },
      h(
        "div",
        { class: "interview-main" },
        interviewCard,
        h(
          "section",
          { class: "card interview-partners", "aria-labelledby": "interview-partners" },
          h("h2", { id: "interview-partners" }, t("partners.heading")),
          h("nav", { "aria-label": t("partners.listLabel") }, partnerList),
          partnerCard,
        ),
      ),
      h("div", { class: "interview-side" }, circleCard, countsCard, exportCard),
    ),
  );
  drawPartnerList();
  drawInterview();
  showVersion();
  setStatus("saved");
  await refreshCounts();
  // A change this browser kept from an earlier visit goes to the server now (or meets the newer version there).
  if (pending) saver.change(bodyOf(draft, order));
  main.removeAttribute("aria-busy");
} catch (err) {
  page.fail(err);
}
