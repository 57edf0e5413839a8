import { describe, expect, it } from "vitest";
import { buildLotGraph } from "../../api/analysis/lot-graph.ts";
import { lot } from "./lot.ts";

const data = lot(["c", "a", "b", "gone"], {
  c: {
    a: { information: 1, cocreation: 3 },
    b: { support: 4 },
    gone: { information: 2 },
    outsider: { support: 1 },
    other: { information: 3 },
  },
  a: { c: { support: 2 } },
  gone: { c: { information: 4 } },
}, { inactive: ["gone"] });

const arcs = (graph: ReturnType<typeof buildLotGraph>) =>
  graph.mapEdges((key, attrs, from, to) => ({ key, from, to, weight: attrs.weight, reconstructed: attrs.reconstructed }));

describe("buildLotGraph", () => {
  it("makes the active members nodes, in member order, with their attributes", () => {
    const graph = buildLotGraph(data, "all", "observed");
    expect(graph.nodes()).toEqual(["c", "a", "b"]);
    expect(graph.getNodeAttributes("c")).toMatchObject({ name: "Fund c", initials: "C", role: "coordinator", responded: true });
    expect(graph.getNodeAttribute("b", "responded")).toBe(false);
  });

  it("keeps ties between active members as arcs weighted by the highest score", () => {
    const graph = buildLotGraph(data, "all", "observed");
    expect(arcs(graph)).toEqual([
      { key: "c->a", from: "c", to: "a", weight: 3, reconstructed: false },
      { key: "c->b", from: "c", to: "b", weight: 4, reconstructed: false },
      { key: "a->c", from: "a", to: "c", weight: 2, reconstructed: false },
    ]);
  });

  it("counts ties to organisations outside the lot as crossings, not ties to inactive members", () => {
    const graph = buildLotGraph(data, "support", "reconstruct");
    expect(graph.getNodeAttribute("c", "crossings")).toBe(2);
    expect(graph.getNodeAttribute("a", "crossings")).toBe(0);
    expect(graph.getNodeAttribute("b", "crossings")).toBeNull();
  });

  it("keeps in a layer only the ties with that form, weighted by that form's score", () => {
    const info = buildLotGraph(data, "information", "observed");
    expect(arcs(info).map((a) => [a.key, a.weight])).toEqual([["c->a", 1]]);
    const cocreation = buildLotGraph(data, "cocreation", "observed");
    expect(arcs(cocreation).map((a) => [a.key, a.weight])).toEqual([["c->a", 3]]);
    expect(cocreation.getEdgeAttributes("c->a")).toMatchObject({
      forms: { cocreation: 3 },
      tieForms: { information: 1, cocreation: 3 },
    });
  });

  it("mirrors arcs into non-respondents in reconstruct mode, and only those", () => {
    const graph = buildLotGraph(data, "all", "reconstruct");
    expect(arcs(graph)).toEqual([
      { key: "c->a", from: "c", to: "a", weight: 3, reconstructed: false },
      { key: "c->b", from: "c", to: "b", weight: 4, reconstructed: false },
      { key: "a->c", from: "a", to: "c", weight: 2, reconstructed: false },
      { key: "b->c", from: "b", to: "c", weight: 4, reconstructed: true },
    ]);
    expect(graph.getEdgeAttribute("b->c", "forms")).toEqual({ support: 4 });
  });

  it("ignores a tie to oneself and the circle of an inactive member", () => {
    const graph = buildLotGraph(lot(["a", "b"], { a: { a: { information: 1 } }, b: { a: { information: 2 } } }, { inactive: ["b"] }), "all", "observed");
    expect(graph.nodes()).toEqual(["a"]);
    expect(graph.size).toBe(0);
  });
});
