import type { z } from "zod";
import type { SignInOptionsSchema } from "../../api/staff/staff-schema.ts";
import { ApiError, COOKIE_SESSION, apiFetch } from "../shared/api.ts";
import { field, h } from "../shared/dom.ts";
import { initI18n } from "../shared/i18n.ts";
import { showError } from "../shared/notice.ts";
import { nextPage, type SignInReason } from "../shared/session.ts";
import { STAFF_LANGUAGES, mountTopbar } from "../shared/topbar.ts";

/**
 * Sign-in for admins and evaluators: the organisation's single sign-on when the
 * server has it, a one-time link by e-mail, and (for the first admin) a token.
 * Each opens a session held by an httpOnly cookie; the page keeps no secret.
 */
const t = await initI18n(["admin", "staff"], STAFF_LANGUAGES);
document.title = `${t("staff:signIn.title")} · ${t("common:brand")}`;
mountTopbar(document.getElementById("topbar")!, { t });
const main = document.getElementById("main")!;
const params = new URLSearchParams(location.search);
const next = nextPage(params);

const REASONS: SignInReason[] = ["expired", "not-staff", "signed-out", "signed-out-everywhere", "sso-failed", "no-account"];
const reason = REASONS.find((r) => r === params.get("reason"));

/** Signed in already (and not sent back here for a reason)? Then this page has nothing to do. */
async function signedIn(): Promise<boolean> {
  if (reason) return false;
  const session = await apiFetch<{ role: string }>(COOKIE_SESSION, "/api/session").catch(() => undefined);
  return session !== undefined && session.role !== "respondent";
}

const options = await apiFetch<z.infer<typeof SignInOptionsSchema>>(COOKIE_SESSION, "/api/sign-in/options");

const alert = (headline: string, help?: string) =>
  h("div", { class: "notice notice-error", role: "alert" }, h("strong", {}, headline), help ? h("p", {}, help) : null);

/** Single sign-on: a plain link, the server sends the browser on to the provider and back. */
function ssoSection(): HTMLElement {
  return h(
    "section",
    { class: "card stack", "aria-labelledby": "sso-heading" },
    h("h2", { id: "sso-heading" }, t("staff:signIn.sso.title")),
    h("p", { class: "muted" }, t("staff:signIn.sso.intro")),
    h("a", { class: "button-link button-primary", href: `/api/sign-in/oidc?next=${encodeURIComponent(next)}` }, t("staff:signIn.sso.button")),
  );
}

function emailSection(): HTMLElement {
  const input = h("input", { type: "email", name: "email", autocomplete: "email", required: true, maxlength: 254 });
  const notice = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, t("staff:signIn.email.submit"));
  const form = h("form", { class: "stack", novalidate: true }, field(t("staff:signIn.email.address"), input), h("div", { class: "actions actions-start" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const email = input.value.trim();
    if (!input.checkValidity() || !email) {
      notice.replaceChildren(alert(t("staff:signIn.email.invalid")));
      input.focus();
      return;
    }
    button.disabled = true;
    apiFetch<{ validMinutes: number }>(COOKIE_SESSION, "/api/sign-in/email", { method: "POST", body: { email, language: document.documentElement.lang, next } })
      .then(({ validMinutes }) => {
        notice.replaceChildren(
          h(
            "div",
            { class: "notice notice-ok", role: "status" },
            h("strong", {}, t("staff:signIn.email.sent", { email })),
            h("p", {}, t("staff:signIn.email.valid", { count: validMinutes })),
            options.mail === "outbox" ? h("p", {}, t("staff:signIn.email.outbox")) : null,
          ),
        );
      })
      .catch((err) => showError(notice, t, err))
      .finally(() => (button.disabled = false));
  });
  return h(
    "section",
    { class: "card stack", "aria-labelledby": "email-heading" },
    h("h2", { id: "email-heading" }, t("staff:signIn.email.title")),
    h("p", { class: "muted" }, t("staff:signIn.email.intro")),
    form,
    notice,
  );
}

/** The first admin's way in (ADMIN_TOKEN), and anyone's who holds a staff token. */
function tokenSection(): HTMLElement {
  const input = h("input", { type: "password", name: "token", autocomplete: "off", spellcheck: "false", required: true });
  const notice = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit", class: "secondary" }, t("staff:signIn.token.submit"));
  const form = h("form", { class: "stack", novalidate: true }, field(t("staff:signIn.token.label"), input, t("staff:signIn.token.hint")), notice, h("div", { class: "actions actions-start" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      notice.replaceChildren(alert(t("staff:signIn.token.empty")));
      input.focus();
      return;
    }
    button.disabled = true;
    apiFetch(COOKIE_SESSION, "/api/sign-in/token", { method: "POST", body: { token } })
      .then(() => location.assign(next))
      .catch((err) => {
        button.disabled = false;
        // A token that is no staff token: say which kind of mistake it is.
        const refused = err instanceof ApiError && (err.status === 401 || err.status === 400) ? "unknown" : err instanceof ApiError && err.code === "not_staff" ? "respondent" : undefined;
        if (!refused) return showError(notice, t, err);
        notice.replaceChildren(alert(t(`staff:signIn.token.refused.${refused}`), t(`staff:signIn.token.refusedHelp.${refused}`)));
        input.select();
      });
  });
  return h(
    "details",
    { class: "card signin-token" },
    h("summary", {}, t("staff:signIn.token.title")),
    h("p", { class: "muted" }, t("staff:signIn.token.intro")),
    form,
  );
}

if (await signedIn()) location.replace(next);
else {
  main.replaceChildren(
    h(
      "div",
      { class: "signin stack" },
      h("h1", {}, t("staff:signIn.title")),
      reason ? (reason.startsWith("signed-out") ? h("div", { class: "notice notice-ok", role: "status" }, t(`staff:signIn.reason.${reason}`)) : alert(t(`staff:signIn.reason.${reason}`))) : null,
      options.oidc ? ssoSection() : null,
      emailSection(),
      tokenSection(),
    ),
  );
  main.removeAttribute("aria-busy");
}
