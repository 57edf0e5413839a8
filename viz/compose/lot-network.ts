import { select } from "d3";
import type { ComposableOrganisation, LotFigures } from "../../api/composition/composition-schema.ts";

const WIDTH = 200;
const HEIGHT = 128;

/** The hub is highlighted only when it has prior ties in the lot: among strangers nobody holds the lot together. */
export const isHub = (lot: LotFigures, id: string): boolean => id === lot.hub && lot.priorDegrees[id]! > 0;

/**
 * The prior ties among a lot's members as a small SVG: members on a circle in the
 * lot's order (starting at the top, clockwise), so that the same lot always looks
 * the same. The coordinator is filled, newcomers are dashed, the hub has a ring.
 */
export function drawLotNetwork(
  container: HTMLElement,
  lot: LotFigures,
  organisations: ReadonlyMap<string, ComposableOrganisation>,
  label: string,
): void {
  const k = lot.members.length;
  const radius = k < 2 ? 0 : Math.min(HEIGHT / 2 - 16, 22 + 6 * k);
  const at = new Map(
    lot.members.map((id, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / k;
      return [id, { x: WIDTH / 2 + radius * Math.cos(angle), y: HEIGHT / 2 + radius * Math.sin(angle) }];
    }),
  );
  const newcomers = new Set(lot.newcomers);

  const svg = select(container)
    .selectAll<SVGSVGElement, null>("svg")
    .data([null])
    .join("svg")
    .attr("viewBox", `0 0 ${WIDTH} ${HEIGHT}`)
    .attr("role", "img")
    .attr("aria-label", label);
  svg.selectAll("title").data([label]).join("title").text((d) => d);

  svg
    .selectAll("line")
    .data(lot.priorTies, (d) => (d as [string, string]).join("|"))
    .join("line")
    .attr("class", "tie")
    .attr("x1", ([a]) => at.get(a)!.x)
    .attr("y1", ([a]) => at.get(a)!.y)
    .attr("x2", ([, b]) => at.get(b)!.x)
    .attr("y2", ([, b]) => at.get(b)!.y);

  const nodes = svg
    .selectAll<SVGGElement, string>("g.node")
    .data(lot.members, (d) => d)
    .join((enter) => {
      const g = enter.append("g").attr("class", "node");
      g.append("title");
      g.append("circle");
      g.append("text").attr("text-anchor", "middle").attr("dy", "0.35em");
      return g;
    })
    .attr("transform", (id) => `translate(${at.get(id)!.x},${at.get(id)!.y})`)
    .classed("coordinator", (id) => id === lot.coordinator)
    .classed("newcomer", (id) => newcomers.has(id))
    .classed("hub", (id) => isHub(lot, id));
  nodes.select("title").text((id) => organisations.get(id)?.name ?? id);
  nodes.select("circle").attr("r", 12);
  nodes.select("text").text((id) => organisations.get(id)?.initials ?? id.slice(0, 2).toUpperCase());
}
