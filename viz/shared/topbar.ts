import type { TFunction } from "i18next";
import { ApiError, apiFetch } from "./api.ts";
import { h } from "./dom.ts";
import { LANGUAGE_NAMES, i18next, initI18n, setLanguage, type Language } from "./i18n.ts";
import { requireStaffToken, signOut } from "./session.ts";

/**
 * The top bar of every staff page (admins and evaluators) and the start of such a
 * page. Use it in two lines:
 *
 *   const { token, t, session } = await startStaffPage(["lots"], "calls");
 *   // ...render into <main>; the bar is already in <header id="topbar">.
 *
 * `startStaffPage` sends a visitor without a token to the sign-in page (and back
 * afterwards), checks the token with GET /api/session (a revoked one goes back to
 * sign-in with the reason), starts i18n in Dutch or English with the given
 * namespaces and mounts the bar. `mountTopbar` alone draws the bar into any element
 * (without `session`, as on the sign-in page: brand and language only). Its words
 * come from the `common` catalogue (`staffNav.*`), so any namespace works.
 */

export type StaffRole = "admin" | "evaluator";
export interface StaffSession {
  role: StaffRole;
  name?: string;
}
/** Which link of the bar is the current page. */
export type StaffNav = "calls" | "compose" | "tokens" | "outbox";

/** Staff pages are in Dutch and English only. */
export const STAFF_LANGUAGES: readonly Language[] = ["nl", "en"];

const NAV: Array<{ id: StaffNav; href: string; adminOnly: boolean }> = [
  { id: "calls", href: "/calls", adminOnly: false },
  { id: "compose", href: "/compose", adminOnly: false },
  { id: "tokens", href: "/tokens", adminOnly: true },
  { id: "outbox", href: "/outbox", adminOnly: true },
];

export function mountTopbar(el: HTMLElement, opts: { t: TFunction; session?: StaffSession; current?: StaffNav }): void {
  const { t, session, current } = opts;
  el.classList.add("topbar");

  const select = h("select", { onchange: () => void setLanguage(select.value as Language).then(() => location.reload()) });
  // Pages render once from the catalogue; a reload redraws every string in the new language.
  select.append(...STAFF_LANGUAGES.map((lang) => new Option(LANGUAGE_NAMES[lang], lang, false, lang === i18next.language)));
  const parts = [
    h("a", { class: "brand", href: session ? "/calls" : "/" }, t("common:brand")),
    session &&
      h(
        "nav",
        { class: "topbar-nav", "aria-label": t("common:staffNav.label") },
        ...NAV.filter((n) => !n.adminOnly || session.role === "admin").map((item) =>
          h("a", { href: item.href, "aria-current": item.id === current ? "page" : undefined }, t(`common:staffNav.${item.id}`)),
        ),
      ),
    h("span", { class: "spacer" }),
    session &&
      h("span", { class: "muted topbar-who" }, t("common:staffNav.signedInAs", { name: session.name ?? "", role: t(`common:staffNav.roles.${session.role}`) })),
    h("label", { class: "topbar-language" }, h("span", { class: "visually-hidden" }, t("common:language")), select),
    session && h("button", { type: "button", class: "secondary", onclick: signOut }, t("common:signOut")),
  ];
  el.replaceChildren(...parts.filter((part): part is HTMLElement => Boolean(part)));
}

/** Why the sign-in page was shown again; it explains each in its own words. */
export type SignInReason = "expired" | "not-staff";

export function signInAgain(reason: SignInReason): never {
  const next = encodeURIComponent(location.pathname + location.search);
  location.assign(`/?reason=${reason}&next=${next}`);
  throw new Error("signed out");
}

/** Start a staff page: token, session check, catalogues, top bar. */
export async function startStaffPage(
  namespaces: string[],
  current?: StaffNav,
): Promise<{ token: string; t: TFunction; session: StaffSession }> {
  const token = requireStaffToken();
  const t = await initI18n(namespaces, STAFF_LANGUAGES);
  let session: { role: string; name?: string };
  try {
    session = await apiFetch(token, "/api/session");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) signInAgain("expired");
    throw err;
  }
  if (session.role !== "admin" && session.role !== "evaluator") signInAgain("not-staff");
  const staff = session as StaffSession;
  const bar = document.getElementById("topbar");
  if (bar) mountTopbar(bar, { t, session: staff, current });
  return { token, t, session: staff };
}
