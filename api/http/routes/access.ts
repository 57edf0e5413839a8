import { z } from "zod";
import { revokeAdminToken } from "../../access/admin-tokens.ts";
import { storedCallWarnings } from "../../calls/call-warnings.ts";
import { inviteMembers } from "../../calls/invitations.ts";
import { waveState } from "../../circles/wave-state.ts";
import { baseUrl, requireAccount, requireToken, requireWave } from "../lookups.ts";
import { validate } from "../params.ts";
import { ADMIN, authOf, type RouteDef, type RouteModule } from "../routes.ts";
import { NewTokenAnswerSchema, NewTokenSchema, SessionAnswerSchema, TokensAnswerSchema } from "../../staff/staff-schema.ts";
import type { TokenRecord } from "../../store/token-store.ts";
import type { Context } from "../context.ts";
import { ConflictError } from "../../schema/problems.ts";
import { AdminTokensAnswerSchema, HealthAnswerSchema, NewInvitationsAnswerSchema, RevokedTokenAnswerSchema } from "../../schema/answers.ts";

const NewTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** A staff token as admins see it: never the token itself, and whose it is. */
function tokenListing(ctx: Context, t: TokenRecord): z.infer<typeof TokensAnswerSchema>["tokens"][number] {
  const owner = t.accountId === undefined ? undefined : ctx.store.accounts.byId(t.accountId);
  return {
    id: t.id,
    name: t.name ?? "",
    role: owner?.role ?? "evaluator",
    createdAt: t.createdAt,
    ...(t.revokedAt !== undefined && { revokedAt: t.revokedAt }),
    owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
  };
}

/** DELETE a token of one role: looked up in that role (404 otherwise), then revoked by `revoke`. */
function revokeTokenRoute(
  ctx: Context,
  path: string,
  role: "evaluator" | "admin",
  revoke: (id: number) => { revokedAt?: string | undefined },
): RouteDef {
  return {
    method: "delete",
    path,
    roles: ADMIN,
    response: RevokedTokenAnswerSchema,
    handle: (req) => {
      const { id } = requireToken(ctx, role, req.params.tokenId);
      const { revokedAt } = revoke(id);
      return { revoked: id, ...(revokedAt !== undefined && { revokedAt }) };
    },
  };
}

/** Health, who-am-I, staff and admin tokens, and invitation links. */
export const accessRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/health",
    roles: "public",
    response: HealthAnswerSchema,
    handle: () => {
      ctx.store.check();
      return { ok: true };
    },
  },
  {
    method: "get",
    path: "/api/session",
    roles: ["admin", "evaluator", "respondent"],
    response: SessionAnswerSchema,
    handle: (_req, _res, auth): z.infer<typeof SessionAnswerSchema> => {
      const a = authOf(auth);
      return { role: a.role, via: a.via, ...(a.name !== undefined && { name: a.name }), ...(a.email !== undefined && { email: a.email }) };
    },
  },
  {
    method: "post",
    path: "/api/tokens",
    roles: ADMIN,
    response: NewTokenAnswerSchema,
    handle: (req, res): z.infer<typeof NewTokenAnswerSchema> => {
      const { name, account: accountId } = validate(NewTokenSchema, req.body, "body");
      const account = accountId === undefined ? undefined : requireAccount(ctx, accountId, "body.account");
      if (account && !account.active) throw new ConflictError(`${account.name}'s account is inactive`, [{ path: "body.account", message: "inactive" }], "account_inactive");
      // A person's token acts with the person's role (caller.ts); a token of no one is an evaluator's, for scripts.
      const { token, record } = ctx.store.tokens.create({ role: "evaluator", name, ...(account && { accountId: account.id }) }, ctx.now());
      res.status(201);
      return { token, ...tokenListing(ctx, record) };
    },
  },
  {
    method: "get",
    path: "/api/tokens",
    roles: ADMIN,
    response: TokensAnswerSchema,
    handle: (): z.infer<typeof TokensAnswerSchema> => ({ tokens: ctx.store.tokens.list("evaluator").map((t) => tokenListing(ctx, t)) }),
  },
  revokeTokenRoute(ctx, "/api/tokens/:tokenId", "evaluator", (id) => {
    ctx.store.tokens.revoke(id, ctx.now());
    return {};
  }),
  {
    method: "get",
    path: "/api/admin-tokens",
    roles: ADMIN,
    response: AdminTokensAnswerSchema,
    handle: (_req, _res, auth) => ({
      tokens: ctx.store.tokens
        .list("admin")
        .map(({ id, name, createdAt, revokedAt }) => ({ id, name, createdAt, revokedAt, yours: id === authOf(auth).tokenId })),
    }),
  },
  {
    method: "post",
    path: "/api/admin-tokens",
    roles: ADMIN,
    response: NewTokenAnswerSchema,
    handle: (req, res) => {
      const { name } = validate(NewTokenBody, req.body, "body");
      const { token, record } = ctx.store.tokens.create({ role: "admin", name }, ctx.now());
      res.status(201);
      return { token, id: record.id, name: record.name ?? name, role: "admin" as const, createdAt: record.createdAt, owner: null };
    },
  },
  revokeTokenRoute(ctx, "/api/admin-tokens/:tokenId", "admin", (id) => ({ revokedAt: revokeAdminToken(ctx.store, id, ctx.now()).revokedAt })),
  {
    method: "post",
    path: "/api/waves/:waveId/invitations",
    roles: ADMIN,
    response: NewInvitationsAnswerSchema,
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
