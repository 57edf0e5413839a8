import type { Request } from "express";
import { LOOPBACK_ORIGINS, linkOrigin } from "../access/link-origin.ts";
import { defaultWave } from "../calls/default-wave.ts";
import { IdSchema } from "../schema/call-document.ts";
import type { CallSummary, StoredLot, StoredWave } from "../store/call-store.ts";
import type { Context } from "./context.ts";
import { HttpError, notFound } from "./errors.ts";
import { validate } from "./params.ts";

/** The things a path names, or a 404 that says which one is unknown. */

export function requireCall(ctx: Context, callId: string): CallSummary {
  const call = ctx.store.calls.call(callId);
  if (!call) throw notFound(`call "${callId}"`);
  return call;
}

export function requireLot(ctx: Context, lotId: string): StoredLot {
  const lot = ctx.store.calls.lot(validate(IdSchema, lotId, "params"));
  if (!lot) throw notFound(`lot "${lotId}"`);
  return lot;
}

export function requireWave(ctx: Context, waveId: string): StoredWave {
  const wave = ctx.store.calls.wave(waveId);
  if (!wave) throw notFound(`wave "${waveId}"`);
  return wave;
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
