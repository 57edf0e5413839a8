import { h } from "../shared/dom.ts";
import { showError } from "../shared/notice.ts";
import { downloadFromApi } from "../shared/download.ts";
import type { WorkspacePage } from "./workspace-page.ts";

/** The network files: Gephi, igraph/R/yEd, CSV for R and UCINET, and a spreadsheet for Excel. */
const NETWORK_FORMATS = ["gexf", "graphml", "csv-nodes", "csv-edges", "xlsx"] as const;

/**
 * The files of a lot, of the whole call or of the comparison, in the view on
 * screen (wave, layer, missing-data mode, ties outside), optionally
 * pseudonymised; the call document as well where `callDocument` is given.
 * `formats` are the `format` values `path` takes, each labelled `download.<format>`
 * unless `labels` says otherwise.
 */
export function exportPanel(
  page: WorkspacePage,
  opts: { path: string; view: () => URLSearchParams; callDocument?: string; formats?: readonly string[]; labels?: Record<string, string> },
): HTMLElement {
  const { t } = page;
  const pseudonymise = h("input", { type: "checkbox", name: "pseudonymise" });
  // One export: the files downloaded while the box stays ticked share their codes; ticking it again draws new ones.
  let exportKey = "";
  pseudonymise.addEventListener("change", () => {
    exportKey = pseudonymise.checked ? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("") : "";
  });
  const notice = h("div", { class: "export-notice" });
  const get = (path: string) => {
    notice.replaceChildren();
    downloadFromApi(page.token, path).catch((err) => showError(notice, t, err));
  };
  const withFlag = (q: URLSearchParams) => {
    if (pseudonymise.checked) {
      q.set("pseudonymise", "true");
      q.set("export", exportKey);
    }
    return q;
  };
  return h(
    "div",
    { class: "export-panel" },
    h("div", { class: "export-buttons" },
      ...(opts.formats ?? NETWORK_FORMATS).map((format) =>
        h("button", {
          type: "button",
          class: "secondary small-button",
          "data-format": format,
          onclick: () => {
            const q = withFlag(opts.view());
            q.set("format", format);
            get(`${opts.path}?${q}`);
          },
        }, opts.labels?.[format] ?? t(`download.${format}`)),
      ),
      opts.callDocument &&
        h("button", {
          type: "button",
          class: "secondary small-button",
          "data-format": "json",
          onclick: () => get(`${opts.callDocument}?${withFlag(new URLSearchParams({ format: "json" }))}`),
        }, t("download.callDocument")),
    ),
    h("label", { class: "checkbox" }, pseudonymise, " ", t("download.pseudonymise")),
    h("p", { class: "muted small" }, t("download.pseudonymiseHint")),
    notice,
  );
}
