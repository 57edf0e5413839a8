import type { Request } from "express";
import { z } from "zod";
import { LOOPBACK_ORIGINS, linkOrigin } from "../access/link-origin.ts";
import { defaultWave } from "../calls/default-wave.ts";
import { IdSchema } from "../schema/call-document.ts";
import { parseWith } from "../schema/problems.ts";
import type { InvitationRecord } from "../store/call-edit-store.ts";
import type { CallSummary, StoredLot, StoredMember, StoredWave } from "../store/call-store.ts";
import type { Role, TokenRecord } from "../store/token-store.ts";
import type { Account } from "../staff/staff-schema.ts";
import type { Context } from "./context.ts";
import { HttpError, badRequest, notFound } from "./errors.ts";
import { validate } from "./params.ts";

/**
 * The things a request names, each found the same way: the raw value is validated
 * first (a 400 at `params.<name>` or `query.<name>`), then looked up (a 404 that
 * says which one is unknown). Routes take what they name only from here.
 */

const NumberIdSchema = z.coerce.number().int().positive();

function valid<S extends z.ZodType>(schema: S, raw: unknown, where: string): z.infer<S> {
  const parsed = parseWith(schema, raw, where.split("."));
  if (!parsed.ok) throw badRequest(parsed.problems);
  return parsed.value;
}

export function requireCall(ctx: Context, raw: unknown, where = "params.callId"): CallSummary {
  const callId = valid(IdSchema, raw, where);
  const call = ctx.store.calls.call(callId);
  if (!call) throw notFound(`call "${callId}"`);
  return call;
}

export function requireLot(ctx: Context, raw: unknown, where = "params.lotId"): StoredLot {
  const lotId = valid(IdSchema, raw, where);
  const lot = ctx.store.calls.lot(lotId);
  if (!lot) throw notFound(`lot "${lotId}"`);
  return lot;
}

export function requireWave(ctx: Context, raw: unknown, where = "params.waveId"): StoredWave {
  const waveId = valid(IdSchema, raw, where);
  const wave = ctx.store.calls.wave(waveId);
  if (!wave) throw notFound(`wave "${waveId}"`);
  return wave;
}

/** An organisation of the call, in a lot or not. */
export function requireOrganisation(ctx: Context, callId: string, raw: unknown, where = "params.organisationId"): string {
  const organisationId = valid(IdSchema, raw, where);
  if (!ctx.store.calls.organisation(callId, organisationId)) throw notFound(`organisation "${organisationId}" in call "${callId}"`);
  return organisationId;
}

/** An active member of the wave's call: the organisations that have a circle in that wave. */
export function requireActiveMember(ctx: Context, wave: StoredWave, raw: unknown, where = "params.organisationId"): StoredMember {
  const organisationId = valid(IdSchema, raw, where);
  const member = ctx.store.calls.membership(wave.callId, organisationId);
  if (!member?.active) throw notFound(`active member "${organisationId}" in the call of wave "${wave.id}"`);
  return member;
}

/** A record by the numeric id in `raw` (400 at `where` when it is not one), or 404 naming `what` and the id. */
function requireNumbered<T>(raw: unknown, where: string, what: string, find: (id: number) => T | undefined): T {
  const id = valid(NumberIdSchema, raw, where);
  const found = find(id);
  if (found === undefined) throw notFound(`${what} ${id}`);
  return found;
}

export function requireInvitation(ctx: Context, raw: unknown, where = "params.invitationId"): InvitationRecord {
  return requireNumbered(raw, where, "invitation", (id) => ctx.store.callEdits.invitation(id));
}

/** A token of staff (evaluator or admin); a respondent's token is an invitation and found as one. */
export function requireToken(ctx: Context, role: Extract<Role, "admin" | "evaluator">, raw: unknown, where = "params.tokenId"): TokenRecord {
  return requireNumbered(raw, where, `${role} token`, (id) => {
    const token = ctx.store.tokens.byId(id);
    return token?.role === role ? token : undefined;
  });
}

export function requireAccount(ctx: Context, raw: unknown, where = "params.accountId"): Account {
  return requireNumbered(raw, where, "account", (id) => ctx.store.accounts.byId(id));
}

export function requireProposal(ctx: Context, raw: unknown, where = "params.id") {
  return requireNumbered(raw, where, "proposal", (id) => ctx.store.composition.proposal(id));
}

/** A wave of the call by id, or by default the one `defaultWave` picks. */
export function chosenWave(ctx: Context, callId: string, waveId: string | undefined): StoredWave {
  const waves = ctx.store.calls.waves(callId);
  const wave =
    waveId === undefined
      ? defaultWave(waves, ctx.store.circles.wavesWithSubmissions(callId), ctx.now())
      : waves.find((w) => w.id === waveId);
  if (!wave) throw notFound(waveId === undefined ? `a wave in call "${callId}"` : `wave "${waveId}" in call "${callId}"`);
  return wave;
}

/** A query that may name a wave; without one the call's default wave is taken. */
type WaveQuery = z.ZodType<{ wave?: string | undefined }>;

/** The query as `Query` reads it (a 400 naming `query.<field>`) and the wave it chooses in the call. */
function viewOf<Q extends WaveQuery>(ctx: Context, req: Request, callId: string, Query: Q): { q: z.infer<Q>; wave: StoredWave } {
  const q = validate(Query, req.query, "query");
  return { q, wave: chosenWave(ctx, callId, q.wave) };
}

/** What a request about one lot's figures names: the lot of `:lotId`, its query and the wave. */
export function lotView<Q extends WaveQuery>(ctx: Context, req: Request, Query: Q): { lot: StoredLot; q: z.infer<Q>; wave: StoredWave } {
  const lot = requireLot(ctx, req.params.lotId);
  return { lot, ...viewOf(ctx, req, lot.callId, Query) };
}

/** What a request about a whole call's figures names: the call of `:callId`, its query and the wave. */
export function callView<Q extends WaveQuery>(ctx: Context, req: Request, Query: Q): { call: CallSummary; q: z.infer<Q>; wave: StoredWave } {
  const call = requireCall(ctx, req.params.callId);
  return { call, ...viewOf(ctx, req, call.id, Query) };
}

/**
 * Where invitation links point: PUBLIC_URL, or the host the caller used when it is on
 * the allowlist (link-origin.ts); otherwise no link is made (409 `link_host_not_allowed`).
 */
export function baseUrl(ctx: Context, req: Request): string {
  if (ctx.publicUrl !== undefined) return ctx.publicUrl;
  const host = req.headers.host;
  const origin = linkOrigin(host, ctx.allowedHosts ?? LOOPBACK_ORIGINS);
  if (origin !== undefined) return origin;
  throw new HttpError(409, "link_host_not_allowed", "no invitation link was made: set PUBLIC_URL, or list this host in ALLOWED_HOSTS", [
    { path: "headers.host", message: `"${host ?? ""}" is not an allowed host for links` },
  ]);
}
