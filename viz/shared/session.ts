import { COOKIE_SESSION, apiFetch } from "./api.ts";

/**
 * Staff are signed in by the browser's session cookie, which is httpOnly: no script
 * on the page holds a secret, and a session ends on the server (sign-out, the idle
 * and absolute limits, an account made inactive).
 */

/** Why the sign-in page is shown; it explains each in its own words. */
export type SignInReason = "expired" | "not-staff" | "signed-out" | "signed-out-everywhere" | "sso-failed" | "no-account";

/**
 * What a staff page sends as its token: none, the session cookie signs it in. A
 * visitor who is not signed in learns so from the page's first request (401).
 */
export function requireStaffToken(): string {
  return COOKIE_SESSION;
}

/** End this browser's session (or every session of the person) and go to the sign-in page, which says so. */
export async function signOut(everywhere = false): Promise<void> {
  await apiFetch(COOKIE_SESSION, everywhere ? "/api/sign-out/everywhere" : "/api/sign-out", { method: "POST" });
  location.assign(`/?reason=${everywhere ? "signed-out-everywhere" : "signed-out"}`);
}

/** The page to go on to after signing in (`?next=`): only a page of this site, never another origin (`//host`, `/\host`, `https:`…). */
export function nextPage(params: URLSearchParams): string {
  const next = params.get("next");
  if (!next?.startsWith("/")) return "/calls";
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : "/calls";
}

/** Go to the sign-in page, which comes back here afterwards; `reason` says why, when there is one to tell. */
export function signInAgain(reason?: SignInReason): never {
  const next = encodeURIComponent(location.pathname + location.search);
  location.assign(reason ? `/?reason=${reason}&next=${next}` : `/?next=${next}`);
  throw new Error("signed out");
}
