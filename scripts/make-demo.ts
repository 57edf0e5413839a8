/**
 * Writes the demo call (data/demo/call.json): the five real 2023-24 lots of the
 * competence-checks call with synthetic, illustrative ties that follow what the
 * evaluation found. Seeded, so the same script always writes the same document.
 *
 *   npm run demo
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import seedrandom from "seedrandom";
import { type CallDocumentInput, type Forms, type Tie } from "../api/schema/call-document.ts";
import { FORMS, highestScore } from "../api/schema/forms.ts";
import { CHANNELS, type Channel } from "../api/schema/channels.ts";
import { validateCallDocument } from "../api/schema/call-rules.ts";

const here = import.meta.dirname;
const lotsFile = process.argv[2] ?? resolve(here, "../data/demo/lots-2023.json");
const out = resolve(here, "../data/demo/call.json");

interface SourceFund { name: string; sector: string; took_part: boolean; active?: boolean; role?: string }
interface SourceLot { number: number; name: string; jointCommittees: string[]; funds: SourceFund[] }
const source = JSON.parse(readFileSync(lotsFile, "utf8")) as { lots: SourceLot[] };

const rng = seedrandom("netwerkcirkel-demo-2024");
const chance = (p: number) => rng() < p;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const slug = (name: string) =>
  name.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\+/g, "-plus").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** The report names only lot 5's promotor (UNIZO); the other coordinators are picked for the demo. */
const COORDINATORS: Record<number, string> = { 1: "Constructiv", 2: "Alimento", 3: "Mediarte", 4: "Vivo", 5: "Unizo" };
/** Illustrative sizes: the larger funds led, the smaller have less capacity. */
const LARGE = new Set(["Constructiv", "Volta", "Educam", "Alimento", "Mtech+", "Co-valent", "Vivo", "Unizo", "Mediarte"]);
/** The lot where most partners could not have done it alone: high scores, more co-creation. */
const INTERDEPENDENT_LOT = 3;

/** The evaluation's wave also held the interview: the desired situation, the channels and the wishes for a next call. */
const WAVE = {
  id: "w-2024-02",
  name: "February 2024",
  opens: "2024-02-06",
  closes: "2024-03-15",
  asks: { desired: true, channels: true, nextPartners: true },
};
const EUROPA_WSE = "europa-wse";

type Circle = CallDocumentInput["circles"][number];

