import { z } from "zod";
import { ConflictError } from "../../schema/problems.ts";
import { ACCESS_LOG_COLUMNS, DEFAULT_ACCESS_LOG_RETENTION_DAYS } from "../../staff/access-log.ts";
import {
  AccessLogQuerySchema,
  AccountChangesSchema,
  NewAccountSchema,
  type AccessLogFilter,
  AccessLogAnswerSchema,
  AccountAnswerSchema,
  AccountsAnswerSchema,
  SignedOutSchema,
} from "../../staff/staff-schema.ts";
import { csvFile } from "../../exports/csv.ts";
import { requireAccount } from "../lookups.ts";
import { validate } from "../params.ts";
import { ADMIN, authOf, type RouteModule } from "../routes.ts";

/** The page shows the latest entries; the CSV download has every one that matches. */
const PAGE_ENTRIES = 500;

/**
 * Staff accounts (admins only): create, change, deactivate, sign a person out
 * everywhere; and the access log with its filters and CSV download.
 */
export const accountRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/accounts",
    roles: ADMIN,
    response: AccountsAnswerSchema,
    handle: (): z.infer<typeof AccountsAnswerSchema> => ({ accounts: ctx.store.accounts.list() }),
  },
  {
    method: "post",
    path: "/api/accounts",
    roles: ADMIN,
    response: AccountAnswerSchema,
    handle: (req, res): z.infer<typeof AccountAnswerSchema> => {
      const fields = validate(NewAccountSchema, req.body, "body");
      res.status(201);
      return { account: ctx.store.accounts.create(fields, ctx.now()) };
    },
  },
  {
    method: "patch",
    path: "/api/accounts/:accountId",
    roles: ADMIN,
    response: AccountAnswerSchema,
    handle: (req, _res, auth): z.infer<typeof AccountAnswerSchema> => {
      const account = requireAccount(ctx, req.params.accountId);
      const changes = validate(AccountChangesSchema, req.body, "body");
      // An admin cannot lock themselves out; another admin can.
      if (authOf(auth).accountId === account.id && (changes.active === false || changes.role === "evaluator")) {
        throw new ConflictError("you cannot take away your own access; ask another admin", [
          { path: changes.active === false ? "body.active" : "body.role", message: "your own account" },
        ], "own_account");
      }
      return { account: ctx.store.accounts.update(account.id, changes, ctx.now()) };
    },
  },
  {
    method: "post",
    path: "/api/accounts/:accountId/sign-out",
    roles: ADMIN,
    response: SignedOutSchema,
    handle: (req): z.infer<typeof SignedOutSchema> => ({
      signedOut: ctx.store.accounts.endSessionsOf({ accountId: requireAccount(ctx, req.params.accountId).id }),
    }),
  },
  {
    method: "get",
    path: "/api/access-log",
    roles: ADMIN,
    response: AccessLogAnswerSchema,
    handle: (req, res): z.infer<typeof AccessLogAnswerSchema> | undefined => {
      const { format, ...filter } = validate(AccessLogQuerySchema, req.query, "query");
      const f: AccessLogFilter = filter;
      if (format === "csv") {
        res.attachment(`access-log-${ctx.now().toISOString().slice(0, 10)}.csv`);
        res.type("text/csv; charset=utf-8");
        res.send(csvFile(ACCESS_LOG_COLUMNS, ctx.store.accessLog.all(f)));
        return undefined;
      }
      return { ...ctx.store.accessLog.latest(f, PAGE_ENTRIES), actors: ctx.store.accessLog.actors(), retentionDays: ctx.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS };
    },
  },
];
