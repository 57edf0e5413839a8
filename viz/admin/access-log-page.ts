import type { z } from "zod";
import type { CallsAnswerSchema } from "../../api/schema/answers.ts";
import type { AccessEntry, AccessKind, AccessLogAnswerSchema } from "../../api/staff/staff-schema.ts";
import { apiFetch } from "../shared/api.ts";
import { field, h } from "../shared/dom.ts";
import { downloadFromApi } from "../shared/download.ts";
import { formatDateTime } from "../shared/format.ts";
import { showError } from "../shared/notice.ts";
import { startStaffPage } from "../shared/topbar.ts";

/**
 * The access log (admins only): who read which confidential data and who changed
 * what, filtered by person or token, kind, call and days; the latest entries on the
 * page, every match as CSV. The filters live in the address, so a view can be shared.
 */
const { token, t, session } = await startStaffPage(["admin", "staff"], "access-log");
document.title = `${t("staff:accessLog.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

type Answer = z.infer<typeof AccessLogAnswerSchema>;
const notice = h("div", { class: "section-notice", "aria-live": "polite" });
const summary = h("p", { role: "status", class: "access-log-count" });
const table = h("div", { class: "table-scroll" });

const who = h("select", { name: "who" });
const kind = h("select", { name: "kind" });
const call = h("select", { name: "call" });
const from = h("input", { type: "date", name: "from" });
const to = h("input", { type: "date", name: "to" });
const show = h("button", { type: "submit" }, t("staff:accessLog.show"));
const csv = h("button", { type: "button", class: "secondary" }, t("staff:accessLog.csv"));

/** Every kind, in the order of the filter; a record, so a kind added to the schema must be added here too (zod stays out of the page). */
const KINDS = Object.keys({ circle: 1, report: 1, "network-export": 1, "lot-network": 1, "call-document": 1, interview: 1, change: 1, "sign-in": 1 } satisfies Record<AccessKind, 1>);

const option = (value: string, label: string) => new Option(label, value);
kind.append(option("", t("staff:accessLog.anyKind")), ...KINDS.map((k) => option(k, t(`staff:accessLog.kinds.${k}`))));

/** The API's filters from the form: `who` is `account:<id>` or `token:<id>`. */
function filters(): URLSearchParams {
  const q = new URLSearchParams();
  const [whoKind, whoId] = who.value.split(":");
  if (whoKind && whoId) q.set(whoKind, whoId);
  for (const input of [kind, call, from, to]) if (input.value) q.set(input.name, input.value);
  return q;
}

/** Set the form from the address, once the choices are there. */
function fillFrom(q: URLSearchParams): void {
  who.value = q.has("account") ? `account:${q.get("account")}` : q.has("token") ? `token:${q.get("token")}` : "";
  for (const input of [kind, call, from, to]) input.value = q.get(input.name) ?? "";
}

const cell = (value: string | null) => h("td", {}, value ?? "–");

function entriesTable(entries: AccessEntry[]): HTMLElement {
  if (!entries.length) return h("p", { class: "muted" }, t("staff:accessLog.none"));
  return h(
    "table",
    { class: "access-log-table" },
    h("thead", {}, h("tr", {}, ...["at", "actor", "via", "kind", "call", "subject", "address"].map((c) => h("th", { scope: "col" }, t(`staff:accessLog.columns.${c}`))))),
    h(
      "tbody",
      {},
      ...entries.map((e) =>
        h(
          "tr",
          {},
          h("td", { class: "nowrap" }, formatDateTime(e.at)),
          h("td", {}, e.actor, h("span", { class: "muted small" }, ` · ${t(`common:staffNav.roles.${e.role}`, { defaultValue: e.role })}`)),
          h("td", {}, t(`staff:accessLog.via.${e.via}`)),
          h("td", {}, t(`staff:accessLog.kinds.${e.kind}`)),
          cell(e.callId),
          h("td", { class: "access-log-subject" }, e.subject),
          cell(e.address),
        ),
      ),
    ),
  );
}

async function load(q: URLSearchParams): Promise<Answer> {
  history.replaceState(null, "", q.size ? `?${q}` : location.pathname);
  const answer = await apiFetch<Answer>(token, `/api/access-log?${q}`);
  summary.textContent = answer.total > answer.entries.length
    ? t("staff:accessLog.countLatest", { count: answer.total, shown: answer.entries.length })
    : t("staff:accessLog.count", { count: answer.total });
  csv.disabled = answer.total === 0;
  table.replaceChildren(entriesTable(answer.entries));
  return answer;
}

/** The people and tokens in the log, and the calls, as the filters' choices. */
function fillChoices(actors: Answer["actors"], calls: z.infer<typeof CallsAnswerSchema>["calls"]): void {
  who.replaceChildren(
    option("", t("staff:accessLog.anyone")),
    ...actors.map((a) => option(a.accountId !== null ? `account:${a.accountId}` : `token:${a.tokenId}`, a.accountId !== null ? a.actor : t("staff:accessLog.tokenActor", { name: a.actor }))),
  );
  call.replaceChildren(option("", t("staff:accessLog.anyCall")), ...calls.map((c) => option(c.id, c.name)));
}

const form = h(
  "form",
  { class: "card stack", "aria-label": t("staff:accessLog.filters") },
  h(
    "div",
    { class: "row row-end" },
    field(t("staff:accessLog.who"), who),
    field(t("staff:accessLog.kind"), kind),
    field(t("staff:accessLog.call"), call),
    field(t("staff:accessLog.from"), from),
    field(t("staff:accessLog.to"), to),
  ),
  h("div", { class: "actions actions-start" }, show, csv),
);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  notice.replaceChildren();
  load(filters()).catch((err) => showError(notice, t, err));
});
csv.addEventListener("click", () => {
  notice.replaceChildren();
  const q = filters();
  q.set("format", "csv");
  downloadFromApi(token, `/api/access-log?${q}`).catch((err) => showError(notice, t, err));
});

if (session.role !== "admin") {
  main.replaceChildren(h("h1", {}, t("staff:accessLog.title")), h("p", { class: "notice notice-error" }, t("staff:adminsOnly")));
} else {
  try {
    // The filters of the address (a shared or reloaded view), and no other parameter.
    const q = new URLSearchParams([...new URLSearchParams(location.search)].filter(([k]) => ["account", "token", "kind", "call", "from", "to"].includes(k)));
    const [first, { calls }] = await Promise.all([load(q), apiFetch<z.infer<typeof CallsAnswerSchema>>(token, "/api/calls")]);
    fillChoices(first.actors, calls);
    fillFrom(q);
    main.replaceChildren(
      h("div", { class: "page-head" }, h("div", {}, h("h1", {}, t("staff:accessLog.title")), h("p", { class: "muted" }, t("staff:accessLog.intro", { count: first.retentionDays })))),
      form,
      notice,
      h("section", { class: "card stack", "aria-label": t("staff:accessLog.entries") }, summary, table),
    );
  } catch (err) {
    main.replaceChildren(notice);
    showError(notice, t, err);
  }
}
main.removeAttribute("aria-busy");
