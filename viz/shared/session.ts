/**
 * The staff token (admin or evaluator) for this browser session only: kept in
 * sessionStorage, so it is gone when the tab is closed, and never in a URL.
 */
const KEY = "netwerkcirkel.staffToken";

export function staffToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setStaffToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  location.assign("/");
}

/** The token, or a trip to the sign-in page (which comes back here afterwards). */
export function requireStaffToken(): string {
  const token = staffToken();
  if (!token) {
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    throw new Error("not signed in");
  }
  return token;
}