function score(lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/**
 * A tie from a partner to its coordinator: information and support, strongly. In
 * the interdependent lot the result would not have been possible without it (4).
 */
function tieToCoordinator(interdependent: boolean): Forms {
  const strong = () => (interdependent ? score(4, 4) : score(3, 4));
  const forms: Forms = { information: strong(), support: strong() };
  if (chance(interdependent ? 0.6 : 0.15)) forms.cocreation = strong();
  return forms;
}

/**
 * A tie between peers (or from the coordinator): information common, support
 * sometimes, co-creation rare. In the interdependent lot every form is common and
 * scores high; the coordinator's own ties there score 3, so that it stays the most
 * relied-on partner without lowering anyone's answers.
 */
function peerTie(interdependent: boolean, fromCoordinator: boolean): Forms | undefined {
  const high = () => (fromCoordinator ? score(3, 3) : score(3, 4));
  const forms: Forms = {};
  if (chance(interdependent ? 0.95 : 0.7)) forms.information = interdependent ? high() : score(1, 3);
  if (chance(interdependent ? 0.7 : 0.35)) forms.support = interdependent ? high() : score(1, 3);
  if (chance(interdependent ? 0.35 : 0.05)) forms.cocreation = interdependent ? high() : score(2, 3);
  return Object.keys(forms).length ? forms : undefined;
}


/** Lower the scores that make a partner rival the coordinator, until the coordinator leads. */
function keepCoordinatorOnTop(circles: Circle[], coordinator: string): void {
  for (;;) {
    const inStrength = new Map<string, number>();
    for (const c of circles) for (const t of c.ties) inStrength.set(t.partner, (inStrength.get(t.partner) ?? 0) + highestScore(t.forms));
    const lead = inStrength.get(coordinator) ?? 0;
    const rival = [...inStrength].find(([id, s]) => id !== coordinator && id !== EUROPA_WSE && s >= lead);
    if (!rival) return;
    const ties = circles.flatMap((c) => c.ties.filter((t) => t.partner === rival[0]));
    const tie = ties.reduce((a, b) => (highestScore(b.forms) > highestScore(a.forms) ? b : a));
    for (const k of FORMS) if (tie.forms[k] !== undefined) tie.forms[k] = Math.max(1, tie.forms[k]! - 1);
    if (highestScore(tie.forms) === 1) for (const c of circles) c.ties = c.ties.filter((t) => t !== tie);
  }
}

const organisations: CallDocumentInput["organisations"] = [];
const lots: CallDocumentInput["lots"] = [];
const circles: Circle[] = [];
const lotIdOf = new Map<string, string>();

for (const l of source.lots) {
  const lotId = `lot-${l.number}`;
  for (const f of l.funds) {
    organisations.push({ id: slug(f.name), name: f.name, sector: f.sector, size: LARGE.has(f.name) ? "large" : "small", kind: "sector-fund" });
    lotIdOf.set(slug(f.name), lotId);
  }
  lots.push({
    id: lotId,
    number: l.number,
    name: l.name,
    jointCommittees: l.jointCommittees,
    members: l.funds.map((f) => ({
      organisation: slug(f.name),
      role: f.name === COORDINATORS[l.number] ? "coordinator" : "partner",
      active: f.active !== false,
    })),
  });
}
organisations.push({ id: EUROPA_WSE, name: "Europa WSE", initials: "EW", kind: "external" });

const allFunds = source.lots.flatMap((l) => l.funds.map((f) => slug(f.name)));
for (const l of source.lots) {
  const lotId = `lot-${l.number}`;
  const coordinator = slug(COORDINATORS[l.number]!);
  const interdependent = l.number === INTERDEPENDENT_LOT;
  const active = l.funds.filter((f) => f.active !== false).map((f) => slug(f.name));
  const lotCircles: Circle[] = [];
  for (const f of l.funds.filter((f) => f.took_part)) {
    const me = slug(f.name);
    const ties: Tie[] = [];
    for (const other of active) {
      if (other === me) continue;
      const forms = other === coordinator ? tieToCoordinator(interdependent) : peerTie(interdependent, me === coordinator);
      if (forms) ties.push({ partner: other, forms });
    }
    // Partners valued Europa WSE's quick answers; a few shared knowledge across lots.
    if (chance(0.8)) ties.push({ partner: EUROPA_WSE, forms: { information: score(2, 4), ...(chance(0.4) && { support: score(2, 3) }) } });
    if (chance(0.3)) {
      const outside = pick(allFunds.filter((id) => lotIdOf.get(id) !== lotId));
      ties.push({ partner: outside, forms: { information: score(1, 2) } });
    }
    const day = String(7 + Math.floor(rng() * 30)).padStart(2, "0");
    const date = Number(day) <= 29 ? `2024-02-${day}` : `2024-03-${String(Number(day) - 29).padStart(2, "0")}`;
    lotCircles.push({ wave: WAVE.id, lot: lotId, respondent: me, submittedAt: `${date}T${String(8 + Math.floor(rng() * 9)).padStart(2, "0")}:${String(Math.floor(rng() * 60)).padStart(2, "0")}:00Z`, ties });
  }
  keepCoordinatorOnTop(lotCircles, coordinator);
  circles.push(...lotCircles);
}

// --- the interview's answers -----------------------------------------------------------
// A stream of their own, so that the current ties above stay exactly what they were
// before the wave asked these questions.
const wishRng = seedrandom("netwerkcirkel-demo-2024-interview");
const wishes = (p: number) => wishRng() < p;
const wishPick = <T>(xs: readonly T[]): T => xs[Math.floor(wishRng() * xs.length)]!;

/**
 * Where the respondent wants a partner: mostly as now or deeper, co-creation the most
 * wished-for form (the report's partners asked to build more together); now and then a
 * weaker peer tie loosens, and a passing tie outside the lot is not wanted at all.
 */
function desiredOf(forms: Forms, to: "coordinator" | "peer" | "outside", interdependent: boolean): Forms {
  if (to === "outside" && wishes(0.4)) return {};
  const desired: Forms = { ...forms };
  for (const k of FORMS) if (desired[k] !== undefined && wishes(0.3)) desired[k] = Math.min(4, desired[k]! + 1);
  if (desired.cocreation === undefined && to !== "outside" && wishes(interdependent ? 0.5 : 0.3)) desired.cocreation = 2 + Math.floor(wishRng() * 2);
  if (to === "peer" && wishes(0.1)) for (const k of FORMS) if (desired[k] !== undefined) desired[k] = Math.max(1, desired[k]! - 1);
  return desired;
}

/** How a collaboration runs: the lot's steering group and e-mail carry most of it; learning networks where partners depend on each other. */
function channelsOf(to: "coordinator" | "peer" | "outside" | "external", interdependent: boolean): Channel[] {
  const odds: Record<Channel, number> =
    to === "coordinator" ? { "steering-group": 0.9, "learning-network": interdependent ? 0.6 : 0.2, email: 0.9, phone: 0.5, "chance-meeting": 0.1 }
    : to === "peer" ? { "steering-group": 0.6, "learning-network": interdependent ? 0.6 : 0.15, email: 0.7, phone: 0.3, "chance-meeting": 0.2 }
    : to === "outside" ? { "steering-group": 0, "learning-network": 0.3, email: 0.4, phone: 0.1, "chance-meeting": 0.5 }
    : { "steering-group": 0, "learning-network": 0, email: 0.9, phone: 0.4, "chance-meeting": 0.1 };
  const chosen = CHANNELS.filter((c) => wishes(odds[c]));
  return chosen.length ? chosen : ["email"];
}

for (const l of source.lots) {
  const lotId = `lot-${l.number}`;
  const coordinator = slug(COORDINATORS[l.number]!);
  const interdependent = l.number === INTERDEPENDENT_LOT;
  const active = l.funds.filter((f) => f.active !== false).map((f) => slug(f.name));
  for (const circle of circles.filter((c) => c.lot === lotId)) {
    const me = circle.respondent;
    for (const tie of circle.ties) {
      const to = tie.partner === EUROPA_WSE ? "external" : tie.partner === coordinator ? "coordinator" : lotIdOf.get(tie.partner) === lotId ? "peer" : "outside";
      tie.desired = to === "external" ? { ...tie.forms } : desiredOf(tie.forms, to, interdependent);
      tie.channels = channelsOf(to, interdependent);
    }
    // A partner of the lot it does not work with yet, but would like to.
    const untied = active.filter((id) => id !== me && !circle.ties.some((t) => t.partner === id));
    if (untied.length && wishes(0.5)) circle.ties.push({ partner: wishPick(untied), forms: {}, desired: { information: 2 + Math.floor(wishRng() * 2) } });
    // Next call: the partners it wants to keep (its closest in the lot), now and then one
    // from another lot; rarely one it would rather not work with again.
    const closest = circle.ties
      .filter((t) => t.partner !== EUROPA_WSE && lotIdOf.get(t.partner) === lotId)
      .sort((a, b) => highestScore(b.desired!) - highestScore(a.desired!) || a.partner.localeCompare(b.partner))
      .slice(0, 1 + Math.floor(wishRng() * 3))
      .map((t) => t.partner);
    const elsewhere = allFunds.filter((id) => lotIdOf.get(id) !== lotId);
    const withOthers = wishes(0.3) ? [wishPick(elsewhere)] : [];
    const without = wishes(0.15) ? [wishPick(elsewhere.filter((id) => !withOthers.includes(id)))] : [];
    circle.nextPartners = { with: [...closest, ...withOthers], without };
  }
}

const doc: CallDocumentInput = {
  format: "netwerkcirkel/v1",
  call: {
    id: "cc-2023",
    name: "Competentiechecks voor ondernemingen",
    start: "2023-01-01",
    end: "2024-12-31",
    description:
      "Demo call. The lots, funds, sectors, joint committees and who took part are those of the 2023-24 call " +
      "(evaluation report D/2025/3241/034, table 8). The ties and scores are illustrative, generated to follow the " +
      "report's findings; they are not the respondents' answers. Lot 5's coordinator (Unizo) is real; the coordinators " +
      "of lots 1-4 and the funds' sizes were chosen for the demo.",
  },
  organisations,
  lots,
  waves: [WAVE],
  circles,
};

const checked = validateCallDocument(doc);
if (!checked.ok) throw new Error(`generated an invalid call document: ${JSON.stringify(checked.problems, null, 2)}`);
writeFileSync(out, JSON.stringify(doc, null, 2) + "\n");
console.log(`wrote ${out}: ${organisations.length} organisations, ${lots.length} lots, ${circles.length} circles`);
