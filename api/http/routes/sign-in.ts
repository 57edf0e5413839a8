import type { Request, Response } from "express";
import { z } from "zod";
import { recordAccess } from "../../staff/access-log.ts";
import { callerOfToken, type Caller } from "../../staff/caller.ts";
import { OidcRefusal, type OidcPending } from "../../staff/oidc-sign-in.ts";
import { LINK_VALID_MINUTES, mailSignInLink, redeemSignInLink } from "../../staff/sign-in-links.ts";
import {
  EmailLinkRedeemSchema,
  EmailLinkRequestSchema,
  LinkSentSchema,
  NextPageSchema,
  SignInOptionsSchema,
  SignedInSchema,
  SignedOutSchema,
  TokenSignInSchema,
  type Account,
  type SignInMethod,
} from "../../staff/staff-schema.ts";
import { clearSessionCookie, clearShortCookie, cookieOf, setSessionCookie, setShortCookie } from "../auth.ts";
import { HttpError, notFound } from "../errors.ts";
import { baseUrl } from "../lookups.ts";
import { validate } from "../params.ts";
import { STAFF, authOf, type RouteModule } from "../routes.ts";

const OIDC_COOKIE = "netwerkcirkel_oidc";
const OIDC_PATH = "/api/sign-in/oidc";
/** How long the browser may take at the provider. */
const OIDC_ROUND_TRIP_MINUTES = 10;

/** A page of this site to go on to after signing in; anything else (another host, `//host`, `/\host`) is the calls page. */
function safeNext(next: unknown): string {
  const parsed = NextPageSchema.safeParse(next);
  return parsed.success ? parsed.data : "/calls";
}

const PendingSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), next: z.string() });

