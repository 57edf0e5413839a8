import type {
  CheckResponse,
  ComposableOrganisation,
  History,
  LotFigures,
  OrganisationsResponse,
  Proposal,
  ProposalCheck,
  ProposedLot,
  SavedProposal,
} from "../../api/composition/composition-schema.ts";
import { MAX_COMPARED_PROPOSALS } from "../../api/composition/proposal-limits.ts";
import { ApiError, type ApiProblem, apiFetch } from "../shared/api.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { Board } from "./board.ts";
import { renderComparison, renderWarnings } from "./comparison.ts";
import { h } from "../shared/dom.ts";
import { type CallWaves, defaultHistory, renderHistoryPicker } from "./history-picker.ts";
import { paintLot } from "./lot-figures.ts";
import { POOL, addLot, lotIndexOf, moveOrganisation, removeLot, renameLot, toggleCoordinator } from "./proposal-edits.ts";
import { SavedProposalsDialog } from "./saved-proposals.ts";
import { StartCallDialog } from "./start-call.ts";
import { renderSuggestPanel } from "./suggest-panel.ts";
import "./compose.css";

/**
 * The what-if page: staff group organisations into lots, see at once how the lots
 * stand against the ties of earlier waves, and compare up to three proposals.
 */

/** Figures follow the edits at once; the check waits this long for a burst of edits to end. */
const CHECK_DELAY_MS = 120;

interface Tab {
  proposal: Proposal;
  /** The saved proposal this tab edits, and what was saved, to tell unsaved changes. */
  savedId: number | null;
  savedJson: string | null;
}

const { token, t, session } = await startStaffPage(["compose"], "compose");
const main = document.querySelector<HTMLElement>("#compose")!;
const liveRegion = document.querySelector<HTMLElement>("#announce")!;

const [orgResponse, callsResponse] = await Promise.all([
  apiFetch<OrganisationsResponse>(token, "/api/composition/organisations"),
  apiFetch<{ calls: CallWaves[] }>(token, "/api/calls"),
]);
const organisations = new Map<string, ComposableOrganisation>(orgResponse.organisations.map((o) => [o.id, o]));
const calls = callsResponse.calls.filter((c) => c.waves.length);

const emptyProposal = (): Proposal => ({ name: t("proposal.defaultName", { n: 1 }), lots: [{ name: t("board.newLot", { n: 1 }), coordinator: null, members: [] }] });
const tabs: Tab[] = [
  {
    proposal: orgResponse.latestCall
      ? { ...orgResponse.latestCall.proposal, name: t("proposal.current") }
      : emptyProposal(),
    savedId: null,
    savedJson: null,
  },
];
let active = 0;
let history: History = defaultHistory(calls, orgResponse.latestCall?.id);
/** The answer for the composition `key`: figures per proposal (null for one that breaks a rule) and the rule breaks. */
let result: { key: string; checks: Array<ProposalCheck | null>; problems: ApiProblem[] } | null = null;
/**
 * Figures of every lot checked so far, by its content and history: a lot an edit did
 * not touch keeps showing its (unchanged) figures while the edited ones are checked.
 */
const lotCache = new Map<string, LotFigures>();
const lotKey = (lot: ProposedLot) => JSON.stringify([history, lot.name, lot.coordinator ?? null, lot.members]);
let checkTimer: ReturnType<typeof setTimeout> | undefined;
let checkSeq = 0;

