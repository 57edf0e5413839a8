import type { HistoryWish } from "../schema/proposals.ts";

/** Who wished (or rather not) whom, for look-ups by pair. */
export type WishBook = ReadonlyMap<string, { with: ReadonlySet<string>; without: ReadonlySet<string> }>;

export function wishBook(wishes: Iterable<HistoryWish>): WishBook {
  const book = new Map<string, { with: Set<string>; without: Set<string> }>();
  for (const { respondent, nextPartners } of wishes) {
    book.set(respondent, { with: new Set(nextPartners.with), without: new Set(nextPartners.without) });
  }
  return book;
}

/** p(u, v) of docs/metrics.md: +1 when u named v under `with`, -1 under `without`, else 0. */
export function preference(book: WishBook, u: string, v: string): -1 | 0 | 1 {
  const w = book.get(u);
  if (!w) return 0;
  return w.with.has(v) ? 1 : w.without.has(v) ? -1 : 0;
}

/** Wishes inside a group of members, only as counts: ordered pairs named under `with`, and under `without`. */
export function wishCounts(book: WishBook, members: readonly string[]): { with: number; without: number } {
  const counts = { with: 0, without: 0 };
  for (const u of members) {
    for (const v of members) {
      if (u === v) continue;
      const p = preference(book, u, v);
      if (p === 1) counts.with += 1;
      else if (p === -1) counts.without += 1;
    }
  }
  return counts;
}
