import type { ComposableOrganisation, OrganisationsResponse } from "../../api/composition/composition-schema.ts";
import { apiFetch } from "../shared/api.ts";

/** Ids asked for in one request: long ids would otherwise make an address longer than servers take. */
const IDS_PER_REQUEST = 100;

/**
 * The organisations the page has met so far: those of the latest call, the pool's pages
 * and the members of proposals opened. A long history holds thousands, so the page never
 * asks for all of them; it asks by id for the ones it needs to name.
 */
export class OrganisationBook {
  private readonly known = new Map<string, ComposableOrganisation>();

  constructor(private readonly token: string) {}

  /** Every organisation met, by id. */
  get all(): ReadonlyMap<string, ComposableOrganisation> {
    return this.known;
  }

  get(id: string): ComposableOrganisation | undefined {
    return this.known.get(id);
  }

  nameOf(id: string): string {
    return this.known.get(id)?.name ?? id;
  }

  add(organisations: Iterable<ComposableOrganisation>): void {
    for (const o of organisations) this.known.set(o.id, o);
  }

  /** Ask for the organisations among `ids` not met yet; true when any came. */
  async fetchMissing(ids: Iterable<string>): Promise<boolean> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += IDS_PER_REQUEST) batches.push(missing.slice(i, i + IDS_PER_REQUEST));
    const answers = await Promise.all(
      batches.map((batch) =>
        apiFetch<OrganisationsResponse>(this.token, `/api/composition/organisations?${new URLSearchParams({ ids: batch.join(","), limit: String(batch.length) })}`),
      ),
    );
    for (const answer of answers) this.add(answer.organisations);
    return answers.some((a) => a.organisations.length > 0);
  }
}