const parts = {
  head: h("header", { class: "page-head" }),
  history: h("div", { class: "history" }),
  tabs: h("div", { class: "tabs" }),
  toolbar: h("div", { class: "toolbar" }),
  status: h("p", { class: "save-status muted" }),
  comparison: h("div", { class: "comparison-box card" }),
  warnings: h("div", { class: "warnings-box card" }),
  checkState: h("p", { class: "check-state" }),
  board: h("div", { class: "board" }),
};
// The tab list holds only the tabs; the button that adds a proposal sits beside it.
const tabList = h("div", { class: "tab-list" });
tabList.setAttribute("role", "tablist");
tabList.setAttribute("aria-label", t("tabs.list"));
// The warnings box scrolls when long: keyboard users reach it with Tab and scroll it with the arrows.
parts.warnings.tabIndex = 0;
parts.warnings.setAttribute("role", "region");
parts.warnings.setAttribute("aria-labelledby", "warnings-heading");
parts.status.setAttribute("role", "status");
parts.board.setAttribute("role", "tabpanel");
parts.board.id = "board";
const overview = h("div", { class: "overview" });
overview.append(parts.comparison, parts.warnings);
const proposalBar = h("div", { class: "proposal-bar" });
proposalBar.append(parts.tabs, parts.toolbar);
const suggestBox = h("section", { class: "suggest-panel card", "aria-labelledby": "suggest-heading" });
main.replaceChildren(parts.head, proposalBar, overview, parts.checkState, parts.board, suggestBox);

const board = new Board(parts.board, organisations, {
  move(org, zone) {
    edit(moveOrganisation(current(), org, zone));
    const name = organisations.get(org)?.name ?? org;
    announce(zone === POOL ? t("announce.toPool", { org: name }) : t("announce.moved", { org: name, lot: current().lots[zone]!.name }));
  },
  toggleCoordinator(org) {
    const before = current();
    const lot = before.lots[lotIndexOf(before, org)]!;
    edit(toggleCoordinator(before, org));
    const name = organisations.get(org)?.name ?? org;
    announce(t(lot.coordinator === org ? "announce.noCoordinator" : "announce.coordinator", { org: name, lot: lot.name }));
  },
  renameLot: (index, name) => edit(renameLot(current(), index, name)),
  removeLot: (index) => edit(removeLot(current(), index)),
  addLot: () => edit(addLot(current(), t("board.newLot", { n: current().lots.length + 1 }))),
});
const savedDialog = new SavedProposalsDialog(token, t, {
  open: (saved) => openSaved(saved),
  renamed: (saved) => {
    for (const tab of tabs.filter((x) => x.savedId === saved.id)) {
      tab.proposal = { ...tab.proposal, name: saved.name };
      tab.savedJson = JSON.stringify({ name: saved.name, lots: saved.lots });
    }
    renderAll();
    scheduleCheck();
  },
  deleted: (id) => {
    for (const tab of tabs.filter((x) => x.savedId === id)) Object.assign(tab, { savedId: null, savedJson: null });
    renderAll();
  },
});
const startDialog = new StartCallDialog(token, session.role === "admin");

function current(): Proposal {
  return tabs[active]!.proposal;
}

function announce(text: string): void {
  liveRegion.textContent = text;
}

function edit(next: Proposal): void {
  if (next === current()) return;
  tabs[active]!.proposal = next;
  renderAll();
  scheduleCheck();
}

/** When another proposal is shown, what was said about the previous one goes: its save notice and its warnings. */
function showTab(index: number): void {
  active = index;
  parts.status.textContent = "";
  parts.warnings.replaceChildren(h("p", { class: "muted" }, t("check.pending")));
  renderAll();
}

function openSaved(saved: SavedProposal): void {
  openTab({ proposal: { name: saved.name, lots: saved.lots }, savedId: saved.id, savedJson: JSON.stringify({ name: saved.name, lots: saved.lots }) });
}

/** A proposal in a tab of its own, or in the active tab when all are taken. */
function openTab(tab: Tab): void {
  const open = tab.savedId === null ? -1 : tabs.findIndex((x) => x.savedId === tab.savedId);
  if (open >= 0) showTab(open);
  else if (tabs.length < MAX_COMPARED_PROPOSALS) showTab(tabs.push(tab) - 1);
  else {
    tabs[active] = tab;
    showTab(active);
  }
  scheduleCheck();
}

