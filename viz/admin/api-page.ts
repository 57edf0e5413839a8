import { apiFetch } from "../shared/api.ts";
import { h } from "../shared/dom.ts";
import { showError } from "../shared/notice.ts";
import { startStaffPage } from "../shared/topbar.ts";

/**
 * The API for staff who script against it: every operation of the OpenAPI document
 * (GET /api/openapi.json), grouped by its first path segment, with the roles that
 * may call it, its path parameters and the JSON Schema of its answer.
 */
const { token, t } = await startStaffPage(["admin"]);
document.title = `${t("apiDocs.title")} · ${t("common:brand")}`;
const main = document.getElementById("main")!;

interface Operation {
  tags: string[];
  "x-roles": string[];
  parameters?: Array<{ name: string }>;
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
interface ApiDocument {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
}

function operationView(method: string, path: string, op: Operation): HTMLElement {
  const content = op.responses["2XX"]?.content ?? {};
  const json = content["application/json"];
  const redirect = op.responses["303"];
  return h(
    "details",
    { class: "card api-operation" },
    h(
      "summary",
      {},
      h("code", { class: `api-method api-method-${method}` }, method.toUpperCase()),
      " ",
      h("code", {}, path),
      " ",
      h("span", { class: "muted small" }, op["x-roles"].length ? op["x-roles"].join(", ") : t("apiDocs.public")),
    ),
    op.parameters?.length ? h("p", {}, `${t("apiDocs.parameters")}: `, ...op.parameters.map((p) => h("code", {}, p.name, " "))) : null,
    json
      ? h("div", {}, h("h3", {}, t("apiDocs.answer")), h("pre", { class: "api-schema", tabindex: 0 }, JSON.stringify(json.schema, null, 2)))
      : redirect
      ? h("p", {}, `${t("apiDocs.redirect")}: `, redirect.description)
      : h("p", {}, `${t("apiDocs.file")}: `, ...Object.keys(content).map((type) => h("code", {}, type, " "))),
  );
}

try {
  const doc = await apiFetch<ApiDocument>(token, "/api/openapi.json");
  const groups = new Map<string, HTMLElement[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "api";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(operationView(method, path, op));
    }
  }
  main.replaceChildren(
    h("h1", {}, t("apiDocs.title")),
    h("p", {}, t("apiDocs.intro"), " ", h("a", { href: "/api/openapi.json" }, "openapi.json"), ` (OpenAPI 3.1, ${doc.info.version})`),
    h("p", { class: "muted" }, t("apiDocs.errors")),
    ...[...groups].flatMap(([tag, ops]) => [h("h2", {}, tag), h("div", { class: "stack" }, ...ops)]),
  );
} catch (err) {
  showError(main, t, err);
}
main.removeAttribute("aria-busy");
