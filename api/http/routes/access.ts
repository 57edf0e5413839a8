import { z } from "zod";
import { revokeAdminToken } from "../../access/admin-tokens.ts";
import { storedCallWarnings } from "../../calls/call-warnings.ts";
import { inviteMembers } from "../../calls/invitations.ts";
import { waveState } from "../../circles/wave-state.ts";
import { baseUrl, requireToken, requireWave } from "../lookups.ts";
import { validate } from "../params.ts";
import { ADMIN, authOf, type RouteModule } from "../routes.ts";

const NewTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** Health, who-am-I, evaluator and admin tokens, and invitation links. */
export const accessRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/health",
    roles: "public",
    handle: () => {
      ctx.store.check();
      return { ok: true };
    },
  },
  {
    method: "get",
    path: "/api/session",
    roles: ["admin", "evaluator", "respondent"],
    handle: (_req, _res, auth) => {
      const a = authOf(auth);
      return { role: a.role, ...(a.name !== undefined && { name: a.name }) };
    },
  },
  {
    method: "post",
    path: "/api/tokens",
    roles: ADMIN,
    handle: (req, res) => {
      const { name } = validate(NewTokenBody, req.body, "body");
      const { token, record } = ctx.store.tokens.create({ role: "evaluator", name }, ctx.now());
      res.status(201);
      return { token, id: record.id, name: record.name, createdAt: record.createdAt };
    },
  },
  {
    method: "get",
    path: "/api/tokens",
    roles: ADMIN,
    handle: () => ({
      tokens: ctx.store.tokens.list("evaluator").map(({ id, name, createdAt, revokedAt }) => ({ id, name, createdAt, revokedAt })),
    }),
  },
  {
    method: "delete",
    path: "/api/tokens/:tokenId",
    roles: ADMIN,
    handle: (req) => {
      const { id } = requireToken(ctx, "evaluator", req.params.tokenId);
      ctx.store.tokens.revoke(id, ctx.now());
      return { revoked: id };
    },
  },
  {
    method: "get",
    path: "/api/admin-tokens",
    roles: ADMIN,
    handle: (_req, _res, auth) => ({
      tokens: ctx.store.tokens
        .list("admin")
        .map(({ id, name, createdAt, revokedAt }) => ({ id, name, createdAt, revokedAt, yours: id === authOf(auth).id })),
    }),
  },
  {
    method: "post",
    path: "/api/admin-tokens",
    roles: ADMIN,
    handle: (req, res) => {
      const { name } = validate(NewTokenBody, req.body, "body");
      const { token, record } = ctx.store.tokens.create({ role: "admin", name }, ctx.now());
      res.status(201);
      return { token, id: record.id, name: record.name, createdAt: record.createdAt };
    },
  },
  {
    method: "delete",
    path: "/api/admin-tokens/:tokenId",
    roles: ADMIN,
    handle: (req) => {
      const token = requireToken(ctx, "admin", req.params.tokenId);
      const { id, revokedAt } = revokeAdminToken(ctx.store, token.id, ctx.now());
      return { revoked: id, revokedAt };
    },
  },
  {
    method: "post",
    path: "/api/waves/:waveId/invitations",
    roles: ADMIN,
    handle: (req, res) => {
      const wave = requireWave(ctx, req.params.waveId);
      const base = baseUrl(ctx, req);
      const created = inviteMembers(ctx.store, wave, ctx.now()).map(({ token, ...i }) => ({ ...i, link: `${base}/c/${token}` }));
      res.status(201);
      const lots = new Set(created.map((c) => c.lot));
      const warnings = storedCallWarnings(ctx.store, wave.callId).filter((w) => w.code === "lot_without_coordinator" && lots.has(w.lot!));
      return { wave: { id: wave.id, state: waveState(wave, ctx.now()) }, invitations: created, warnings };
    },
  },
];