async function save(): Promise<void> {
  const tab = tabs[active]!;
  const body = tab.proposal;
  try {
    const { proposal } = await apiFetch<{ proposal: SavedProposal }>(
      token,
      tab.savedId === null ? "/api/composition/proposals" : `/api/composition/proposals/${tab.savedId}`,
      { method: tab.savedId === null ? "POST" : "PUT", body },
    );
    tab.savedId = proposal.id;
    tab.savedJson = JSON.stringify(body);
    renderAll();
    parts.status.textContent = t("toolbar.saved", { name: proposal.name });
  } catch (e) {
    parts.status.textContent = t("toolbar.saveFailed", { message: e instanceof Error ? e.message : String(e) });
  }
}

const requestKey = () => JSON.stringify({ history, proposals: tabs.map((x) => x.proposal) });

function scheduleCheck(): void {
  clearTimeout(checkTimer);
  markCheckState();
  checkTimer = setTimeout(() => void runCheck(), CHECK_DELAY_MS);
}

/** POST the check; the proposals that break a rule are left out and checked no further. */
async function runCheck(): Promise<void> {
  const key = requestKey();
  const seq = ++checkSeq;
  const proposals = tabs.map((x) => x.proposal);
  const checks: Array<ProposalCheck | null> = proposals.map(() => null);
  let problems: ApiProblem[] = [];
  const ask = async (indexes: number[]) => {
    const body = { history, proposals: indexes.map((i) => proposals[i]!) };
    const answer = await apiFetch<CheckResponse>(token, "/api/composition/check", { method: "POST", body });
    answer.proposals.forEach((c, j) => (checks[indexes[j]!] = c));
  };
  try {
    await ask(proposals.map((_, i) => i));
  } catch (e) {
    problems = e instanceof ApiError && e.status === 400 ? e.details : [{ path: "", message: e instanceof Error ? e.message : String(e) }];
    const broken = new Set(problems.map((p) => Number(/^body\.proposals\[(\d+)\]/.exec(p.path)?.[1] ?? -1)));
    const sound = proposals.map((_, i) => i).filter((i) => !broken.has(i));
    if (!broken.has(-1) && sound.length) await ask(sound).catch(() => undefined);
  }
  if (seq !== checkSeq) return;
  checks.forEach((c, i) => c?.lots.forEach((lot, j) => lotCache.set(lotKey(proposals[i]!.lots[j]!), lot)));
  if (lotCache.size > 2000) lotCache.clear();
  result = { key, checks, problems };
  paintCheck();
}

/** Whether the figures on screen belong to the composition on screen. */
function markCheckState(): void {
  const fresh = result?.key === requestKey();
  const state = !fresh ? "pending" : result!.problems.length ? "invalid" : "fresh";
  main.dataset.check = state;
  parts.checkState.textContent = state === "pending" ? t("check.pending") : state === "invalid" ? t("check.invalid") : "";
  parts.checkState.className = `check-state${state === "invalid" ? " error-text" : " muted"}`;
}

/** A rule break's words, for the lot it is about (only an empty lot can come from this page's own edits). */
function problemText(p: ApiProblem): string {
  return /\.members$/.test(p.path) ? t("check.emptyLot") : /\.coordinator$/.test(p.path) ? t("check.coordinatorNotMember") : p.message;
}

function paintCheck(): void {
  markCheckState();
  const fresh = result?.key === requestKey();
  const checks = tabs.map((_, i) => (fresh ? result!.checks[i]! : null));
  const problems = fresh ? result!.problems : [];
  renderComparison(parts.comparison, tabs.map((x) => x.proposal), checks, active, t);
  renderWarnings(parts.warnings, current(), checks[active]!, organisations, t);
  const ours = `body.proposals[${active}].lots[`;
  parts.board.querySelectorAll<HTMLElement>(".lot[data-zone]").forEach((column) => {
    const zone = Number(column.dataset.zone);
    if (zone === POOL) return;
    const lot = checks[active]?.lots[zone] ?? lotCache.get(lotKey(current().lots[zone]!));
    if (lot) paintLot(column, lot, organisations, t);
    const problem = problems.find((p) => p.path.startsWith(`${ours}${zone}]`));
    column.querySelector(".lot-problem")!.textContent = problem ? problemText(problem) : "";
    column.classList.toggle("has-problem", problem !== undefined);
  });
}

