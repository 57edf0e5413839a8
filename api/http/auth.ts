import type { IncomingMessage } from "node:http";
import { parse as parseCookies } from "cookie";
import type { CookieOptions, Request, Response } from "express";
import { DEFAULT_SESSION_POLICY, callerOfSession, callerOfToken, type Caller } from "../staff/caller.ts";
import type { Context } from "./context.ts";
import { HttpError } from "./errors.ts";

/** The browser session's cookie; its value is a random secret of which the server keeps only the hash. */
const SESSION_COOKIE = "netwerkcirkel_session";

const sessionPolicy = (ctx: Context) => ctx.sessions ?? DEFAULT_SESSION_POLICY;

/** What identifying a caller reads of a request: its headers (an Express request or Node's own). */
type Headed = Pick<IncomingMessage, "headers">;

function bearer(req: Headed): string | undefined {
  const header = req.headers.authorization;
  const match = header && /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header.trim());
  return match ? match[1] : undefined;
}

export const cookieOf = (req: Headed, name: string): string | undefined => {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[name] : undefined;
};

const unauthorized = () =>
  new HttpError(401, "unauthorized", "a valid token or sign-in is required", [
    { path: "headers.authorization", message: "expected \"Bearer <token>\" with a live token, or a live session" },
  ]);

/**
 * The caller of a request: a bearer token when the request has an Authorization
 * header (scripts, invitation links), else the browser's session cookie. 401 when
 * neither is live; a malformed header is never taken for a cookie sign-in.
 */
export function identify(ctx: Context, req: Headed): Caller {
  if (req.headers.authorization !== undefined) {
    const token = bearer(req);
    const caller = token === undefined ? undefined : callerOfToken(ctx.store, token);
    if (!caller) throw unauthorized();
    return caller;
  }
  const secret = cookieOf(req, SESSION_COOKIE);
  if (secret === undefined) throw unauthorized();
  const caller = callerOfSession(ctx.store, secret, ctx.now(), sessionPolicy(ctx));
  if (!caller) {
    // The pages tell "your session ended" from "not signed in yet".
    throw new HttpError(401, "session_ended", "the session has ended: it ran out, was signed out, or its account or token no longer works", [
      { path: "headers.cookie", message: "no live session" },
    ]);
  }
  return caller;
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes carried by the session cookie must come from this site's own pages: the
 * browser says so in Sec-Fetch-Site, or else in Origin. A request that shows
 * neither is refused too (scripts send a bearer token, which no other site can).
 */
export function refuseCrossSite(ctx: Context, req: Request): void {
  if (SAFE.has(req.method)) return;
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  const own = new Set([`${req.protocol}://${req.get("host")}`, ...(ctx.publicUrl ? [new URL(ctx.publicUrl).origin] : [])]);
  const sameSite = site !== undefined ? site === "same-origin" : origin !== undefined && own.has(origin);
  if (!sameSite) {
    throw new HttpError(403, "cross_site", "a signed-in browser may change things only from this site's own pages", [
      { path: site !== undefined ? "headers.sec-fetch-site" : "headers.origin", message: "expected a request from this site" },
    ]);
  }
}

/** httpOnly, SameSite=Lax (the single sign-on provider sends the browser back here), Secure behind HTTPS. */
function cookieOptions(ctx: Context, req: Request): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: req.secure || (ctx.publicUrl?.startsWith("https:") ?? false), path: "/" };
}

/** Give the browser its session; the cookie lasts no longer than the session may. */
export function setSessionCookie(ctx: Context, req: Request, res: Response, secret: string): void {
  res.cookie(SESSION_COOKIE, secret, { ...cookieOptions(ctx, req), maxAge: sessionPolicy(ctx).maxHours * 3_600_000 });
}

export function clearSessionCookie(ctx: Context, req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(ctx, req));
}

/** A short-lived cookie of its own for one purpose (the single sign-on round trip), under `path`. */
export function setShortCookie(ctx: Context, req: Request, res: Response, name: string, value: string, path: string, minutes: number): void {
  res.cookie(name, value, { ...cookieOptions(ctx, req), path, maxAge: minutes * 60_000 });
}

export function clearShortCookie(ctx: Context, req: Request, res: Response, name: string, path: string): void {
  res.clearCookie(name, { ...cookieOptions(ctx, req), path });
}
