import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallDocument, CallDocumentInput } from "../../api/schema/call-document.ts";
import { releasedFigures } from "../../api/reports/release-rule.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { bruteForce, bySums, givenAway, unknownTies, type Lot, type Predict, type Stats, type Tie } from "./report-attacker.ts";

/**
 * Every feedback report, attacked by a respondent who knows its own circle, the
 * lot, who responded and the release rule (report-attacker.ts): no other member's
 * tie or score may be worked out. The same attacker against the figures the
 * report used to give (exact density, mean contribution, dominance, in-strength,
 * named-by, lot mean in-strength) does find the answers, so the test can fail.
 */

/** After the demo wave (closes 2024-03-15) and after the random call's wave. */
const AFTER_CLOSING = new Date("2026-06-01T12:00:00Z");
const RANDOM_LOTS = 200;
/** Brute force tries 5^ties worlds: only where that is small. */
const BRUTE_FORCE_TIES = 6;

const weightOf = (forms: Record<string, number | undefined>) => Math.max(0, ...Object.values(forms).filter((v): v is number => v !== undefined));

interface ReportCase {
  lotId: string;
  wave: string;
  lot: Lot;
  /** The true weights of every tie (the test knows them; the attacker does not). */
  truth: Map<string, number>;
}

/** Every active member's view of every lot of a call document, with the truth beside it. */
function cases(doc: CallDocument): ReportCase[] {
  return doc.waves.flatMap((wave) =>
    doc.lots.flatMap((l) => {
      const members = l.members.filter((m) => m.active).map((m) => m.organisation);
      const circles = new Map(
        doc.circles.filter((c) => c.wave === wave.id && c.lot === l.id && c.submittedAt !== undefined).map((c) => [c.respondent, c]),
      );
      const truth = new Map<string, number>();
      // A collaboration only wished for (no forms) is no tie of the current circle.
      for (const [from, c] of circles) for (const t of c.ties) if (members.includes(t.partner) && t.partner !== from && weightOf(t.forms) > 0) truth.set(`${from}->${t.partner}`, weightOf(t.forms));
      return members.map((reader) => ({
        lotId: l.id,
        wave: wave.id,
        truth,
        lot: {
          members,
          reader,
          coordinator: l.members.find((m) => m.active && m.role === "coordinator")?.organisation ?? null,
          respondents: members.filter((m) => m !== reader && circles.has(m)),
          own: new Map(members.filter((v) => truth.has(`${reader}->${v}`)).map((v) => [v, truth.get(`${reader}->${v}`)!])),
        },
      }));
    }),
  );
}

/** What a report shows of the other respondents' answers, as one string. */
const shown = (r: { ties: unknown; meanScore: unknown; namedBy: unknown; meanScoreReceived: unknown; withheld: unknown }) =>
  JSON.stringify([r.ties, r.meanScore, r.namedBy, r.meanScoreReceived, r.withheld]);

/** The released figures of the report, by the public rule, from the two groups: ties to the reader, ties among the others. */
function newPredict(lot: Lot): Predict {
  const basis = { n: lot.members.length, others: lot.respondents.length };
  return ([toReader, amongOthers]) => shown(releasedFigures(basis, { toReader: toReader!, amongOthers: amongOthers! }));
}
/** Lots alike for the rule: same size and number of other respondents. */
const ruleTable = (lot: Lot) => `rule/${lot.members.length}/${lot.respondents.length}`;
const newGroups = (lot: Lot) => (t: Tie) => (t.to === lot.reader ? 0 : 1);

/** The figures the report used to give, exactly, from ties to the reader, to the coordinator, and the rest. */
function oldFigures(lot: Lot, [toReader, toCoordinator, rest]: readonly Stats[]): string {
  const n = lot.members.length;
  const own = [...lot.own.values()];
  const m = own.length + toReader!.count + toCoordinator!.count + rest!.count;
  const total = own.reduce((s, w) => s + w, 0) + toReader!.sum + toCoordinator!.sum + rest!.sum;
  const toCoord = lot.coordinator === lot.reader ? toReader!.sum : (lot.own.get(lot.coordinator!) ?? 0) + toCoordinator!.sum;
  const share = total === 0 ? null : toCoord / total;
  const figures = [
    m / (n * (n - 1)),
    m === 0 ? null : total / m,
    share === null ? null : (share - 1 / n) / (1 - 1 / n),
    toReader!.sum,
    toReader!.count,
    total / n,
  ];
  return figures.map((f) => (f === null ? "null" : f.toFixed(9))).join(" ");
}
const oldGroups = (lot: Lot) => (t: Tie) => (t.to === lot.reader ? 0 : t.to === lot.coordinator ? 1 : 2);

