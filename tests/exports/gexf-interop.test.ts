import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARC_ATTRIBUTES, NODE_ATTRIBUTES, type ValueType } from "../../api/exports/network-attributes.ts";
import { SAMPLE_DIR, SAMPLE_GEXF, sampleGexf } from "../../scripts/export-sample.ts";

/**
 * The committed GEXF sample and what NetworkX made of it (both written by
 * `npm run fixtures:networkx`): NetworkX must read every attribute in the type
 * its definition declares, and the colours as r/g/b.
 */
type Typed = Record<string, [unknown, string]>;
interface NetworkxReading {
  directed: boolean;
  nodes: Record<string, { attributes: Typed; viz: { color: { r: number; g: number; b: number }; position: { x: number; y: number } } }>;
  edges: Array<{ from: string; to: string; attributes: Typed }>;
}

const sample = readFileSync(SAMPLE_GEXF, "utf8");
const networkx: NetworkxReading = JSON.parse(readFileSync(join(SAMPLE_DIR, "sample-lot.networkx.json"), "utf8"));
const graph = parseGexf(Graph, sample);
const PYTHON_TYPES: Record<ValueType, string> = { integer: "int", double: "float", boolean: "bool", string: "str" };
/** Numbers to nine significant digits, so that the last bits of a float do not make files differ. */
const rounded = (xml: string) => xml.replace(/-?\d+\.\d+(?:e-?\d+)?/g, (x) => Number(x).toPrecision(9));

/** What a reader should find for every defined attribute of an element, as [value, Python type]. */
function expectedReading(attrs: Record<string, unknown>, definitions: Record<string, ValueType>, skip: string[]): Typed {
  const out: Typed = {};
  for (const [name, type] of Object.entries(definitions)) {
    if (!skip.includes(name) && attrs[name] !== undefined) out[name] = [attrs[name], PYTHON_TYPES[type]];
  }
  return out;
}

describe("GEXF that NetworkX reads", () => {
  it("has a committed sample that is what the writer writes now (else: npm run fixtures:networkx)", () => {
    expect(rounded(sampleGexf())).toBe(rounded(sample));
  });

  it("is read by NetworkX with every node attribute in the type its definition declares", () => {
    expect(networkx.directed).toBe(true);
    expect(Object.keys(networkx.nodes).sort()).toEqual(graph.nodes().sort());
    graph.forEachNode((id, a) => {
      const read = networkx.nodes[id]!.attributes;
      // graphology keeps the label with the attributes; NetworkX does too.
      expect(read, id).toEqual({ ...expectedReading(a, NODE_ATTRIBUTES, ["label", "x", "y"]), label: [a.label, "str"] });
      expect(networkx.nodes[id]!.viz.position).toMatchObject({ x: a.x, y: a.y });
    });
  });

  it("is read by NetworkX with every arc, its forms as whole numbers and its weight", () => {
    const arcs = graph.mapEdges((key, a, from, to) => ({ key, a, from, to }));
    expect(networkx.edges).toHaveLength(arcs.length);
    for (const { key, a, from, to } of arcs) {
      const read = networkx.edges.find((e) => e.from === from && e.to === to)!.attributes;
      expect(read, key).toEqual({
        ...expectedReading(a, ARC_ATTRIBUTES, ["weight"]),
        id: [key, "str"],
        weight: [a.weight, "float"],
      });
    }
  });

  it("declares a figure by its definition even where every value is whole: effective size is a double", () => {
    const sizes = graph.mapNodes((_id, a) => a.effectiveSize).filter((x) => x !== undefined);
    expect(sizes.length).toBeGreaterThan(2);
    expect(sizes.every(Number.isInteger)).toBe(true);
    expect(sample).toContain('<attribute id="effectiveSize" title="effectiveSize" type="double"/>');
    expect(networkx.nodes.hub!.attributes.effectiveSize).toEqual([3, "float"]);
  });

  it("is read by NetworkX with the desired scores and channels of a wave that asks them, a wish as an edge of weight 0", () => {
    const edge = (from: string, to: string) => networkx.edges.find((e) => e.from === from && e.to === to)!.attributes;
    expect(edge("hub", "apart")).toMatchObject({ weight: [0, "float"], desiredWeight: [2, "int"], desiredSupport: [2, "int"], desiredChange: ["wished", "str"] });
    expect(edge("hub", "zorg")).toMatchObject({ desiredWeight: [0, "int"], desiredChange: ["dropped", "str"], channelPhone: [true, "bool"], channelEmail: [false, "bool"] });
    expect(networkx.nodes.apart!.attributes.desiredInStrength).toEqual([2, "int"]);
  });

  it("writes colours as r/g/b, which NetworkX and Gephi read, and never as hex", () => {
    expect(sample).not.toContain("hex=");
    graph.forEachNode((id, a) => {
      const { r, g, b } = networkx.nodes[id]!.viz.color;
      expect(a.color, id).toBe(`rgb(${r},${g},${b})`);
    });
    // The coordinator is drawn darkest (#1d2733), as on the lot page.
    expect(networkx.nodes.hub!.viz.color).toMatchObject({ r: 0x1d, g: 0x27, b: 0x33 });
  });
});
