import type { TFunction } from "i18next";
import { ApiError, apiFetch } from "./api.ts";
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
export type StaffNav = "calls" | "compose" | "tokens";

/** Staff pages are in Dutch and English only. */
export const STAFF_LANGUAGES: readonly Language[] = ["nl", "en"];

const NAV: Array<{ id: StaffNav; href: string; adminOnly: boolean }> = [
  { id: "calls", href: "/calls", adminOnly: false },
  { id: "compose", href: "/compose", adminOnly: false },
  { id: "tokens", href: "/tokens", adminOnly: true },
];

export function mountTopbar(el: HTMLElement, opts: { t: TFunction; session?: StaffSession; current?: StaffNav }): void {
  const { t, session, current } = opts;
  el.classList.add("topbar");
  el.replaceChildren();

  const brand = document.createElement("a");
  brand.className = "brand";
  brand.href = session ? "/calls" : "/";
  brand.textContent = t("common:brand");
  el.append(brand);

  if (session) {
    const nav = document.createElement("nav");
    nav.className = "topbar-nav";
    nav.setAttribute("aria-label", t("common:staffNav.label"));
    for (const item of NAV.filter((n) => !n.adminOnly || session.role === "admin")) {
      const a = document.createElement("a");
      a.href = item.href;
      a.textContent = t(`common:staffNav.${item.id}`);
      if (item.id === current) a.setAttribute("aria-current", "page");
      nav.append(a);
    }
    el.append(nav);
  }

  const spacer = document.createElement("span");
  spacer.className = "spacer";
  el.append(spacer);

  if (session) {
    const who = document.createElement("span");
    who.className = "muted topbar-who";
    who.textContent = t("common:staffNav.signedInAs", {
      name: session.name ?? "",
      role: t(`common:staffNav.roles.${session.role}`),
    });
    el.append(who);
  }

  const label = document.createElement("label");
  label.className = "topbar-language";
  const caption = document.createElement("span");
  caption.className = "visually-hidden";
  caption.textContent = t("common:language");
  const select = document.createElement("select");
  for (const lang of STAFF_LANGUAGES) {
    const option = new Option(LANGUAGE_NAMES[lang], lang, false, lang === i18next.language);
    select.append(option);
  }
  // Pages render once from the catalogue; a reload redraws every string in the new language.
  select.addEventListener("change", () => void setLanguage(select.value as Language).then(() => location.reload()));
  label.append(caption, select);
  el.append(label);

  if (session) {
    const out = document.createElement("button");
    out.type = "button";
    out.className = "secondary";
    out.textContent = t("common:signOut");
    out.addEventListener("click", signOut);
    el.append(out);
  }
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