function readPending(req: Request): OidcPending | undefined {
  const raw = cookieOf(req, OIDC_COOKIE);
  if (!raw) return undefined;
  try {
    const parsed = PendingSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const accountCaller = (a: Account): Caller => ({ role: a.role, via: "session", name: a.name, email: a.email, accountId: a.id });

/**
 * Signing in and out: with a token (the first admin, or anyone holding one), a
 * one-time link sent by e-mail, or the organisation's OpenID provider. Each opens a
 * server-side session held by an httpOnly cookie, and is written in the access log.
 */
export const signInRoutes: RouteModule = (ctx) => {
  const openSession = (req: Request, res: Response, caller: Caller, method: SignInMethod) => {
    const who = { ...(caller.accountId !== undefined && { accountId: caller.accountId }), ...(caller.tokenId !== undefined && { tokenId: caller.tokenId }) };
    const { secret, session } = ctx.store.accounts.openSession(who, method, req.ip, ctx.now());
    setSessionCookie(ctx, req, res, secret);
    recordAccess(ctx.store, { ...caller, via: "session", sessionId: session.id }, { kind: "sign-in", subject: `sign-in by ${method}`, address: req.ip }, ctx.now());
  };
  const signedIn = (caller: Caller): z.infer<typeof SignedInSchema> => ({ role: caller.role as "admin" | "evaluator", name: caller.name ?? "" });

  /** The browser's way back from the provider: a page, so every outcome is a redirect. */
  const finishOidc = async (req: Request, res: Response) => {
    const pending = readPending(req);
    clearShortCookie(ctx, req, res, OIDC_COOKIE, OIDC_PATH);
    const again = (reason: string) => res.redirect(303, `/?reason=${reason}`);
    if (!ctx.oidc || !pending) return again("sso-failed");
    let email: string;
    try {
      email = await ctx.oidc.finish(new URL(req.originalUrl, baseUrl(ctx, req)), pending);
    } catch (err) {
      if (!(err instanceof OidcRefusal) || err.reason === "failed") ctx.log(`single sign-on failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`);
      return again(err instanceof OidcRefusal && err.reason !== "failed" ? "no-account" : "sso-failed");
    }
    const account = ctx.store.accounts.byEmail(email);
    // No account, or an inactive one: no entry.
    if (!account?.active) return again("no-account");
    openSession(req, res, accountCaller(account), "oidc");
    return res.redirect(303, pending.next);
  };

  return [
    {
      method: "get",
      path: "/api/sign-in/options",
      roles: "public",
      response: SignInOptionsSchema,
      handle: (): z.infer<typeof SignInOptionsSchema> => ({ emailLink: true, oidc: ctx.oidc !== undefined, mail: ctx.mail.mode }),
    },
    {
      method: "post",
      path: "/api/sign-in/email",
      roles: "public",
      signIn: true,
      response: LinkSentSchema,
      handle: (req, res): z.infer<typeof LinkSentSchema> => {
        const { email, language, next } = validate(EmailLinkRequestSchema, req.body, "body");
        mailSignInLink(ctx.store, ctx.mail, email, language, next);
        // The same answer whether or not the address has an account.
        res.status(202);
        return { sent: true, validMinutes: LINK_VALID_MINUTES };
      },
    },
    {
      method: "post",
      path: "/api/sign-in/token",
      roles: "public",
      response: SignedInSchema,
      signIn: true,
      handle: (req, res) => {
        const { token } = validate(TokenSignInSchema, req.body, "body");
        const caller = callerOfToken(ctx.store, token);
        if (!caller) throw new HttpError(401, "unauthorized", "this token is unknown or revoked", [{ path: "body.token", message: "not a live token" }]);
        if (caller.role === "respondent") {
          throw new HttpError(403, "not_staff", "this is an invitation link's token; open the link instead", [{ path: "body.token", message: "a respondent token" }]);
        }
        openSession(req, res, caller, "token");
        return signedIn(caller);
      },
    },
    {
      method: "post",
      path: "/api/sign-in/link",
      roles: "public",
      response: SignedInSchema,
      signIn: true,
      handle: (req, res) => {
        const { link } = validate(EmailLinkRedeemSchema, req.body, "body");
        const redeemed = redeemSignInLink(ctx.store, link, ctx.now());
        if ("refused" in redeemed) {
          throw new HttpError(401, `link_${redeemed.refused}`, `this sign-in link does not work: ${redeemed.refused}`, [{ path: "body.link", message: redeemed.refused }]);
        }
        const caller = accountCaller(redeemed.account);
        openSession(req, res, caller, "email-link");
        return signedIn(caller);
      },
    },
    {
      method: "get",
      path: OIDC_PATH,
      roles: "public",
      signIn: true,
      response: { redirect: "to the OpenID provider; back to the sign-in page (`/?reason=sso-failed`) when it cannot be reached" },
      handle: async (req, res) => {
        if (!ctx.oidc) throw notFound("single sign-on (no OpenID provider is configured)");
        try {
          const { url, pending } = await ctx.oidc.start(`${baseUrl(ctx, req)}${OIDC_PATH}/callback`, safeNext(req.query.next));
          setShortCookie(ctx, req, res, OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString("base64url"), OIDC_PATH, OIDC_ROUND_TRIP_MINUTES);
          res.redirect(303, url);
        } catch (err) {
          ctx.log(`single sign-on unavailable: ${err instanceof Error ? err.message : String(err)}`);
          res.redirect(303, "/?reason=sso-failed");
        }
        return undefined;
      },
    },
    {
      method: "get",
      path: `${OIDC_PATH}/callback`,
      roles: "public",
      signIn: true,
      response: { redirect: "signed in: to `next`; otherwise to the sign-in page with `reason` `no-account` or `sso-failed`" },
      handle: async (req, res) => {
        await finishOidc(req, res);
        return undefined;
      },
    },
    {
      method: "post",
      path: "/api/sign-out",
      roles: STAFF,
      response: SignedOutSchema,
      handle: (req, res, auth): z.infer<typeof SignedOutSchema> => {
        const { sessionId } = authOf(auth);
        if (sessionId !== undefined) ctx.store.accounts.endSession(sessionId);
        clearSessionCookie(ctx, req, res);
        return { signedOut: sessionId === undefined ? 0 : 1 };
      },
    },
    {
      method: "post",
      path: "/api/sign-out/everywhere",
      roles: STAFF,
      response: SignedOutSchema,
      handle: (req, res, auth): z.infer<typeof SignedOutSchema> => {
        const a = authOf(auth);
        const signedOut = ctx.store.accounts.endSessionsOf(a.accountId !== undefined ? { accountId: a.accountId } : { tokenId: a.tokenId! });
        clearSessionCookie(ctx, req, res);
        return { signedOut };
      },
    },
  ];
};
