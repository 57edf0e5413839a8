import type { TFunction } from "i18next";
import type { OrganisationsResponse } from "../../api/composition/composition-schema.ts";
import { apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { keepChipFocus, organisationChip } from "./board.ts";
import type { OrganisationBook } from "./organisation-book.ts";
import { POOL } from "./proposal-edits.ts";

/** Organisations the pool shows per page; more come on request. */
export const POOL_PAGE = 30;
/** A search waits for typing to pause this long. */
const SEARCH_DELAY_MS = 250;
const ALL_CALLS = "";

/**
 * The pool: organisations in no lot of the shown proposal. A long history holds
 * thousands, so the pool asks the server for a page at a time, searched by name and
 * optionally narrowed to one call; organisations taken out of a lot on this page come
 * first, so that what was just moved there stays in sight.
 */
export class OrganisationPool {
  /** The pool's column on the board: a drop zone like a lot's. */
  readonly column = h("section", { class: "lot pool" });
  private readonly chips = h("div", { class: "chips" });
  private readonly more = h("button", { type: "button", class: "secondary more" });
  private readonly found = h("p", { class: "pool-found muted", role: "status" });
  private readonly search = h("input", { type: "search", id: "pool-search", autocomplete: "off" });
  private readonly call = h("select", { id: "pool-call" });
  /** Ids of the pages loaded so far for the current search, and how many match in all. */
  private results: string[] = [];
  private total = 0;
  private loads = 0;
  private placed: ReadonlySet<string> = new Set();
  /** Taken out of a lot on this page, most recent first. */
  private released: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly token: string,
    private readonly t: TFunction,
    private readonly book: OrganisationBook,
    calls: ReadonlyArray<{ id: string; name: string }>,
  ) {
    this.column.dataset.zone = String(POOL);
    this.chips.setAttribute("role", "group");
    this.chips.setAttribute("aria-label", t("board.pool"));
    this.call.append(h("option", { value: ALL_CALLS }, t("pool.allCalls")), ...calls.map((c) => h("option", { value: c.id }, c.name)));
    this.search.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(false), SEARCH_DELAY_MS);
    });
    this.call.addEventListener("change", () => void this.load(false));
    this.more.addEventListener("click", () => void this.load(true));
    this.column.append(
      h("header", { class: "lot-head" }, h("h3", {}, t("board.pool"))),
      h("div", { class: "pool-search" }, h("label", { for: "pool-search" }, t("pool.search")), this.search, h("label", { for: "pool-call" }, t("pool.call")), this.call),
      h("p", { class: "muted pool-note" }, t("board.poolNote")),
      this.found,
      this.chips,
      this.more,
    );
  }

  /** The first page, for the page to wait on. */
  start(): Promise<void> {
    return this.load(false);
  }

  /** Show the pool for a proposal whose lots hold `placed`. */
  show(placed: ReadonlySet<string>): void {
    const left = [...this.placed].filter((id) => !placed.has(id));
    this.released = [...left.reverse(), ...this.released.filter((id) => !left.includes(id))].filter((id) => !placed.has(id));
    this.placed = placed;
    this.paint();
  }

  /** Redraw the chips, e.g. once the names of organisations have come. */
  paint(): void {
    keepChipFocus(() => this.paintChips());
  }

  private paintChips(): void {
    const q = this.search.value.trim().toLowerCase();
    const matches = (id: string) => {
      const o = this.book.get(id);
      return !q || [o?.name, o?.initials, id].some((s) => s?.toLowerCase().includes(q));
    };
    const released = this.released.filter(matches);
    const shown = [...released, ...this.results.filter((id) => !this.placed.has(id) && !released.includes(id))];
    this.chips.replaceChildren(...shown.map((id) => organisationChip(this.book.get(id), id, false, false, this.t)));
    if (!shown.length) this.chips.append(h("p", { class: "muted empty" }, this.t(q ? "pool.noMatch" : "board.poolEmpty")));
    const left = this.total - this.results.length;
    this.more.hidden = left <= 0;
    this.more.textContent = this.t("pool.more", { count: left });
    this.found.textContent = q ? this.t("pool.found", { count: this.total }) : "";
  }

  /** The first page of the current search, or the next one; an answer overtaken by a newer search is dropped. */
  private async load(next: boolean): Promise<void> {
    const seq = ++this.loads;
    const query = new URLSearchParams({ kind: "sector-fund", limit: String(POOL_PAGE), offset: String(next ? this.results.length : 0) });
    const q = this.search.value.trim();
    if (q) query.set("q", q);
    if (this.call.value !== ALL_CALLS) query.set("call", this.call.value);
    this.more.disabled = true;
    try {
      const answer = await apiFetch<OrganisationsResponse>(this.token, `/api/composition/organisations?${query}`);
      if (seq !== this.loads) return;
      this.book.add(answer.organisations);
      const ids = answer.organisations.map((o) => o.id);
      this.results = next ? [...this.results, ...ids] : ids;
      this.total = answer.total;
      this.paint();
      // A page of organisations that all sit in lots shows nothing: go on to the next.
      if (ids.every((id) => this.placed.has(id)) && this.results.length < this.total) await this.load(true);
    } catch (e) {
      if (seq === this.loads) this.found.textContent = this.t("pool.failed", { message: e instanceof Error ? e.message : String(e) });
    } finally {
      if (seq === this.loads) this.more.disabled = false;
    }
  }
}
