import type { Request } from "express";
import { recordAccess } from "../staff/access-log.ts";
import type { Caller } from "../staff/caller.ts";
import type { Context } from "./context.ts";
import { redactPath } from "./request-log.ts";
import type { Audit } from "./routes.ts";

/** The call a request is about, from whichever id its path names. */
function callOf(ctx: Context, params: Record<string, string | undefined>): string | undefined {
  const { callId, lotId, waveId, invitationId } = params;
  if (callId !== undefined) return callId;
  if (lotId !== undefined) return ctx.store.calls.lot(lotId)?.callId;
  if (waveId !== undefined) return ctx.store.calls.wave(waveId)?.callId;
  if (invitationId !== undefined && /^\d+$/.test(invitationId)) return ctx.store.callEdits.invitation(Number(invitationId))?.callId;
  return undefined;
}

/** The query parameters that say what was read (an export's format and view); anything else is left out. */
const KEPT_QUERY = ["format", "wave", "layer", "missing", "outside", "pseudonymise"];

function subjectOf(req: Request): string {
  const query = new URLSearchParams();
  for (const key of KEPT_QUERY) {
    const value = req.query[key];
    if (typeof value === "string") query.set(key, value);
  }
  const q = query.size > 0 ? `?${query}` : "";
  return `${req.method} ${redactPath(req.path)}${q}`;
}

/** Record a successful call in the access log when its route asks for it. */
export function audit(ctx: Context, spec: Exclude<Audit, false>, req: Request, caller: Caller): void {
  if (spec.when && !spec.when(req)) return;
  recordAccess(ctx.store, caller, { kind: spec.kind, subject: subjectOf(req), callId: callOf(ctx, req.params as Record<string, string>), address: req.ip }, ctx.now());
}
