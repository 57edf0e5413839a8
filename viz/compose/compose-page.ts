import type { LatestCallResponse } from "../../api/composition/composition-schema.ts";
import type { SavedProposal } from "../../api/schema/proposals.ts";
import { MAX_COMPARED_PROPOSALS } from "../../api/composition/proposal-limits.ts";
import { type ApiProblem, apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { Board, keepChipFocus } from "./board.ts";
import { NAMED_IN_WARNING, renderComparison, renderWarnings } from "./comparison.ts";
import { ComposeState } from "./compose-state.ts";
import { type CallWaves, defaultHistory, renderHistoryPicker } from "./history-picker.ts";
import { paintLot } from "./lot-figures.ts";
import { OrganisationBook } from "./organisation-book.ts";
import { OrganisationPool } from "./organisation-pool.ts";
import { ProposalChecker } from "./proposal-checker.ts";
import { POOL, addLot, lotIndexOf, moveOrganisation, removeLot, renameLot, toggleCoordinator } from "./proposal-edits.ts";
import { SavedProposalsDialog } from "./saved-proposals.ts";
import { StartCallDialog } from "./start-call.ts";
import { renderSuggestPanel } from "./suggest-panel.ts";
import "./compose.css";

/**
 * The what-if page: staff group organisations into lots, see at once how the lots
 * stand against the ties of earlier waves, and compare up to three proposals. The
 * proposals live in `ComposeState`, their figures in `ProposalChecker`; each change
 * redraws only what it touched.
 */

const { token, t, session } = await startStaffPage(["compose"], "compose");
const main = document.querySelector<HTMLElement>("#compose")!;
const liveRegion = document.querySelector<HTMLElement>("#announce")!;

// A long history holds thousands of organisations: the page starts from the latest call's and asks for others a page at a time.
const [start, callsResponse] = await Promise.all([
  apiFetch<LatestCallResponse>(token, "/api/composition/latest-call"),
  apiFetch<{ calls: CallWaves[] }>(token, "/api/calls"),
]);
const book = new OrganisationBook(token);
book.add(start.organisations);
const calls = callsResponse.calls.filter((c) => c.waves.length);

const state = new ComposeState(
  {
    proposal: start.latestCall
      ? { ...start.latestCall.proposal, name: t("proposal.current") }
      : { name: t("proposal.defaultName", { n: 1 }), lots: [{ name: t("board.newLot", { n: 1 }), coordinator: null, members: [] }] },
    savedId: null,
    savedJson: null,
  },
  defaultHistory(calls, start.latestCall?.id),
  MAX_COMPARED_PROPOSALS,
);
const checker = new ProposalChecker(token, () => ({ history: state.history, proposals: state.tabs.map((x) => x.proposal) }), () => paintCheck());

const parts = {
  head: h("header", { class: "page-head" }),
  history: h("div", { class: "history" }),
  tabs: h("div", { class: "tabs" }),
  toolbar: h("div", { class: "toolbar" }),
  status: h("p", { class: "save-status muted", role: "status" }),
  comparison: h("div", { class: "comparison-box card" }),
  // The warnings box scrolls when long: keyboard users reach it with Tab and scroll it with the arrows.
  warnings: h("div", { class: "warnings-box card", tabindex: 0, role: "region", "aria-labelledby": "warnings-heading" }),
  checkState: h("p", { class: "check-state" }),
  board: h("div", { class: "board", role: "tabpanel", id: "board" }),
};
// The tab list holds only the tabs; the button that adds a proposal sits beside it.
const tabList = h("div", { class: "tab-list", role: "tablist", "aria-label": t("tabs.list") });
const suggestBox = h("section", { class: "suggest-panel card", "aria-labelledby": "suggest-heading" });
document.title = `${t("title")} · ${t("common:brand")}`;
parts.head.append(h("div", {}, h("h1", {}, t("title")), h("p", { class: "muted intro" }, t("intro"))), parts.history);
main.replaceChildren(
  parts.head,
  h("div", { class: "proposal-bar" }, parts.tabs, parts.toolbar),
  h("div", { class: "overview" }, parts.comparison, parts.warnings),
  parts.checkState,
  parts.board,
  suggestBox,
);

const pool = new OrganisationPool(token, t, book, calls);
const board = new Board(
  parts.board,
  book,
  pool.column,
  {
    move(org, zone) {
      state.edit((p) => moveOrganisation(p, org, zone));
      const name = book.nameOf(org);
      announce(zone === POOL ? t("announce.toPool", { org: name }) : t("announce.moved", { org: name, lot: state.current().lots[zone]!.name }));
    },
    toggleCoordinator(org) {
      const lot = state.current().lots[lotIndexOf(state.current(), org)]!;
      state.edit((p) => toggleCoordinator(p, org));
      announce(t(lot.coordinator === org ? "announce.noCoordinator" : "announce.coordinator", { org: book.nameOf(org), lot: lot.name }));
    },
    renameLot: (index, name) => state.edit((p) => renameLot(p, index, name)),
    removeLot: (index) => state.edit((p) => removeLot(p, index)),
    addLot: () => state.edit((p) => addLot(p, t("board.newLot", { n: p.lots.length + 1 }))),
  },
  t,
);
const savedDialog = new SavedProposalsDialog(token, t, {
  open: (saved) => state.openSaved(saved),
  renamed: (saved) => state.renamedSaved(saved),
  deleted: (id) => state.deletedSaved(id),
});
const startDialog = new StartCallDialog(token, session.role === "admin");

const toolbar = (() => {
  const name = h("input", { type: "text" });
  name.addEventListener("change", () => {
    const v = name.value.trim();
    if (v) state.edit((p) => (p.name === v ? p : { ...p, name: v }));
    else name.value = state.current().name;
  });
  const undo = h("button", { type: "button", class: "secondary", "aria-keyshortcuts": "Control+Z", onclick: () => undoEdit() }, t("toolbar.undo"));
  const save = h("button", { type: "button", onclick: () => void saveShown() }, t("toolbar.save"));
  parts.toolbar.append(
    h("label", { class: "proposal-name" }, h("span", {}, t("toolbar.name")), name),
    undo,
    save,
    h("button", { type: "button", class: "secondary", onclick: () => void savedDialog.show() }, t("toolbar.savedList")),
    h("button", { type: "button", class: "secondary", onclick: () => startDialog.show(state.current(), t) }, t("toolbar.start")),
    parts.status,
  );
  return {
    update(): void {
      if (document.activeElement !== name) name.value = state.current().name;
      undo.disabled = !state.canUndo();
      save.disabled = state.isSaving();
    },
  };
})();

const suggest = renderSuggestPanel(suggestBox, {
  token,
  t,
  current: () => state.current(),
  history: () => state.history,
  nameOf: (id) => book.nameOf(id),
  open: (proposal) => state.openProposal(proposal),
});

function announce(text: string): void {
  liveRegion.textContent = text;
}

function undoEdit(): void {
  if (!state.canUndo()) return;
  state.undo();
  announce(t("announce.undone"));
}

async function saveShown(): Promise<void> {
  try {
    const saved = await state.save(async (body, savedId) => {
      const { proposal } = await apiFetch<{ proposal: SavedProposal }>(
        token,
        savedId === null ? "/api/composition/proposals" : `/api/composition/proposals/${savedId}`,
        { method: savedId === null ? "POST" : "PUT", body },
      );
      return proposal;
    });
    parts.status.textContent = t("toolbar.saved", { name: saved.name });
  } catch (e) {
    parts.status.textContent = t("toolbar.saveFailed", { message: e instanceof Error ? e.message : String(e) });
  }
}

function scheduleCheck(): void {
  markCheckState();
  checker.schedule();
}

/** Whether the figures on screen belong to the composition on screen. */
function markCheckState(): void {
  const result = checker.current();
  const checkState = !result ? "pending" : result.problems.length ? "invalid" : "fresh";
  main.dataset.check = checkState;
  parts.checkState.textContent = checkState === "pending" ? t("check.pending") : checkState === "invalid" ? t("check.invalid") : "";
  parts.checkState.className = `check-state${checkState === "invalid" ? " error-text" : " muted"}`;
}

/** A rule break's words, for the lot it is about (only an empty lot can come from this page's own edits). */
function problemText(p: ApiProblem): string {
  return /\.members$/.test(p.path) ? t("check.emptyLot") : /\.coordinator$/.test(p.path) ? t("check.coordinatorNotMember") : p.message;
}

function paintCheck(): void {
  markCheckState();
  const result = checker.current();
  const checks = state.tabs.map((_, i) => result?.checks[i] ?? null);
  const problems = result?.problems ?? [];
  const active = state.active;
  const check = checks[active]!;
  renderComparison(parts.comparison, state.tabs.map((x) => x.proposal), checks, active, t);
  renderWarnings(parts.warnings, state.current(), check, book.all, t);
  // Warnings may name organisations the page has not met (active in another call of the history).
  if (check) {
    void book.fetchMissing(check.warnings.flatMap((w) => w.organisations.slice(0, NAMED_IN_WARNING))).then((added) => {
      if (added && checker.current()?.checks[state.active] === check) renderWarnings(parts.warnings, state.current(), check, book.all, t);
    });
  }
  const ours = `body.proposals[${active}].lots[`;
  parts.board.querySelectorAll<HTMLElement>(".lot[data-zone]").forEach((column) => {
    const zone = Number(column.dataset.zone);
    if (zone === POOL) return;
    const lot = check?.lots[zone] ?? checker.lotFigures(state.current().lots[zone]!);
    if (lot) paintLot(column, lot, book.all, t);
    const problem = problems.find((p) => p.path.startsWith(`${ours}${zone}]`));
    column.querySelector(".lot-problem")!.textContent = problem ? problemText(problem) : "";
    column.classList.toggle("has-problem", problem !== undefined);
  });
}

function renderTabs(): void {
  const list = state.tabs.map((tab, i) => {
    const active = i === state.active;
    const dirty = state.isDirty(i);
    const label = h(
      "button",
      { type: "button", class: "tab-button", role: "tab", "aria-selected": String(active), "aria-controls": "board", onclick: () => state.show(i) },
      `${tab.proposal.name}${dirty ? " •" : ""}`,
    );
    if (dirty) label.title = t("tabs.unsaved");
    const wrap = h("span", { class: active ? "tab active" : "tab", role: "presentation" }, label);
    if (state.tabs.length > 1) {
      // A tab list may hold only tabs: keyboards and screen readers close a tab with
      // Delete on the tab itself (as the ARIA tabs pattern has it); the × is for the mouse.
      label.setAttribute("aria-keyshortcuts", "Delete");
      label.addEventListener("keydown", (e) => {
        if (e.key === "Delete") state.close(i);
      });
      const close = h("button", { type: "button", class: "icon", tabindex: -1, "aria-hidden": "true", onclick: () => state.close(i) }, "×");
      close.title = t("tabs.close", { name: tab.proposal.name });
      wrap.append(close);
    }
    return wrap;
  });
  const add = h("button", { type: "button", class: "secondary", onclick: () => state.add(t("proposal.defaultName", { n: state.tabs.length + 1 })) }, t("tabs.add"));
  add.disabled = !state.canAdd();
  add.title = t("tabs.addHint", { max: MAX_COMPARED_PROPOSALS });
  tabList.replaceChildren(...list);
  parts.tabs.replaceChildren(tabList, add);
}

function renderHistory(): void {
  renderHistoryPicker(parts.history, calls, state.history, t, (next) => state.setHistory(next));
}

/** The shown proposal on the board and in the pool; `everything` draws every lot again (another proposal, or names that came). */
function drawBoard(everything: boolean): void {
  keepChipFocus(() => {
    pool.show(new Set(state.current().lots.flatMap((l) => l.members)));
    board.render(state.current(), everything);
  });
}

/** Ask for the organisations of the open proposals that the page has not met (a saved proposal of another call), then name them. */
async function nameMembers(): Promise<void> {
  if (await book.fetchMissing(state.tabs.flatMap((x) => x.proposal.lots.flatMap((l) => l.members)))) {
    drawBoard(true);
    pool.paint();
    paintCheck();
  }
}

state.subscribe((change) => {
  switch (change) {
    case "history":
      renderHistory();
      scheduleCheck();
      return;
    case "saved":
      renderTabs();
      toolbar.update();
      return;
    case "tabs":
      // What was said about the previous proposal goes: its save notice and its warnings.
      parts.status.textContent = "";
      parts.warnings.replaceChildren(h("p", { class: "muted" }, t("check.pending")));
      void nameMembers();
      break;
    case "edit":
      break;
  }
  renderTabs();
  toolbar.update();
  drawBoard(change === "tabs");
  suggest.refresh();
  paintCheck();
  scheduleCheck();
});

// Ctrl+Z (⌘Z) takes back the last edit, except where the key undoes typing.
document.addEventListener("keydown", (e) => {
  if (e.key !== "z" || !(e.ctrlKey || e.metaKey) || e.shiftKey) return;
  if ((e.target as Element).closest("input, textarea, select, dialog")) return;
  e.preventDefault();
  undoEdit();
});

renderHistory();
renderTabs();
toolbar.update();
drawBoard(true);
paintCheck();
main.removeAttribute("aria-busy");
scheduleCheck();
void pool.start().then(() => (main.dataset.pool = "ready"));
