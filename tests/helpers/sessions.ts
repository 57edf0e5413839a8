import { expect } from "vitest";
import { newSignInLink } from "../../api/staff/sign-in-links.ts";
import type { TestServer } from "./server.ts";

/** What a browser on this site sends with a session: the cookie, and the Origin of the site's own pages. */
export type SessionHeaders = Record<string, string> & { cookie: string; origin: string };

/** The session cookie a sign-in answer sets, as a Cookie header value. */
export function sessionCookie(res: { headers: Headers }): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("netwerkcirkel_session="));
  expect(set, "a session cookie is set").toBeDefined();
  return set!.split(";")[0]!;
}

/** Sign in with a token as the sign-in page does; returns the headers of the browser session. */
export async function tokenSession(s: TestServer, token: string): Promise<SessionHeaders> {
  const res = await s.api("POST", "/api/sign-in/token", { token: null, body: { token }, headers: { origin: s.url } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { cookie: sessionCookie(res), origin: s.url };
}

/** A one-time link's secret for the account of `email`, as a message sent at `now` would carry it. */
export function linkFor(s: TestServer, email: string, now: Date): string {
  const account = s.store.accounts.byEmail(email);
  expect(account, `an account for ${email}`).toBeDefined();
  return newSignInLink(s.store, account!, now);
}

/** Sign in with a one-time link made for `email`. */
export async function linkSession(s: TestServer, email: string, now: Date): Promise<SessionHeaders> {
  const res = await s.api("POST", "/api/sign-in/link", { token: null, body: { link: linkFor(s, email, now) }, headers: { origin: s.url } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { cookie: sessionCookie(res), origin: s.url };
}

/** Create an account as the admin (bearer); returns its id. */
export async function createAccount(s: TestServer, email: string, name: string, role: "admin" | "evaluator"): Promise<number> {
  const res = await s.api("POST", "/api/accounts", { body: { email, name, role } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.account.id as number;
}
