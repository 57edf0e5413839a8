import type { TFunction } from "i18next";
import { ApiError, COOKIE_SESSION, apiFetch } from "./api.ts";
import { h } from "./dom.ts";
import { LANGUAGE_NAMES, i18next, initI18n, setLanguage, type Language } from "./i18n.ts";
import { signInAgain, signOut } from "./session.ts";

/**
 * The top bar of every staff page (admins and evaluators) and the start of such a
 * page. Use it in two lines:
 *
 *   const { token, t, session } = await startStaffPage(["lots"], "calls");
 *   // ...render into <main>; the bar is already in <header id="topbar">.
 *
 * `startStaffPage` asks GET /api/session who is signed in (the session cookie
 * says), sends a visitor who is not to the sign-in page and back afterwards (with
 * the reason when their session ended), starts i18n in Dutch or English with the
 * given namespaces and mounts the bar; `token` is the cookie session's (none). `mountTopbar` alone draws the bar into any element
 * (without `session`, as on the sign-in page: brand and language only). Its words
 * come from the `common` catalogue (`staffNav.*`), so any namespace works.
 */

export type StaffRole = "admin" | "evaluator";
export interface StaffSession {
  role: StaffRole;
  name?: string;
  email?: string;
}
/** Which link of the bar is the current page. */
export type StaffNav = "calls" | "compose" | "tokens" | "accounts" | "access-log" | "outbox";

/** Staff pages are in Dutch and English only. */
export const STAFF_LANGUAGES: readonly Language[] = ["nl", "en"];

const NAV: Array<{ id: StaffNav; href: string; adminOnly: boolean }> = [
  { id: "calls", href: "/calls", adminOnly: false },
  { id: "compose", href: "/compose", adminOnly: false },
  { id: "tokens", href: "/tokens", adminOnly: true },
  { id: "accounts", href: "/accounts", adminOnly: true },
  { id: "access-log", href: "/access-log", adminOnly: true },
  { id: "outbox", href: "/outbox", adminOnly: true },
];

function signOutButton(label: string, everywhere: boolean): HTMLButtonElement {
  const button = h("button", { type: "button", class: "secondary" }, label);
  button.addEventListener("click", () => {
    button.disabled = true;
    // A session that ended already is signed out all the same.
    signOut(everywhere).catch(() => signInAgain("expired"));
  });
  return button;
}

/** Who is signed in, folded open to sign out here or everywhere; it closes again on a click elsewhere. */
function accountMenu(t: TFunction, session: StaffSession): HTMLElement {
  const menu = h(
    "details",
    { class: "topbar-account" },
    h("summary", {}, t("common:staffNav.signedInAs", { name: session.name ?? "", role: t(`common:staffNav.roles.${session.role}`) })),
    h(
      "div",
      { class: "topbar-menu" },
      session.email ? h("p", { class: "muted" }, session.email) : null,
      signOutButton(t("common:signOut"), false),
      signOutButton(t("common:staffNav.signOutEverywhere"), true),
    ),
  );
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target as Node)) menu.open = false;
  });
  return menu;
}

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
    session && accountMenu(t, session),
    h("label", { class: "topbar-language" }, h("span", { class: "visually-hidden" }, t("common:language")), select),
  ];
  el.replaceChildren(...parts.filter((part): part is HTMLElement => Boolean(part)));
}

/** Start a staff page: who is signed in, catalogues, top bar. */
export async function startStaffPage(
  namespaces: string[],
  current?: StaffNav,
): Promise<{ token: string; t: TFunction; session: StaffSession }> {
  const t = await initI18n(namespaces, STAFF_LANGUAGES);
  let session: { role: string; name?: string; email?: string };
  try {
    session = await apiFetch(COOKIE_SESSION, "/api/session");
  } catch (err) {
    // Not signed in: just the sign-in page; signed in once but the session ended: with the reason.
    if (err instanceof ApiError && err.status === 401) signInAgain(err.code === "session_ended" ? "expired" : undefined);
    throw err;
  }
  if (session.role !== "admin" && session.role !== "evaluator") signInAgain("not-staff");
  const staff = session as StaffSession;
  const bar = document.getElementById("topbar");
  if (bar) mountTopbar(bar, { t, session: staff, current });
  return { token: COOKIE_SESSION, t, session: staff };
}
