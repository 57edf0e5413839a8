import type { CheckResponse, History, LotFigures, ProposalCheck } from "../../api/composition/composition-schema.ts";
import type { Proposal, ProposedLot } from "../../api/schema/proposals.ts";
import { ApiError, type ApiProblem, apiFetch } from "../shared/api.ts";

/** Figures follow the edits at once; the check waits this long for a burst of edits to end. */
const CHECK_DELAY_MS = 120;
/** Lots whose figures are kept; beyond it the memory starts again. */
const CACHED_LOTS = 2000;

export interface Composition {
  history: History;
  proposals: Proposal[];
}

/** The answer for one composition: figures per proposal (null for one that breaks a rule) and the rule breaks. */
export interface CheckResult {
  checks: Array<ProposalCheck | null>;
  problems: ApiProblem[];
}

/**
 * The composition check of the open proposals: asked for after a burst of edits, an
 * answer overtaken by a later edit dropped. A proposal that breaks a rule is left out
 * and the others are checked without it. Figures of every lot checked so far are kept
 * by content and history, so a lot an edit did not touch keeps its figures while the
 * edited ones are checked.
 */
export class ProposalChecker {
  private result: (CheckResult & { key: string }) | null = null;
  private readonly lots = new Map<string, LotFigures>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor(
    private readonly token: string,
    /** The composition on screen. */
    private readonly composition: () => Composition,
    /** Called when an answer for the composition on screen came. */
    private readonly answered: () => void,
  ) {}

  /** Check the composition on screen once edits pause. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), CHECK_DELAY_MS);
  }

  /** The answer for the composition on screen, or null while it is being checked. */
  current(): CheckResult | null {
    return this.result?.key === JSON.stringify(this.composition()) ? this.result : null;
  }

  /** The figures of a lot with this content against the history on screen, when it was checked before. */
  lotFigures(lot: ProposedLot): LotFigures | undefined {
    return this.lots.get(this.lotKey(this.composition().history, lot));
  }

  private lotKey(history: History, lot: ProposedLot): string {
    return JSON.stringify([history, lot.name, lot.coordinator ?? null, lot.members]);
  }

  private async run(): Promise<void> {
    const composition = this.composition();
    const { history, proposals } = composition;
    const seq = ++this.asked;
    const checks: Array<ProposalCheck | null> = proposals.map(() => null);
    let problems: ApiProblem[] = [];
    const ask = async (indexes: number[]) => {
      const body = { history, proposals: indexes.map((i) => proposals[i]!) };
      const answer = await apiFetch<CheckResponse>(this.token, "/api/composition/check", { method: "POST", body });
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
    if (seq !== this.asked) return;
    if (this.lots.size > CACHED_LOTS) this.lots.clear();
    checks.forEach((c, i) => c?.lots.forEach((lot, j) => this.lots.set(this.lotKey(history, proposals[i]!.lots[j]!), lot)));
    this.result = { key: JSON.stringify(composition), checks, problems };
    this.answered();
  }
}