function renderTabs(): void {
  const closeTab = (i: number) => {
    tabs.splice(i, 1);
    showTab(Math.min(active >= i && active > 0 ? active - 1 : active, tabs.length - 1));
    scheduleCheck();
  };
  const list = tabs.map((tab, i) => {
    const wrap = h("span", { class: i === active ? "tab active" : "tab" });
    wrap.setAttribute("role", "presentation");
    const dirty = tab.savedJson !== null && tab.savedJson !== JSON.stringify(tab.proposal);
    const label = h("button", { type: "button", class: "tab-button", onclick: () => {
      if (i !== active) showTab(i);
      paintCheck();
    } }, `${tab.proposal.name}${dirty ? " •" : ""}`);
    label.setAttribute("role", "tab");
    label.setAttribute("aria-selected", String(i === active));
    label.setAttribute("aria-controls", "board");
    if (dirty) label.title = t("tabs.unsaved");
    wrap.append(label);
    if (tabs.length > 1) {
      // A tab list may hold only tabs: keyboards and screen readers close a tab with
      // Delete on the tab itself (as the ARIA tabs pattern has it); the × is for the mouse.
      label.setAttribute("aria-keyshortcuts", "Delete");
      label.addEventListener("keydown", (e) => {
        if (e.key === "Delete") closeTab(i);
      });
      const close = h("button", { type: "button", class: "icon", onclick: () => closeTab(i) }, "×");
      close.tabIndex = -1;
      close.setAttribute("aria-hidden", "true");
      close.title = t("tabs.close", { name: tab.proposal.name });
      wrap.append(close);
    }
    return wrap;
  });
  const add = h("button", { type: "button", class: "secondary", onclick: () => {
    tabs.push({ proposal: { ...current(), name: t("proposal.defaultName", { n: tabs.length + 1 }) }, savedId: null, savedJson: null });
    showTab(tabs.length - 1);
    scheduleCheck();
  } }, t("tabs.add"));
  add.disabled = tabs.length >= MAX_COMPARED_PROPOSALS;
  add.title = t("tabs.addHint", { max: MAX_COMPARED_PROPOSALS });
  tabList.replaceChildren(...list);
  parts.tabs.replaceChildren(tabList, add);
}

function renderToolbar(): void {
  const label = h("label", { class: "proposal-name" });
  const name = h("input");
  name.type = "text";
  name.value = current().name;
  name.addEventListener("change", () => {
    const v = name.value.trim();
    if (v) edit({ ...current(), name: v });
    else name.value = current().name;
  });
  label.append(h("span", {}, t("toolbar.name")), name);
  parts.toolbar.replaceChildren(
    label,
    h("button", { type: "button", onclick: () => void save() }, t("toolbar.save")),
    h("button", { type: "button", class: "secondary", onclick: () => void savedDialog.show() }, t("toolbar.savedList")),
    h("button", { type: "button", class: "secondary", onclick: () => startDialog.show(current(), t) }, t("toolbar.start")),
    parts.status,
  );
}

function renderAll(): void {
  document.title = `${t("title")} · ${t("common:brand")}`;
  const intro = h("div");
  intro.append(h("h1", {}, t("title")), h("p", { class: "muted intro" }, t("intro")));
  parts.head.replaceChildren(intro, parts.history);
  renderHistoryPicker(parts.history, calls, history, t, (next) => {
    history = next;
    renderAll();
    scheduleCheck();
  });
  renderTabs();
  renderToolbar();
  board.render(current(), t);
  paintCheck();
}

renderAll();
renderSuggestPanel(suggestBox, {
  token,
  t,
  current,
  history: () => history,
  nameOf: (id) => organisations.get(id)?.name ?? id,
  open: (proposal) => openTab({ proposal, savedId: null, savedJson: null }),
});
main.removeAttribute("aria-busy");
scheduleCheck();