function trueStats(c: ReportCase, groupOf: (t: Tie) => number, groups: number): Stats[] {
  const stats = Array.from({ length: groups }, () => ({ count: 0, sum: 0 }));
  for (const t of unknownTies(c.lot)) {
    const w = c.truth.get(`${t.from}->${t.to}`) ?? 0;
    if (w > 0) {
      stats[groupOf(t)]!.count++;
      stats[groupOf(t)]!.sum += w;
    }
  }
  return stats;
}

/** Attack one report; returns the ties given away. Checks the attacker against the truth on the way. */
function attack(c: ReportCase, observed: string): string[] {
  const predict = newPredict(c.lot);
  // The report is the rule applied to the true answers, or the attack would model the wrong thing.
  expect(predict(trueStats(c, newGroups(c.lot), 2)), `${c.lotId}/${c.lot.reader}`).toBe(observed);
  const possible = bySums(c.lot, newGroups(c.lot), 2, predict, observed, ruleTable(c.lot));
  if (unknownTies(c.lot).length <= BRUTE_FORCE_TIES) {
    expect(bruteForce(c.lot, newGroups(c.lot), 2, predict, observed)).toEqual(possible);
  }
  for (const [tie, p] of possible) expect(p.has(c.truth.get(tie) ?? 0), `the truth of ${tie} is among the possible`).toBe(true);
  return [...possible].filter(([, p]) => givenAway(p)).map(([tie, p]) => `${tie} ∈ {${[...p]}}`);
}

let s: TestServer;
// Every report is fetched before any attack runs: the attacks keep the process busy, and the
// server lives in it, so a connection left idle during one would be reset under the next request.
let random: { all: ReportCase[]; reports: any[] };
beforeAll(async () => {
  s = await startTestServer({ demo: true, now: AFTER_CLOSING });
  expect((await s.api("POST", "/api/calls/import", { body: randomCall("netwerkcirkel-disclosure") })).status).toBe(201);
  const all = cases((await s.api("GET", "/api/calls/random-call/export?format=json")).body);
  random = { all, reports: await Promise.all(all.map(report)) };
}, 300_000);
afterAll(() => s.stop());

