import { ApiError, apiFetch } from "../shared/api.ts";
import { initI18n } from "../shared/i18n.ts";
import { setStaffToken, staffToken } from "../shared/session.ts";
import { STAFF_LANGUAGES, mountTopbar } from "../shared/topbar.ts";
import { field, h } from "../shared/dom.ts";
import { showError } from "../shared/notice.ts";

/** Sign-in for admins and evaluators with their token; it is kept for this browser tab only. */
const t = await initI18n(["admin"], STAFF_LANGUAGES);
document.title = `${t("signIn.title")} · ${t("common:brand")}`;
mountTopbar(document.getElementById("topbar")!, { t });
const main = document.getElementById("main")!;
const params = new URLSearchParams(location.search);

/** Only a page of this site: never send a freshly signed-in admin to another origin (`//host`, `/\host`, `https:`…). */
function nextPage(): string {
  const next = params.get("next");
  if (!next?.startsWith("/")) return "/calls";
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : "/calls";
}

type Session = { role: string; name?: string };

async function checkToken(token: string): Promise<"staff" | "unknown" | "respondent"> {
  try {
    const session = await apiFetch<Session>(token, "/api/session");
    return session.role === "respondent" ? "respondent" : "staff";
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return "unknown";
    throw err;
  }
}

const input = h("input", { type: "password", name: "token", autocomplete: "off", spellcheck: "false", required: true, "aria-describedby": "signin-notice" });
const notice = h("div", { id: "signin-notice", "aria-live": "polite" });
const button = h("button", { type: "submit" }, t("signIn.submit"));
const form = h(
  "form",
  { class: "card signin stack", novalidate: true },
  h("h1", {}, t("signIn.title")),
  h("p", { class: "muted" }, t("signIn.intro")),
  field(t("signIn.token"), input, t("signIn.tokenHint")),
  notice,
  h("div", { class: "actions" }, button),
);
main.replaceChildren(form);
main.removeAttribute("aria-busy");

const reason = params.get("reason");
if (reason === "expired" || reason === "not-staff") {
  notice.replaceChildren(h("div", { class: "notice notice-error", role: "alert" }, t(`signIn.reason.${reason}`)));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const token = input.value.trim();
  if (!token) {
    notice.replaceChildren(h("div", { class: "notice notice-error", role: "alert" }, t("signIn.empty")));
    input.focus();
    return;
  }
  button.disabled = true;
  void checkToken(token)
    .then((result) => {
      if (result === "staff") {
        setStaffToken(token);
        location.assign(nextPage());
        return;
      }
      notice.replaceChildren(
        h("div", { class: "notice notice-error", role: "alert" }, h("strong", {}, t(`signIn.refused.${result}`)), h("p", {}, t(`signIn.refusedHelp.${result}`))),
      );
      input.select();
    })
    .catch((err) => showError(notice, t, err))
    .finally(() => (button.disabled = false));
});

// Already signed in in this tab (and not sent back here because of a refused token): go on.
const kept = staffToken();
if (kept && !reason && (await checkToken(kept).catch(() => "unknown")) === "staff") location.assign(nextPage());
else input.focus();
