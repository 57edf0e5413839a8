import type { Outbox, OutboxMessage } from "../../api/schema/mail-answers.ts";
import { apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { downloadFromApi } from "../shared/download.ts";
import { formatDateTime } from "../shared/format.ts";
import { showError } from "../shared/notice.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { mailModeNotice } from "./mail-mode.ts";

/**
 * The outbox (admins only): every message the service has sent or holds, newest
 * first, each as it is written (its link held back as {{link}}) and as an .eml file.
 */
const { token, t } = await startStaffPage(["admin"], "outbox");
document.title = `${t("outbox.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;
const notice = h("div", { class: "section-notice", "aria-live": "polite" });

async function downloadEml(m: OutboxMessage): Promise<void> {
  await downloadFromApi(token, `/api/outbox/${m.id}/eml`).catch((err) => showError(notice, t, err));
}

const statusBadge = (m: OutboxMessage) =>
  h("span", { class: `status mail-${m.status}` }, t(`mail.status.${m.status}`), m.attempts > 1 ? ` · ${t("outbox.attempts", { count: m.attempts })}` : "");

function messageRow(m: OutboxMessage): HTMLElement {
  const eml = h("button", { type: "button", class: "secondary", "aria-label": t("outbox.emlFor", { subject: m.subject, to: m.to }) }, t("outbox.eml"));
  eml.addEventListener("click", () => void downloadEml(m));
  return h(
    "article",
    { class: "card outbox-message", "aria-labelledby": `mail-${m.id}` },
    h(
      "div",
      { class: "card-head" },
      h(
        "div",
        {},
        h("h2", { id: `mail-${m.id}`, class: "outbox-subject" }, m.subject),
        h("p", { class: "muted small" }, t("outbox.meta", { to: m.to, kind: t(`mail.kinds.${m.kind}`, { defaultValue: m.kind }), date: formatDateTime(m.sentAt ?? m.createdAt) })),
      ),
      h("div", { class: "actions" }, statusBadge(m), eml),
    ),
    m.lastError ? h("p", { class: "notice-error small" }, t("outbox.reason", { reason: m.lastError })) : null,
    h("details", {}, h("summary", {}, t("outbox.show")), h("pre", { class: "mail-text" }, m.text)),
  );
}

try {
  const outbox = await apiFetch<Outbox>(token, "/api/outbox?limit=200");
  main.replaceChildren(
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("outbox.title")), h("p", { class: "muted" }, t("outbox.intro", { link: "{{link}}" })))),
    mailModeNotice(t, outbox.mode, outbox.from),
    notice,
    outbox.messages.length
      ? h("div", { class: "stack" }, h("p", { class: "muted" }, t("outbox.count", { count: outbox.total })), ...outbox.messages.map(messageRow))
      : h("p", { class: "muted" }, t("outbox.empty")),
  );
} catch (err) {
  showError(main, t, err);
} finally {
  main.removeAttribute("aria-busy");
}
