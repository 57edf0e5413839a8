import type { z } from "zod";
import type { AdminTokensAnswerSchema } from "../../api/schema/answers.ts";
import type { AccountsAnswerSchema, NewTokenAnswerSchema, TokensAnswerSchema } from "../../api/staff/staff-schema.ts";
import { apiFetch } from "../shared/api.ts";
import { field, h } from "../shared/dom.ts";
import { formatDateTime } from "../shared/format.ts";
import { act, showDone, showError } from "../shared/notice.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { confirmThenAct } from "./dialogs.ts";
import { oneTimePanel, secretField } from "./one-time-secrets.ts";

/**
 * Bearer tokens for scripts (admins only): a person's token acts with that person's
 * role while their account is active, a token of no one as an evaluator; and the
 * admin tokens. Each is shown once when made, listed by name and owner, revocable.
 */
const { token, t, session } = await startStaffPage(["admin", "staff"], "tokens");
document.title = `${t("staff:tokens.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

type StaffToken = z.infer<typeof TokensAnswerSchema>["tokens"][number];
type AdminToken = z.infer<typeof AdminTokensAnswerSchema>["tokens"][number];
type NewToken = z.infer<typeof NewTokenAnswerSchema>;

const notice = h("div", { class: "section-notice", "aria-live": "polite" });
const oneTimeSlot = h("div", { class: "stack" });
const staffList = h("div", {});
const adminList = h("div", {});

/** Revoke after asking; `path` is the token's in its API. A refusal (the last admin token) shows its reason. */
async function revoke(tok: { id: number; name: string }, path: string, button: HTMLButtonElement): Promise<void> {
  const confirm = { title: t("tokens.confirmRevoke.title", { name: tok.name }), body: t("tokens.confirmRevoke.body"), confirmLabel: t("tokens.revoke"), danger: true };
  if ((await confirmThenAct(t, confirm, button, notice, () => apiFetch(token, `${path}/${tok.id}`, { method: "DELETE" }))) === undefined) return;
  showDone(notice, t("tokens.done.revoked", { name: tok.name }));
  await showLists();
}

const status = (revokedAt: string | undefined) =>
  revokedAt
    ? h("span", { class: "status status-inactive" }, t("tokens.revokedOn", { date: formatDateTime(revokedAt) }))
    : h("span", { class: "status status-submitted" }, t("tokens.live"));

function revokeButton(tok: { id: number; name: string; revokedAt?: string | undefined }, path: string): HTMLButtonElement | null {
  if (tok.revokedAt) return null;
  const button = h("button", { type: "button", class: "link-button danger-text", "aria-label": t("tokens.revokeFor", { name: tok.name }) }, t("tokens.revoke"));
  button.addEventListener("click", () => void revoke(tok, path, button));
  return button;
}

function table(className: string, headings: string[], rows: HTMLElement[], none: string): HTMLElement {
  if (!rows.length) return h("p", { class: "muted" }, none);
  return h(
    "table",
    { class: `tokens-table ${className}` },
    h("thead", {}, h("tr", {}, ...headings.map((c) => h("th", {}, c)), h("th", {}, h("span", { class: "visually-hidden" }, t("tokens.actions"))))),
    h("tbody", {}, ...rows),
  );
}

const byName = <T extends { name: string; id: number }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);

async function showLists(): Promise<void> {
  const [{ tokens }, admin] = await Promise.all([
    apiFetch<z.infer<typeof TokensAnswerSchema>>(token, "/api/tokens"),
    apiFetch<z.infer<typeof AdminTokensAnswerSchema>>(token, "/api/admin-tokens"),
  ]);
  staffList.replaceChildren(
    table(
      "staff-tokens",
      [t("tokens.name"), t("staff:tokens.owner"), t("staff:tokens.role"), t("tokens.created"), t("tokens.status")],
      byName(tokens).map((tok: StaffToken) =>
        h(
          "tr",
          { class: tok.revokedAt ? "revoked" : "" },
          h("td", {}, tok.name),
          h("td", {}, tok.owner ? h("span", { title: tok.owner.email }, tok.owner.name) : h("span", { class: "muted" }, t("staff:tokens.noOwner"))),
          h("td", {}, t(`common:staffNav.roles.${tok.role}`)),
          h("td", { class: "nowrap" }, formatDateTime(tok.createdAt)),
          h("td", {}, status(tok.revokedAt)),
          h("td", {}, revokeButton(tok, "/api/tokens")),
        ),
      ),
      t("staff:tokens.none"),
    ),
  );
  adminList.replaceChildren(
    table(
      "admin-tokens",
      [t("tokens.name"), t("tokens.created"), t("tokens.status")],
      byName(admin.tokens.map((tok: AdminToken) => ({ ...tok, name: tok.name ?? "" }))).map((tok) =>
        h(
          "tr",
          { class: tok.revokedAt ? "revoked" : "" },
          h("td", {}, tok.name, tok.yours ? h("span", { class: "badge" }, t("staff:tokens.yours")) : null),
          h("td", { class: "nowrap" }, formatDateTime(tok.createdAt)),
          h("td", {}, status(tok.revokedAt)),
          h("td", {}, revokeButton(tok, "/api/admin-tokens")),
        ),
      ),
      t("staff:tokens.noAdminTokens"),
    ),
  );
}

function shownOnce(made: NewToken): void {
  oneTimeSlot.prepend(
    oneTimePanel(t, {
      title: t("tokens.newToken", { name: made.name }),
      warning: t("tokens.onlyOnce"),
      content: [secretField(t, made.token, t("tokens.tokenFor", { name: made.name }))],
    }),
  );
}

/** A form that makes a token: a name, and for a staff token whose it is. */
function createForm(opts: { heading: string; id: string; hint: string; path: string; owner?: HTMLSelectElement }): HTMLFormElement {
  const name = h("input", { type: "text", name: "name", required: true, maxlength: 100, autocomplete: "off" });
  const button = h("button", { type: "submit" }, t("tokens.create"));
  const form = h(
    "form",
    { class: "stack", novalidate: true, "aria-labelledby": opts.id },
    h("h3", { id: opts.id }, opts.heading),
    h("div", { class: "row row-end" }, field(t("tokens.name"), name), opts.owner && field(t("staff:tokens.owner"), opts.owner), button),
    h("p", { class: "muted field-hint" }, opts.hint),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const account = opts.owner?.value ? Number(opts.owner.value) : undefined;
    const body = { name: name.value.trim(), ...(account !== undefined && { account }) };
    void act(button, notice, t, () => apiFetch<NewToken>(token, opts.path, { method: "POST", body })).then(async (made) => {
      if (!made) return;
      name.value = "";
      shownOnce(made);
      await showLists();
    });
  });
  return form;
}

if (session.role !== "admin") {
  main.replaceChildren(h("h1", {}, t("staff:tokens.title")), h("p", { class: "notice notice-error" }, t("staff:adminsOnly")));
} else {
  const owner = h("select", { name: "account" });
  main.replaceChildren(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("staff:tokens.title")), h("p", { class: "muted" }, t("staff:tokens.intro")))),
    notice,
    oneTimeSlot,
    h(
      "section",
      { class: "card stack", "aria-labelledby": "staff-tokens" },
      h("h2", { id: "staff-tokens" }, t("staff:tokens.staffTitle")),
      createForm({ heading: t("staff:tokens.newStaff"), id: "new-staff-token", hint: t("staff:tokens.staffHint"), path: "/api/tokens", owner }),
      staffList,
    ),
    h(
      "section",
      { class: "card stack", "aria-labelledby": "admin-tokens" },
      h("h2", { id: "admin-tokens" }, t("staff:tokens.adminTitle")),
      h("p", { class: "muted" }, t("staff:tokens.adminIntro")),
      createForm({ heading: t("staff:tokens.newAdmin"), id: "new-admin-token", hint: t("staff:tokens.adminHint"), path: "/api/admin-tokens" }),
      adminList,
    ),
  );
  try {
    const [{ accounts }] = await Promise.all([apiFetch<z.infer<typeof AccountsAnswerSchema>>(token, "/api/accounts"), showLists()]);
    owner.append(
      new Option(t("staff:tokens.noOwnerChoice"), ""),
      ...accounts.filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name)).map((a) => new Option(`${a.name} (${t(`common:staffNav.roles.${a.role}`)})`, String(a.id))),
    );
  } catch (err) {
    showError(notice, t, err);
  }
}
main.removeAttribute("aria-busy");
