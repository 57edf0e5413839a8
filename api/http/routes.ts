import type { Request, Response } from "express";
import type { Role, TokenRecord } from "../store/token-store.ts";
import type { Context } from "./context.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";

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
  /** Returns the JSON body (status 200 unless the handler set another), or undefined when it answered itself. */
  handle: (req: Request, res: Response, auth: TokenRecord | undefined) => unknown;
}

export type RouteModule = (ctx: Context) => RouteDef[];

export const STAFF: readonly Role[] = ["admin", "evaluator"];
export const ADMIN: readonly Role[] = ["admin"];
export const RESPONDENT: readonly Role[] = ["respondent"];

/** The auth of a route that requires a token; set by the access check before the handler runs. */
export function authOf(auth: TokenRecord | undefined): TokenRecord {
  if (!auth) throw new Error("route declared public but needs a token");
  return auth;
}
