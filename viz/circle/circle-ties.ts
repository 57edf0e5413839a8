import type { Forms, Tie } from "../../api/schema/call-document.ts";
import { CHANNELS, type Channel } from "../../api/schema/channels.ts";

/** What the page holds beside the current circle, each only when the wave asks it. */
export interface TieExtras {
  /** Per partner its desired scores; `{}` is "no collaboration wanted". */
  desired?: ReadonlyMap<string, Forms>;
  /** Per partner the channels ticked. */
  channels?: ReadonlyMap<string, readonly Channel[]>;
}

const hasForm = (f: Forms) => Object.keys(f).length > 0;

/**
 * The ties the API takes (call-format.md): every partner of the current circle, and
 * every partner with a desired collaboration that does not exist yet (empty
 * `forms`), in the order of `order`. "No collaboration wanted" belongs to a current
 * tie only (for anyone else it is what not naming them says already), and so do the
 * channels, which describe how an existing collaboration is organised; they are kept
 * in the page meanwhile, and saved when the tie exists.
 */
export function tiesWith(current: readonly Tie[], extras: TieExtras, order: readonly string[]): Tie[] {
  const forms = new Map(current.map((t) => [t.partner, t.forms]));
  const wished = [...(extras.desired ?? [])].filter(([p, d]) => !forms.has(p) && hasForm(d)).map(([p]) => p);
  const rank = new Map(order.map((id, i) => [id, i]));
  const position = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...forms.keys(), ...wished]
    .sort((a, b) => position(a) - position(b) || a.localeCompare(b))
    .map((partner) => {
      const desired = extras.desired?.get(partner);
      const channels = forms.has(partner) ? CHANNELS.filter((c) => extras.channels?.get(partner)?.includes(c)) : [];
      return {
        partner,
        forms: forms.get(partner) ?? {},
        ...(desired !== undefined && { desired }),
        ...(channels.length > 0 && { channels }),
      };
    });
}

/** Partners of the current circle still without a desired place (a submission needs one for each). */
export function withoutDesired(ties: readonly Tie[]): string[] {
  return ties.filter((t) => t.desired === undefined).map((t) => t.partner);
}
