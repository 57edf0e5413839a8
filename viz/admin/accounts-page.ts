import type { z } from "zod";
import type { AccountListingSchema, AccountsAnswerSchema, SignedOutSchema, StaffRole } from "../../api/staff/staff-schema.ts";
import { apiFetch } from "../shared/api.ts";
import { field, formValues, h } from "../shared/dom.ts";
import { act, showDone, showError } from "../shared/notice.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { confirmThenAct, formDialog } from "./dialogs.ts";

/**
 * Staff accounts (admins only): who may sign in, with which role; create one,
 * change name, e-mail or role, make it inactive or active again, end a person's
 * sessions. The API refuses an admin's change of their own role or active state.
 */
const { token, t, session } = await startStaffPage(["admin", "staff"], "accounts");
document.title = `${t("staff:accounts.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

type Listing = z.infer<typeof AccountListingSchema>;
const ROLES: StaffRole[] = ["admin", "evaluator"];

const notice = h("div", { class: "section-notice", "aria-live": "polite" });
const list = h("div", {});

const roleChoice = (selected: StaffRole) => {
  const select = h("select", { name: "role" });
  select.append(...ROLES.map((r) => new Option(t(`common:staffNav.roles.${r}`), r, false, r === selected)));
  return select;
};
const text = (name: string, type: "text" | "email", value = "") =>
  h("input", { type, name, value, required: true, maxlength: type === "email" ? 254 : 100, autocomplete: "off" });

function createForm(): HTMLFormElement {
  const button = h("button", { type: "submit" }, t("staff:accounts.create"));
  const form = h(
    "form",
    { class: "card stack", novalidate: true, "aria-labelledby": "new-account" },
    h("h2", { id: "new-account" }, t("staff:accounts.newTitle")),
    h("div", { class: "row row-end" }, field(t("staff:accounts.name"), text("name", "text")), field(t("staff:accounts.email"), text("email", "email")), field(t("staff:accounts.role"), roleChoice("evaluator")), button),
    h("p", { class: "muted field-hint" }, t("staff:accounts.createHint")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const v = formValues(form);
    void act(button, notice, t, () => apiFetch(token, "/api/accounts", { method: "POST", body: { name: v.name ?? "", email: v.email ?? "", role: v.role } })).then(async (made) => {
      if (!made) return;
      form.reset();
      showDone(notice, t("staff:accounts.done.created", { name: v.name }));
      await showList();
    });
  });
  return form;
}

function edit(a: Listing): void {
  formDialog(t, {
    title: t("staff:accounts.editTitle", { name: a.name }),
    fields: [field(t("staff:accounts.name"), text("name", "text", a.name)), field(t("staff:accounts.email"), text("email", "email", a.email)), field(t("staff:accounts.role"), roleChoice(a.role))],
    submitLabel: t("staff:accounts.save"),
    save: async (form) => {
      const v = formValues(form);
      // Only what changed: an admin may rename themselves, not demote themselves.
      const changes = Object.fromEntries(Object.entries({ name: v.name ?? "", email: v.email ?? "", role: v.role }).filter(([k, value]) => value !== a[k as keyof Listing]));
      if (Object.keys(changes).length) await apiFetch(token, `/api/accounts/${a.id}`, { method: "PATCH", body: changes });
      showDone(notice, t("staff:accounts.done.saved", { name: v.name }));
      await showList();
    },
  });
}

async function setActive(a: Listing, active: boolean, button: HTMLButtonElement): Promise<void> {
  const change = () => apiFetch(token, `/api/accounts/${a.id}`, { method: "PATCH", body: { active } });
  // Taking access away is asked first; giving it back is not.
  const done = active
    ? await act(button, notice, t, change)
    : await confirmThenAct(t, {
        title: t("staff:accounts.confirmDeactivate.title", { name: a.name }),
        body: t("staff:accounts.confirmDeactivate.body"),
        confirmLabel: t("staff:accounts.deactivate"),
        danger: true,
      }, button, notice, change);
  if (done === undefined) return;
  showDone(notice, t(active ? "staff:accounts.done.reactivated" : "staff:accounts.done.deactivated", { name: a.name }));
  await showList();
}

async function endSessions(a: Listing, button: HTMLButtonElement): Promise<void> {
  const ended = await act(button, notice, t, () => apiFetch<z.infer<typeof SignedOutSchema>>(token, `/api/accounts/${a.id}/sign-out`, { method: "POST" }));
  if (ended === undefined) return;
  showDone(notice, t("staff:accounts.done.signedOut", { name: a.name, count: ended.signedOut }));
  await showList();
}

function row(a: Listing): HTMLElement {
  const own = a.email === session.email;
  const button = (label: string, name: string, run: (b: HTMLButtonElement) => void, danger = false) => {
    const b = h("button", { type: "button", class: `link-button${danger ? " danger-text" : ""}`, "aria-label": t(name, { name: a.name }) }, label);
    b.addEventListener("click", () => run(b));
    return b;
  };
  return h(
    "tr",
    { class: a.active ? "" : "revoked" },
    h("td", {}, a.name, own ? h("span", { class: "badge" }, t("staff:accounts.you")) : null),
    h("td", {}, a.email),
    h("td", {}, t(`common:staffNav.roles.${a.role}`)),
    h("td", {}, a.active ? h("span", { class: "status status-submitted" }, t("staff:accounts.active")) : h("span", { class: "status status-not-started" }, t("staff:accounts.inactive"))),
    h("td", { class: "num" }, String(a.sessions)),
    h("td", { class: "num" }, String(a.tokens)),
    h(
      "td",
      {},
      h(
        "div",
        { class: "actions actions-start" },
        button(t("staff:accounts.edit"), "staff:accounts.editFor", () => edit(a)),
        a.active
          ? button(t("staff:accounts.deactivate"), "staff:accounts.deactivateFor", (b) => void setActive(a, false, b), true)
          : button(t("staff:accounts.reactivate"), "staff:accounts.reactivateFor", (b) => void setActive(a, true, b)),
        a.sessions > 0 && button(t("staff:accounts.endSessions"), "staff:accounts.endSessionsFor", (b) => void endSessions(a, b)),
      ),
    ),
  );
}

async function showList(): Promise<void> {
  const { accounts } = await apiFetch<z.infer<typeof AccountsAnswerSchema>>(token, "/api/accounts");
  const sorted = [...accounts].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  list.replaceChildren(
    sorted.length
      ? h(
          "table",
          { class: "accounts-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["name", "email", "role", "status"].map((c) => h("th", {}, t(`staff:accounts.${c}`))),
              h("th", { class: "num" }, t("staff:accounts.sessions")),
              h("th", { class: "num" }, t("staff:accounts.tokens")),
              h("th", {}, h("span", { class: "visually-hidden" }, t("staff:accounts.actions"))),
            ),
          ),
          h("tbody", {}, ...sorted.map(row)),
        )
      : h("p", { class: "muted" }, t("staff:accounts.none")),
  );
}

if (session.role !== "admin") {
  main.replaceChildren(h("h1", {}, t("staff:accounts.title")), h("p", { class: "notice notice-error" }, t("staff:adminsOnly")));
} else {
  main.replaceChildren(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("staff:accounts.title")), h("p", { class: "muted" }, t("staff:accounts.intro")))),
    createForm(),
    notice,
    h("section", { class: "card", "aria-label": t("staff:accounts.listLabel") }, list),
  );
  await showList().catch((err) => showError(notice, t, err));
}
main.removeAttribute("aria-busy");
