import type { TFunction } from "i18next";
import type { NodeFigures } from "../../api/analysis/metrics-schema.ts";
import { h } from "../shared/dom.ts";
import { formatNumber } from "../shared/format.ts";
import { enc } from "./workspace-page.ts";

type Numeric = Exclude<keyof NodeFigures, "id" | "name" | "role" | "responded">;
type Column = Numeric | "name";
const NUMERIC: Numeric[] = [
  "inDegree", "outDegree", "inStrength", "outStrength", "betweenness", "closeness", "pagerank", "constraint", "effectiveSize", "crossings",
];
/** Whole numbers, written without decimals. */
const COUNTS: ReadonlySet<Numeric> = new Set(["inDegree", "outDegree", "crossings", "desiredInStrength"]);

/**
 * The node figures of the lot as a table sorted by any column (click a heading;
 * again to reverse). Hovering or focusing a row highlights the node in the
 * picture, and each row links to the circle the organisation drew and to its
 * feedback report.
 */
export class NodeTable {
  readonly element: HTMLTableElement;
  private sortBy: Column = "inStrength";
  private descending = true;
  private nodes: NodeFigures[] = [];
  private waveId = "";
  private marked: string | null = null;

  constructor(
    private readonly t: TFunction,
    private readonly onFocus: (node: string | null) => void,
  ) {
    this.element = h("table", { class: "node-table", "data-testid": "node-table" });
  }

  show(nodes: NodeFigures[], waveId: string): void {
    this.nodes = nodes;
    this.waveId = waveId;
    this.render();
  }

  /** Mark the row of the node highlighted in the picture. */
  mark(node: string | null): void {
    this.marked = node;
    for (const row of this.element.querySelectorAll<HTMLTableRowElement>("tbody tr")) row.classList.toggle("marked", row.dataset.node === node);
  }

  private sort(column: Column): void {
    this.descending = this.sortBy === column ? !this.descending : column !== "name";
    this.sortBy = column;
    this.render();
  }

  private render(): void {
    const { t } = this;
    // The desired in-strength only when the wave asks for the desired situation.
    const numeric: Numeric[] = this.nodes.some((n) => n.desiredInStrength !== null) ? [...NUMERIC, "desiredInStrength"] : NUMERIC;
    const value = (n: NodeFigures) => n[this.sortBy];
    // Nulls (undefined figures) always go last, whichever the direction.
    const rows = [...this.nodes].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order = typeof x === "string" ? x.localeCompare(String(y)) : (x as number) - (y as number);
      return (this.descending ? -order : order) || a.name.localeCompare(b.name);
    });
    const heading = (column: Column) =>
      h(
        "th",
        {
          class: column === "name" ? "" : "num",
          scope: "col",
          "aria-sort": column === this.sortBy ? (this.descending ? "descending" : "ascending") : "none",
          title: t(`nodeFigures.${column}.meaning`),
        },
        h("button", { type: "button", class: "sort", "data-column": column, onclick: () => this.sort(column) }, t(`nodeFigures.${column}.label`)),
      );
    const row = (n: NodeFigures) => {
      const tr = h(
        "tr",
        { "data-node": n.id, tabindex: 0, class: n.id === this.marked ? "marked" : "" },
        h(
          "th",
          { scope: "row" },
          n.name,
          n.role === "coordinator" && h("span", { class: "badge badge-coordinator" }, t("roles.coordinator")),
          !n.responded && h("span", { class: "badge badge-silent" }, t("table.noResponse")),
        ),
        ...numeric.map((c) => h("td", { class: "num" }, formatNumber(n[c], COUNTS.has(c) ? 0 : 3))),
        h(
          "td",
          { class: "nowrap" },
          n.responded && h("a", { href: `/circles/${enc(this.waveId)}/${enc(n.id)}` }, t("table.circle")),
          n.responded && " · ",
          h("a", { href: `/reports/${enc(this.waveId)}/${enc(n.id)}` }, t("table.report")),
        ),
      );
      tr.addEventListener("mouseenter", () => this.onFocus(n.id));
      tr.addEventListener("mouseleave", () => this.onFocus(null));
      tr.addEventListener("focusin", () => this.onFocus(n.id));
      tr.addEventListener("focusout", () => this.onFocus(null));
      return tr;
    };
    this.element.replaceChildren(
      h("caption", { class: "visually-hidden" }, t("table.caption")),
      h("thead", {}, h("tr", {}, heading("name"), ...numeric.map(heading), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("table.links"))))),
      h("tbody", {}, ...rows.map(row)),
    );
  }
}
