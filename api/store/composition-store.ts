import type { Db } from "./database.ts";
import type { HistoryTie, HistoryWish, Proposal, SavedProposal } from "../schema/proposals.ts";
import type { Organisation } from "../schema/call-document.ts";

interface OrgRow { id: string; name: string; initials: string | null; sector: string | null; size: string | null; kind: string }
/** Which organisations a page of the list holds (see OrganisationsQuerySchema); absent fields do not filter. */
export interface OrganisationFilter {
  q?: string | undefined;
  call?: string | undefined;
  kind?: string | undefined;
  ids?: readonly string[] | undefined;
  limit: number;
  offset: number;
}

interface ProposalRow { id: number; name: string; body: string; created_at: string; updated_at: string }

// Columns are the Organisation's fields; NULL stands for an absent optional one.
const toOrganisation = (r: OrgRow): Organisation =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as Organisation;

const toProposal = (r: ProposalRow): SavedProposal => ({
  id: r.id,
  name: r.name,
  lots: (JSON.parse(r.body) as Pick<Proposal, "lots">).lots,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type FilterParams = { q: string | null; call: string | null; kind: string | null; ids: string | null; limit: number; offset: number };

/**
 * The organisations passing a filter, each as its latest call describes it. The call
 * and id filters narrow the rows before the window sorts them, so a page of one call
 * does not rank every organisation of a long history.
 */
const FILTERED = `
  WITH latest AS (
    SELECT o.id, o.name, o.initials, o.sector, o.size, o.kind,
           ROW_NUMBER() OVER (PARTITION BY o.id ORDER BY c.start DESC, c.id) AS recency
    FROM organisations o JOIN calls c ON c.id = o.call_id
    WHERE (@call IS NULL OR o.id IN (SELECT m.id FROM organisations m WHERE m.call_id = @call))
      AND (@ids IS NULL OR o.id IN (SELECT value FROM json_each(@ids)))),
  matching AS (
    SELECT * FROM latest WHERE recency = 1 AND (@kind IS NULL OR kind = @kind)
      AND (@q IS NULL OR name LIKE @q ESCAPE '\\' OR initials LIKE @q ESCAPE '\\' OR id LIKE @q ESCAPE '\\'))`;

/** Same id = same organisation; its latest call (as GET /api/calls orders them) describes it. `where` narrows the rows first. */
const latestDescriptions = (where: string) => `
  SELECT id, name, initials, sector, size, kind FROM (
    SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.id ORDER BY c.start DESC, c.id) AS recency
    FROM organisations o JOIN calls c ON c.id = o.call_id ${where})
  WHERE recency = 1 ORDER BY name COLLATE NOCASE, id`;

/**
 * What the composition check reads across calls (the history of chosen waves, the
 * organisations known) and the proposals staff save. Wave lists go to SQL as one
 * JSON array, so every statement is prepared once whatever the number of waves.
 */
export class CompositionStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      allWaves: db.prepare<[], { id: string }>(
        "SELECT w.id FROM waves w JOIN calls c ON c.id = w.call_id ORDER BY c.start, c.id, w.position",
      ),
      // Per (wave, respondent) the latest submitted version; drafts never count.
      ties: db.prepare<[string], { respondent: string; partner: string }>(`
        SELECT DISTINCT v.respondent_id AS respondent, t.partner_id AS partner
        FROM circle_versions v JOIN ties t ON t.version_id = v.id
        WHERE v.wave_id IN (SELECT value FROM json_each(?)) AND v.submitted_at IS NOT NULL AND v.version = (
          SELECT MAX(v2.version) FROM circle_versions v2
          WHERE v2.wave_id = v.wave_id AND v2.respondent_id = v.respondent_id AND v2.submitted_at IS NOT NULL)
        ORDER BY respondent, partner`),
      // Per respondent its latest submitted circle in the given waves, when that circle answered the question.
      wishes: db.prepare<[string], { respondent: string; next_partners: string }>(`
        SELECT respondent, next_partners FROM (
          SELECT v.respondent_id AS respondent, v.next_partners,
                 ROW_NUMBER() OVER (PARTITION BY v.respondent_id ORDER BY v.submitted_at DESC, v.id DESC) AS recency
          FROM circle_versions v
          WHERE v.wave_id IN (SELECT value FROM json_each(?)) AND v.submitted_at IS NOT NULL)
        WHERE recency = 1 AND next_partners IS NOT NULL ORDER BY respondent`),
      activeMembers: db.prepare<[string], { id: string }>(`
        SELECT DISTINCT m.organisation_id AS id FROM memberships m
        WHERE m.active = 1 AND m.call_id IN (SELECT w.call_id FROM waves w WHERE w.id IN (SELECT value FROM json_each(?)))
        ORDER BY id`),
      organisations: db.prepare<[], OrgRow>(latestDescriptions("")),
      organisationsAmong: db.prepare<[string], OrgRow>(latestDescriptions("WHERE o.id IN (SELECT value FROM json_each(?))")),
      organisationPage: db.prepare<FilterParams, OrgRow>(`${FILTERED} SELECT id, name, initials, sector, size, kind FROM matching
        ORDER BY name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`),
      organisationCount: db.prepare<FilterParams, { total: number }>(`${FILTERED} SELECT COUNT(*) AS total FROM matching`),
      proposals: db.prepare<[], ProposalRow>("SELECT * FROM proposals ORDER BY updated_at DESC, id DESC"),
      proposal: db.prepare<[number], ProposalRow>("SELECT * FROM proposals WHERE id = ?"),
      insertProposal: db.prepare("INSERT INTO proposals (name, body, created_at, updated_at) VALUES (?, ?, ?, ?)"),
      updateProposal: db.prepare("UPDATE proposals SET name = ?, body = ?, updated_at = ? WHERE id = ?"),
      deleteProposal: db.prepare("DELETE FROM proposals WHERE id = ?"),
    };
  }

  /** Every wave id, oldest call first: the history "all". */
  allWaves(): string[] {
    return this.q.allWaves.all().map((r) => r.id);
  }

  /** Ties reported in the given waves (respondent, partner), each pair once per direction. */
  ties(waveIds: readonly string[]): HistoryTie[] {
    return this.q.ties.all(JSON.stringify(waveIds));
  }

  /** Next-partner wishes of the latest submitted circle per organisation in the given waves. */
  wishes(waveIds: readonly string[]): HistoryWish[] {
    return this.q.wishes
      .all(JSON.stringify(waveIds))
      .map((r) => ({ respondent: r.respondent, nextPartners: JSON.parse(r.next_partners) as HistoryWish["nextPartners"] }));
  }

  /** Active lot members of the calls the given waves belong to. */
  activeMembers(waveIds: readonly string[]): string[] {
    return this.q.activeMembers.all(JSON.stringify(waveIds)).map((r) => r.id);
  }

  /** Every organisation known across calls, as its latest call describes it, by name. */
  organisations(): Organisation[] {
    return this.q.organisations.all().map(toOrganisation);
  }

  /**
   * The organisations among `ids` known across calls, likewise; an unknown id is left
   * out. A check reads the few it names, not every organisation of a long history.
   */
  organisationsAmong(ids: Iterable<string>): Organisation[] {
    return this.q.organisationsAmong.all(JSON.stringify([...new Set(ids)])).map(toOrganisation);
  }

  /** One page of the organisations that pass the filter, by name, and how many pass it. */
  organisationPage(f: OrganisationFilter): { organisations: Organisation[]; total: number } {
    const params: FilterParams = {
      q: f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null,
      call: f.call ?? null,
      kind: f.kind ?? null,
      ids: f.ids ? JSON.stringify(f.ids) : null,
      limit: f.limit,
      offset: f.offset,
    };
    return { organisations: this.q.organisationPage.all(params).map(toOrganisation), total: this.q.organisationCount.get(params)!.total };
  }

  proposals(): SavedProposal[] {
    return this.q.proposals.all().map(toProposal);
  }

  proposal(id: number): SavedProposal | undefined {
    const r = this.q.proposal.get(id);
    return r && toProposal(r);
  }

  createProposal(p: Proposal, now: Date): SavedProposal {
    const at = now.toISOString();
    const { lastInsertRowid } = this.q.insertProposal.run(p.name, JSON.stringify({ lots: p.lots }), at, at);
    return this.proposal(Number(lastInsertRowid))!;
  }

  /** Replace a proposal's name and lots; undefined when there is no such proposal. */
  updateProposal(id: number, p: Proposal, now: Date): SavedProposal | undefined {
    const { changes } = this.q.updateProposal.run(p.name, JSON.stringify({ lots: p.lots }), now.toISOString(), id);
    return changes === 1 ? this.proposal(id) : undefined;
  }

  deleteProposal(id: number): boolean {
    return this.q.deleteProposal.run(id).changes === 1;
  }
}
