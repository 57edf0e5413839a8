import type { Request, Response } from "express";
import type { z } from "zod";
import type { Caller } from "../staff/caller.ts";
import type { AccessKind } from "../staff/staff-schema.ts";
import type { Role } from "../store/token-store.ts";
import type { Context } from "./context.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * What a successful call puts in the access log. Reads of confidential data declare
 * their kind; writes that only admins may make are logged as a "change" unless they
 * say `false` (a dry run changes nothing). `when` leaves out calls that disclose
 * nothing confidential (a pseudonymised export).
 */
export type Audit = false | { kind: AccessKind; when?: (req: Request) => boolean };

/**
 * One endpoint: its method, path, who may call it, and the handler. Every route of
 * the API is declared this way, so that access can be checked (and tested) from
 * this table alone.
 */
export interface RouteDef {
  method: Method;
  path: string;
  /** Roles allowed; "public" needs no token. */
  roles: readonly Role[] | "public";
  /**
   * A sign-in endpoint: public, but rate-limited like one that takes a token, and
   * refused when the request comes from another site (it sets the session cookie).
   */
  signIn?: true;
  audit?: Audit;
  /**
   * What a success answers: the zod schema of its JSON body (the API document is made
   * from it, and the tests check every answer against it), the media types of a file,
   * or a redirect (303) for a browser, with where it leads.
   */
  response: z.ZodType | { file: readonly string[] } | { redirect: string };
  /**
   * The answer is never worth compressing here: it is a few hundred bytes (a saved
   * circle's summary) or was compressed once already (cached figures). Such routes
   * skip the compression middleware, which would otherwise wrap every answer.
   */
  uncompressed?: true;
  /**
   * Answered directly on Node's request when it carries a bearer token (direct-routes.ts),
   * before Express: the routes that carry a wave's load. Its handler then gets Node's
   * request and response with `params`, `query` and `body` added, so it may use only
   * those and Node's own calls (`res.statusCode`, `res.setHeader`), none of Express's.
   */
  direct?: true;
  /** Returns the JSON body (status 200 unless the handler set another), or undefined when it answered itself. */
  handle: (req: Request, res: Response, auth: Caller | undefined) => unknown;
}

export type RouteModule = (ctx: Context) => RouteDef[];

export const STAFF: readonly Role[] = ["admin", "evaluator"];
export const ADMIN: readonly Role[] = ["admin"];
export const RESPONDENT: readonly Role[] = ["respondent"];

/** The caller of a route that requires a token or session; set by the access check before the handler runs. */
export function authOf(auth: Caller | undefined): Caller {
  if (!auth) throw new Error("route declared public but needs a token");
  return auth;
}

/** The access log entry a route's successful call makes, if any. */
export function auditOf(route: RouteDef): Exclude<Audit, false> | undefined {
  if (route.audit !== undefined) return route.audit || undefined;
  const adminWrite = route.method !== "get" && route.roles !== "public" && route.roles.every((r) => r === "admin");
  return adminWrite ? { kind: "change" } : undefined;
}
