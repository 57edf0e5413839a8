import { ApiError, COOKIE_SESSION, apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { initI18n } from "../shared/i18n.ts";
import { showError } from "../shared/notice.ts";
import { nextPage } from "../shared/session.ts";
import { STAFF_LANGUAGES, mountTopbar } from "../shared/topbar.ts";

/**
 * Where the sign-in link of an e-mail lands: `/sign-in/link#<code>`. The code is in
 * the fragment, which no server log or Referer sees; the page hands it to the API,
 * which opens the session, and goes on to the calls.
 */
const t = await initI18n(["admin", "staff"], STAFF_LANGUAGES);
document.title = `${t("staff:link.title")} · ${t("common:brand")}`;
mountTopbar(document.getElementById("topbar")!, { t });
const main = document.getElementById("main")!;

const code = location.hash.slice(1);
// The code works once: keep it out of the history and out of a bookmark.
history.replaceState(null, "", location.pathname + location.search);
// Another link opened in this tab changes only the fragment: read it afresh.
addEventListener("hashchange", () => location.reload());

const status = h("div", { "aria-live": "polite" }, h("p", { role: "status" }, t("staff:link.busy")));
main.replaceChildren(h("div", { class: "signin stack" }, h("h1", {}, t("staff:link.title")), status));
main.removeAttribute("aria-busy");

/** Why the link does not work, and the way to a new one. */
function refused(why: "used" | "expired" | "unknown" | "inactive"): void {
  status.replaceChildren(
    h("div", { class: "notice notice-error", role: "alert" }, h("strong", {}, t(`staff:link.refused.${why}`)), h("p", {}, t(`staff:link.help.${why}`))),
    h("p", {}, h("a", { class: "button-link", href: "/" }, t("staff:link.again"))),
  );
}

const REFUSALS = { link_used: "used", link_expired: "expired", link_unknown: "unknown", link_inactive: "inactive", invalid: "unknown" } as const;

if (!code) refused("unknown");
else {
  try {
    await apiFetch(COOKIE_SESSION, "/api/sign-in/link", { method: "POST", body: { link: code } });
    location.replace(nextPage(new URLSearchParams(location.search)));
  } catch (err) {
    const why = err instanceof ApiError ? REFUSALS[err.code as keyof typeof REFUSALS] : undefined;
    if (why) refused(why);
    else showError(status, t, err);
  }
}
