import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, startTestServer, type TestServer } from "../helpers/server.ts";
import { readXlsx, type XlsxCell, type XlsxSheet } from "../helpers/xlsx.ts";

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ demo: true });
});
afterAll(() => s?.stop());

async function download(path: string): Promise<{ sheets: XlsxSheet[]; headers: Headers }> {
  const res = await fetch(s.url + path, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status, path).toBe(200);
  return { sheets: readXlsx(new Uint8Array(await res.arrayBuffer())), headers: res.headers };
}

/** A sheet's rows as objects keyed by the header row, each cell with its stored type. */
function records(sheet: XlsxSheet): Array<Record<string, XlsxCell | null>> {
  const [head, ...rows] = sheet.rows;
  const names = head!.map((c) => String(c!.value));
  return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null])));
}

const number = (value: number) => ({ type: "n", value });
const text = (value: string) => ({ type: "s", value });
const bool = (value: boolean) => ({ type: "b", value });
/** A figure that may be undefined (null): an empty cell, else a number cell. */
const figure = (value: number | null) => (value === null ? null : number(value));

type CellOf = (value: never) => XlsxCell | null;
/** Each column of `columns` in a row holds the API's value for it, as a cell of the column's kind. */
function expectCells(row: Record<string, XlsxCell | null>, columns: Record<string, CellOf>, values: Record<string, unknown>): void {
  for (const [column, cell] of Object.entries(columns)) expect(row[column], column).toEqual(cell(values[column] as never));
}

describe("spreadsheet downloads", () => {
  it("gives a lot's nodes and arcs as two typed sheets, header row in view", async () => {
    const { sheets, headers } = await download("/api/lots/lot-2/export?format=xlsx");
    expect(headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(headers.get("content-disposition")).toMatch(/filename="?lot-2_w-2024-02_all_observed\.xlsx/);
    expect(sheets.map((x) => x.name)).toEqual(["nodes", "edges"]);
    for (const sheet of sheets) {
      expect(sheet.frozenRows, sheet.name).toBe(1);
      expect(sheet.rows[0]!.every((c) => c?.type === "s"), `${sheet.name} header`).toBe(true);
    }
    // The columns of the CSV files, in the same order (the CSV quotes its text).
    const csvHead = (await s.api("GET", "/api/lots/lot-2/export?format=csv-nodes")).body.split("\r\n")[0].split(",").map((h: string) => h.replace(/^"|"$/g, ""));
    expect(sheets[0]!.rows[0]!.map((c) => c!.value)).toEqual(csvHead);

    const metrics = (await s.api("GET", "/api/lots/lot-2/metrics")).body;
    const nodes = records(sheets[0]!);
    expect(nodes).toHaveLength(metrics.network.n);
    const nodeColumns = { name: text, responded: bool, inDegree: number, inStrength: number, betweenness: number, pagerank: number, effectiveSize: figure, crossings: figure };
    for (const n of metrics.nodes) expectCells(nodes.find((r) => r.id?.value === n.id)!, nodeColumns, n);
    const edges = records(sheets[1]!);
    // Beside the arcs of the lot graph, the collaborations only wished for, at weight 0.
    expect(edges.filter((e) => e.weight!.value !== 0)).toHaveLength(metrics.network.m);
    expect(edges.filter((e) => e.weight!.value === 0)).toHaveLength(metrics.desired.gap.wished);
    for (const e of edges) {
      expect(e.from!.type).toBe("s");
      expect(e.weight!.type).toBe("n");
      expect([0, 1, 2, 3, 4]).toContain(e.weight!.value);
      expect(e.desiredWeight!.type).toBe("n");
      expect(e.reconstructed).toEqual(bool(false));
    }
  });

  it("gives the comparison of the lots, a typed row per lot, with empty cells for undefined figures", async () => {
    const { sheets, headers } = await download("/api/calls/cc-2023/comparison/export?format=xlsx&layer=support");
    expect(headers.get("content-disposition")).toMatch(/cc-2023_w-2024-02_support_observed_comparison\.xlsx/);
    expect(sheets.map((x) => x.name)).toEqual(["comparison"]);
    const comparison = (await s.api("GET", "/api/calls/cc-2023/comparison?layer=support")).body;
    const rows = records(sheets[0]!);
    expect(rows.map((r) => r.lot?.value)).toEqual(comparison.lots.map((l: any) => l.lot.id));
    // Lot 4 has two members: centralization is undefined there, an empty cell and not 0.
    const lotColumns = { number, name: text, n: number, density: figure, observedDensity: figure, degreeCentralization: figure, "support.share": figure, "depth.cocreation": figure };
    for (const { lot, network, coordinator } of comparison.lots) {
      const row = rows.find((r) => r.lot?.value === lot.id)!;
      expectCells(row, lotColumns, { ...lot, ...network, "support.share": network.forms.support.share, "depth.cocreation": network.depth.cocreation });
      expect(row.coordinator).toEqual(coordinator ? text(coordinator.id) : null);
      expect(row["coordinator.top"]).toEqual(coordinator ? bool(coordinator.top) : null);
      expect(row["coordinator.dominanceIndex"]).toEqual(figure(coordinator?.dominanceIndex ?? null));
    }
    expect(rows.find((r) => r.lot?.value === "lot-4")!.degreeCentralization).toBeNull();
  });

  it("pseudonymised, codes the lots and coordinators and leaves out lot names", async () => {
    const { sheets } = await download("/api/calls/cc-2023/comparison/export?format=xlsx&pseudonymise=true");
    const rows = records(sheets[0]!);
    expect(rows.map((r) => r.lot?.value)).toEqual(["LOT-01", "LOT-02", "LOT-03", "LOT-04", "LOT-05"]);
    for (const r of rows) {
      expect(r.name).toBeNull();
      if (r.coordinator) expect(r.coordinator.value).toMatch(/^ORG-\d\d$/);
    }
    const lot = await download("/api/lots/lot-3/export?format=xlsx&pseudonymise=true&outside=true");
    const names = (await s.api("GET", "/api/calls/cc-2023")).body.organisations.map((o: any) => o.name);
    const cells = lot.sheets.flatMap((x) => x.rows.flat()).map((c) => String(c?.value ?? ""));
    for (const name of names) expect(cells, name).not.toContain(name);
    expect(cells.filter((c) => /^ORG-\d\d$/.test(c)).length).toBeGreaterThan(0);
  });

  it("refuses a format it does not have, naming the field", async () => {
    const bad = await s.api("GET", "/api/calls/cc-2023/comparison/export?format=ods");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("query.format");
  });
});