async function report(c: ReportCase) {
  const res = await s.api("GET", `/api/reports/${c.wave}/${c.lot.reader}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe("the feedback reports of the demo call", () => {
  let demo: ReportCase[];
  // Everything is fetched first: the attacks keep the process busy, and the server lives in it.
  let reports: any[];
  const metrics: Record<string, any> = {};
  beforeAll(async () => {
    demo = cases((await s.api("GET", "/api/calls/cc-2023/export?format=json")).body);
    reports = await Promise.all(demo.map(report));
    for (const lot of ["lot-3", "lot-5"]) metrics[lot] = (await s.api("GET", `/api/lots/${lot}/metrics?wave=w-2024-02`)).body;
  });

  it("give no partner's tie or score away, to any member of any lot", () => {
    let attacked = 0;
    for (const [i, c] of demo.entries()) {
      const r = reports[i]!;
      expect(attack(c, shown({ ...r.figures, ...r.reliance, withheld: r.withheld })), `${c.lotId}/${c.lot.reader}`).toEqual([]);
      attacked++;
    }
    expect(attacked).toBe(20);
  });

  it("still tell a member what the lot said when enough partners responded", () => {
    // Lot 2: seven members, all responded.
    const r = reports[demo.findIndex((c) => c.lotId === "lot-2" && c.lot.reader === "alimento")];
    expect(r.figures.ties).toMatchObject({ of: 30 });
    expect(r.figures.meanScore).toBeGreaterThanOrEqual(1);
    expect(r.reliance.namedBy).toMatchObject({ of: 6 });
    expect(r.withheld).not.toContainEqual(expect.objectContaining({ reason: "audit" }));
  });

  it("as the report used to be, lets a partner in lot 5 and lot 3 work out its partners' scores", () => {
    const leaks: Record<string, string[]> = {};
    for (const c of demo.filter((x) => x.lotId === "lot-5" || x.lotId === "lot-3")) {
      if (c.lot.respondents.length < 2) continue; // the old report held everything back then
      const { network, nodes, coordinator } = metrics[c.lotId];
      const me = nodes.find((n: any) => n.id === c.lot.reader);
      const observed = [
        network.density,
        network.meanContribution,
        coordinator.dominanceIndex,
        me.inStrength,
        me.inDegree,
        nodes.reduce((sum: number, n: any) => sum + n.inStrength, 0) / network.n,
      ].map((f: number | null) => (f === null ? "null" : f.toFixed(9))).join(" ");
      expect(oldFigures(c.lot, trueStats(c, oldGroups(c.lot), 3))).toBe(observed);
      const possible = bySums(c.lot, oldGroups(c.lot), 3, (g) => oldFigures(c.lot, g), observed, `old/${c.lotId}/${c.lot.reader}`);
      leaks[`${c.lotId}/${c.lot.reader}`] = [...possible].filter(([, p]) => givenAway(p)).map(([tie]) => tie);
    }
    // PMO, as in the issue: Horeca → Unizo and Unizo → Horeca (and the ties into PMO) are given away.
    expect(leaks["lot-5/pmo"]).toEqual(expect.arrayContaining(["horeca-vlaanderen->unizo", "unizo->horeca-vlaanderen"]));
    expect(leaks["lot-5/horeca-vlaanderen"]!.length).toBeGreaterThan(0);
    expect(Object.entries(leaks).filter(([k, v]) => k.startsWith("lot-3/") && v.length > 0).length).toBeGreaterThan(0);
  });
});

/** A call of small random lots (2-6 members, random response, random circles), seeded. */
function randomCall(seed: string): CallDocumentInput {
  const random = seedrandom(seed);
  const pick = (k: number) => Math.floor(random() * k);
  const organisations: CallDocumentInput["organisations"] = [];
  const lots: CallDocumentInput["lots"] = [];
  const circles: CallDocumentInput["circles"] = [];
  for (let l = 0; l < RANDOM_LOTS; l++) {
    const size = 2 + pick(5);
    const members = Array.from({ length: size }, (_, i) => `r${l}-${i}`);
    for (const id of members) organisations.push({ id, name: `Org ${id}` });
    const inactive = size > 3 && random() < 0.15 ? members[size - 1] : undefined;
    lots.push({
      id: `rl-${l}`,
      number: l + 1,
      name: `Lot ${l + 1}`,
      members: members.map((organisation, i) => ({ organisation, role: i === 0 ? "coordinator" : "partner", active: organisation !== inactive })),
    });
    const response = random();
    const density = random();
    const generosity = random();
    for (const respondent of members) {
      if (respondent === inactive || random() > response) continue;
      const ties = members
        .filter((p) => p !== respondent && random() < density)
        .map((partner) => {
          const forms: Record<string, number> = {};
          for (const form of ["information", "support", "cocreation"]) if (random() < 0.5) forms[form] = random() < generosity ? 4 : 1 + pick(4);
          if (Object.keys(forms).length === 0) forms.information = 1 + pick(4);
          return { partner, forms };
        });
      // A tie outside the lot now and then: it is no arc and must not matter.
      if (l > 0 && random() < 0.2) ties.push({ partner: `r${l - 1}-0`, forms: { information: 1 + pick(4) } });
      circles.push({ wave: "rw-1", lot: `rl-${l}`, respondent, submittedAt: "2025-03-01T10:00:00Z", ties });
    }
  }
  return {
    format: "netwerkcirkel/v1",
    call: { id: "random-call", name: "Random lots", start: "2025-01-01", end: "2025-12-31" },
    organisations,
    lots,
    waves: [{ id: "rw-1", name: "Wave", opens: "2025-02-01", closes: "2025-03-31" }],
    circles,
  };
}

describe(`the feedback reports of ${RANDOM_LOTS} random small lots`, () => {
  it("give no partner's tie or score away, to any member", { timeout: 300_000 }, async () => {
    const { all, reports } = random;
    const leaks: string[] = [];
    let bruteForced = 0;
    let withFigures = 0;
    for (const [i, c] of all.entries()) {
      const r = reports[i]!;
      const given = attack(c, shown({ ...r.figures, ...r.reliance, withheld: r.withheld }));
      leaks.push(...given.map((g) => `${c.lotId}/${c.lot.reader}: ${g}`));
      if (unknownTies(c.lot).length <= BRUTE_FORCE_TIES) bruteForced++;
      if (r.figures.ties !== null || r.reliance.namedBy !== null) withFigures++;
    }
    expect(leaks).toEqual([]);
    expect(new Set(all.map((c) => c.lotId)).size).toBe(RANDOM_LOTS);
    // Enough of them say something, and enough are checked world by world.
    expect(withFigures).toBeGreaterThan(all.length / 4);
    expect(bruteForced).toBeGreaterThan(50);
  });
});
