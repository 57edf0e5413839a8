import { saveCircle, type CircleOwner } from "../../circles/respondent-circle.ts";
import { waveState } from "../../circles/wave-state.ts";
import { initialsOf } from "../../schema/call-document.ts";
import type { TokenRecord } from "../../store/token-store.ts";
import { RESPONDENT, authOf, type RouteModule } from "../routes.ts";
import type { Context } from "../context.ts";

/** An invitation token names exactly one circle: its wave, lot and organisation. */
function ownerOf(auth: TokenRecord | undefined): CircleOwner {
  const a = authOf(auth);
  return { waveId: a.waveId!, lotId: a.lotId!, organisationId: a.organisationId! };
}

function context(ctx: Context, owner: CircleOwner) {
  const { store } = ctx;
  const wave = store.calls.wave(owner.waveId)!;
  const lot = store.calls.lot(owner.lotId)!;
  const call = store.calls.call(wave.callId)!;
  const organisations = store.calls.organisations(call.id);
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const me = byId.get(owner.organisationId)!;
  const members = store.calls.members(lot.id).filter((m) => m.active && m.organisation !== me.id);
  const inLot = new Set(store.calls.members(lot.id).map((m) => m.organisation));
  const brief = (id: string) => {
    const o = byId.get(id)!;
    return { id: o.id, name: o.name, initials: o.initials ?? initialsOf(o.name) };
  };
  return {
    call: { id: call.id, name: call.name },
    wave: { id: wave.id, name: wave.name, opens: wave.opens, closes: wave.closes, state: waveState(wave, ctx.now()) },
    lot: { id: lot.id, number: lot.number, name: lot.name },
    organisation: brief(me.id),
    // What a respondent may know of others: names and initials, and who coordinates the lot.
    partners: members.map((m) => ({ ...brief(m.organisation), role: m.role })),
    others: organisations.filter((o) => !inLot.has(o.id)).map((o) => brief(o.id)),
  };
}

/** The respondent's own circle, and nothing else. */
export const respondentRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/my/context",
    roles: RESPONDENT,
    handle: (_req, _res, auth) => context(ctx, ownerOf(auth)),
  },
  {
    method: "get",
    path: "/api/my/circle",
    roles: RESPONDENT,
    handle: (_req, _res, auth) => {
      const o = ownerOf(auth);
      return {
        current: ctx.store.circles.latest(o.waveId, o.organisationId) ?? null,
        versions: ctx.store.circles.versions(o.waveId, o.organisationId),
      };
    },
  },
  {
    method: "put",
    path: "/api/my/circle",
    roles: RESPONDENT,
    handle: (req, _res, auth) => ({ saved: saveCircle(ctx.store, ownerOf(auth), req.body, { submit: false, now: ctx.now() }) }),
  },
  {
    method: "post",
    path: "/api/my/circle/submit",
    roles: RESPONDENT,
    handle: (req, res, auth) => {
      const saved = saveCircle(ctx.store, ownerOf(auth), req.body, { submit: true, now: ctx.now() });
      res.status(201);
      return { saved };
    },
  },
];
