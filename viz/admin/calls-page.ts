import type { ImportPreview } from "../../api/calls/import-preview.ts";
import { CALL_FORMAT, type CallSummary } from "./call-types.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { field, formValues, h } from "../shared/dom.ts";
import { formatDate } from "../shared/format.ts";
import { waveStateBadge } from "./wave-badge.ts";
import { act, showError } from "../shared/notice.ts";

/** The calls: a list for every staff member, and for admins a new call from a form or a call document. */
const { token, t, session } = await startStaffPage(["admin"], "calls");
document.title = `${t("calls.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

function callsTable(calls: CallSummary[]): HTMLElement {
  if (!calls.length) return h("p", { class: "muted" }, t("calls.none"));
  return h(
    "table",
    { class: "calls-table" },
    h("thead", {}, h("tr", {}, h("th", {}, t("calls.name")), h("th", {}, t("calls.period")), h("th", {}, t("calls.waves")), h("th", {}, h("span", { class: "visually-hidden" }, t("calls.actions"))))),
    h(
      "tbody",
      {},
      ...calls.map((c) =>
        h(
          "tr",
          {},
          h("td", {}, h("a", { href: `/calls/${encodeURIComponent(c.id)}` }, c.name), h("div", { class: "muted small" }, c.id)),
          h("td", { class: "nowrap" }, `${formatDate(c.start)} – ${formatDate(c.end)}`),
          h("td", {}, ...c.waves.map((w) => h("span", { class: "wave-chip" }, w.name, " ", waveStateBadge(t, w.state)))),
          h("td", { class: "nowrap" }, h("a", { class: "button-link", href: `/calls/${encodeURIComponent(c.id)}/admin` }, t(session.role === "admin" ? "calls.manage" : "calls.waveProgress"))),
        ),
      ),
    ),
  );
}

/** A new, empty call: organisations, lots and waves are added on its administration page. */
function newCallForm(): HTMLElement {
  const notice = h("div", { "aria-live": "polite" });
  const id = h("input", { type: "text", name: "id", required: true, pattern: "[A-Za-z0-9_\\-]{1,64}", maxlength: 64 });
  const name = h("input", { type: "text", name: "name", required: true, maxlength: 200 });
  // Suggest an id from the name until the id is typed in by hand.
  let idTouched = false;
  id.addEventListener("input", () => (idTouched = true));
  name.addEventListener("input", () => {
    if (!idTouched) id.value = name.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 64);
  });
  const submit = h("button", { type: "submit" }, t("calls.create"));
  const form = h(
    "form",
    { class: "card stack", novalidate: true, "aria-labelledby": "new-call-form" },
    h("h3", { id: "new-call-form" }, t("calls.fromForm")),
    field(t("calls.name"), name),
    field(t("calls.id"), id, t("calls.idHint")),
    h("div", { class: "row" }, field(t("calls.start"), h("input", { type: "date", name: "start", required: true })), field(t("calls.end"), h("input", { type: "date", name: "end", required: true }))),
    field(t("calls.description"), h("textarea", { name: "description", rows: 2, maxlength: 5000 })),
    notice,
    h("div", { class: "actions" }, submit),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const v = formValues(form);
    const call = { id: v.id ?? "", name: v.name ?? "", start: v.start ?? "", end: v.end ?? "", ...(v.description && { description: v.description }) };
    void act(submit, notice, t, () =>
      apiFetch(token, "/api/calls/import", { method: "POST", body: { format: CALL_FORMAT, call, organisations: [], lots: [], waves: [], circles: [] } }),
    ).then((done) => done && location.assign(`/calls/${encodeURIComponent(call.id)}/admin`));
  });
  return form;
}

function previewOf(preview: ImportPreview, doc: { call?: { name?: string; id?: string } }): HTMLElement {
  if (!preview.valid) {
    return h(
      "div",
      { class: "notice notice-error", role: "alert" },
      h("strong", {}, t("calls.upload.invalid", { count: preview.problems.length })),
      h("ul", { class: "problems" }, ...preview.problems.map((p) => h("li", {}, h("code", {}, p.path), " ", p.message))),
    );
  }
  const c = preview.counts;
  return h(
    "div",
    { class: "notice notice-ok", role: "status" },
    h("strong", {}, t("calls.upload.valid", { name: doc.call?.name ?? "", id: doc.call?.id ?? "" })),
    h("p", {}, t("calls.upload.counts", { organisations: c.organisations, lots: c.lots, waves: c.waves, circles: c.circles })),
  );
}

/** Upload a call document: every problem is listed with its path before anything is written. */
function uploadForm(): HTMLElement {
  const notice = h("div", { "aria-live": "polite" });
  const file = h("input", { type: "file", name: "document", accept: ".json,application/json" });
  const importButton = h("button", { type: "button", disabled: true }, t("calls.upload.import"));
  let doc: unknown;
  file.addEventListener("change", () => {
    importButton.disabled = true;
    doc = undefined;
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then((text) => {
      try {
        doc = JSON.parse(text);
      } catch (err) {
        showError(notice, t, new ApiError(400, "not_json", t("calls.upload.notJson", { message: (err as Error).message }), []));
        return;
      }
      void act(null, notice, t, () => apiFetch<ImportPreview>(token, "/api/calls/validate", { method: "POST", body: doc })).then((preview) => {
        if (!preview) return;
        notice.replaceChildren(previewOf(preview, doc as { call?: { name?: string; id?: string } }));
        importButton.disabled = !preview.valid;
      });
    });
  });
  importButton.addEventListener("click", () => {
    void act(importButton, notice, t, () => apiFetch<{ call: { id: string } }>(token, "/api/calls/import", { method: "POST", body: doc })).then(
      (done) => done && location.assign(`/calls/${encodeURIComponent(done.call.id)}/admin`),
    );
  });
  return h(
    "div",
    { class: "card stack", role: "group", "aria-labelledby": "upload-call" },
    h("h3", { id: "upload-call" }, t("calls.upload.title")),
    h("p", { class: "muted" }, t("calls.upload.intro")),
    field(t("calls.upload.file"), file),
    notice,
    h("div", { class: "actions" }, importButton),
  );
}

async function render(): Promise<void> {
  const { calls } = await apiFetch<{ calls: CallSummary[] }>(token, "/api/calls");
  main.replaceChildren(h("h1", {}, t("calls.title")), h("section", { class: "card" }, callsTable(calls)));
  if (session.role === "admin") {
    main.append(h("section", { class: "stack", "aria-labelledby": "new-call" }, h("h2", { id: "new-call" }, t("calls.new")), h("div", { class: "two-columns" }, uploadForm(), newCallForm())));
  }
  main.removeAttribute("aria-busy");
}

await render().catch((err) => showError(main, t, err));
