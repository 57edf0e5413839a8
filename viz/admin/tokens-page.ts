import { apiFetch } from "../shared/api.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { confirmDialog } from "./dialogs.ts";
import { field, h } from "../shared/dom.ts";
import { formatDateTime } from "../shared/format.ts";
import { act, showDone, showError } from "../shared/notice.ts";
import { oneTimePanel, secretField } from "./one-time-secrets.ts";

/** Evaluator tokens (admins only): make one (shown once), see them by name, revoke one. */
const { token, t, session } = await startStaffPage(["admin"], "tokens");
document.title = `${t("tokens.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

interface EvaluatorToken {
  id: number;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

const notice = h("div", { class: "section-notice", "aria-live": "polite" });
const oneTimeSlot = h("div", { class: "stack" });
const list = h("div", {});
const name = h("input", { type: "text", name: "name", required: true, maxlength: 100, autocomplete: "off" });
const create = h("button", { type: "submit" }, t("tokens.create"));
const form = h(
  "form",
  { class: "card", novalidate: true },
  h("div", { class: "row row-end" }, field(t("tokens.name"), name), create),
  h("p", { class: "muted field-hint" }, t("tokens.nameHint")),
);

async function revoke(tok: EvaluatorToken, button: HTMLButtonElement): Promise<void> {
  const yes = await confirmDialog(t, {
    title: t("tokens.confirmRevoke.title", { name: tok.name }),
    body: [h("p", {}, t("tokens.confirmRevoke.body"))],
    confirmLabel: t("tokens.revoke"),
    danger: true,
  });
  if (!yes) return;
  if ((await act(button, notice, t, () => apiFetch(token, `/api/tokens/${tok.id}`, { method: "DELETE" }))) === undefined) return;
  showDone(notice, t("tokens.done.revoked", { name: tok.name }));
  await showList();
}

async function showList(): Promise<void> {
  const { tokens } = await apiFetch<{ tokens: EvaluatorToken[] }>(token, "/api/tokens");
  const sorted = [...tokens].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  list.replaceChildren(
    sorted.length
      ? h(
          "table",
          { class: "tokens-table" },
          h("thead", {}, h("tr", {}, h("th", {}, t("tokens.name")), h("th", {}, t("tokens.created")), h("th", {}, t("tokens.status")), h("th", {}, h("span", { class: "visually-hidden" }, t("tokens.actions"))))),
          h(
            "tbody",
            {},
            ...sorted.map((tok) => {
              const button = h("button", { type: "button", class: "link-button danger-text", "aria-label": t("tokens.revokeFor", { name: tok.name }) }, t("tokens.revoke"));
              button.addEventListener("click", () => void revoke(tok, button));
              return h(
                "tr",
                { class: tok.revokedAt ? "revoked" : "" },
                h("td", {}, tok.name),
                h("td", { class: "nowrap" }, formatDateTime(tok.createdAt)),
                h("td", {}, tok.revokedAt
                  ? h("span", { class: "status status-inactive" }, t("tokens.revokedOn", { date: formatDateTime(tok.revokedAt) }))
                  : h("span", { class: "status status-submitted" }, t("tokens.live"))),
                h("td", {}, !tok.revokedAt && button),
              );
            }),
          ),
        )
      : h("p", { class: "muted" }, t("tokens.none")),
  );
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const n = name.value.trim();
  void act(create, notice, t, () => apiFetch<{ token: string; name: string }>(token, "/api/tokens", { method: "POST", body: { name: n } })).then(async (made) => {
    if (!made) return;
    name.value = "";
    oneTimeSlot.prepend(
      oneTimePanel(t, {
        title: t("tokens.newToken", { name: made.name }),
        warning: t("tokens.onlyOnce"),
        content: [secretField(t, made.token, t("tokens.tokenFor", { name: made.name }))],
      }),
    );
    await showList();
  });
});

if (session.role !== "admin") {
  main.replaceChildren(h("h1", {}, t("tokens.title")), h("p", { class: "notice notice-error" }, t("tokens.adminsOnly")));
} else {
  main.replaceChildren(h("h1", {}, t("tokens.title")), h("p", { class: "muted" }, t("tokens.intro")), form, notice, oneTimeSlot, h("section", { class: "card", "aria-label": t("tokens.title") }, list));
  await showList().catch((err) => showError(notice, t, err));
}
main.removeAttribute("aria-busy");
