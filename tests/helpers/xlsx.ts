import { DOMParser } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";

/** A cell as the file stores it: its type (n number, b boolean, s text, ...) and its value read in that type. */
export interface XlsxCell {
  type: string;
  value: string | number | boolean;
}

export interface XlsxSheet {
  name: string;
  /** Rows by position; a missing cell (empty) is null. */
  rows: Array<Array<XlsxCell | null>>;
  /** Rows kept in view while scrolling (the frozen pane). */
  frozenRows: number;
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const columnIndex = (ref: string) => [...ref.replace(/\d+$/, "")].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;

/**
 * Read an .xlsx file the way a spreadsheet does, from its parts: unzip, then
 * the workbook, its sheets and the shared strings, as XML. Independent of the
 * writer, so it checks what the file says and not what the writer meant.
 */
export function readXlsx(bytes: Uint8Array): XlsxSheet[] {
  const files = unzipSync(bytes);
  const xml = (path: string) => new DOMParser().parseFromString(strFromU8(files[path]!), "text/xml");
  const all = (doc: Document | Element, tag: string) => Array.from(doc.getElementsByTagNameNS(NS, tag));
  const shared = files["xl/sharedStrings.xml"] ? all(xml("xl/sharedStrings.xml"), "si").map((si) => all(si, "t").map((t) => t.textContent).join("")) : [];
  const targets = new Map(
    Array.from(xml("xl/_rels/workbook.xml.rels").getElementsByTagName("Relationship")).map((r) => [r.getAttribute("Id")!, r.getAttribute("Target")!]),
  );
  return all(xml("xl/workbook.xml"), "sheet").map((sheet) => {
    const doc = xml(`xl/${targets.get(sheet.getAttributeNS(RELS, "id")!)!}`);
    const rows = all(doc, "row").map((row) => {
      const cells: Array<XlsxCell | null> = [];
      for (const c of all(row, "c")) {
        const type = c.getAttribute("t") || "n";
        const raw = all(c, "v")[0]?.textContent ?? all(c, "t")[0]?.textContent ?? "";
        const value = type === "n" ? Number(raw) : type === "b" ? raw === "1" : type === "s" ? shared[Number(raw)]! : raw;
        cells[columnIndex(c.getAttribute("r")!)] = { type, value };
      }
      return Array.from(cells, (c) => c ?? null);
    });
    const pane = all(doc, "pane")[0];
    return { name: sheet.getAttribute("name")!, rows, frozenRows: pane?.getAttribute("state") === "frozen" ? Number(pane.getAttribute("ySplit")) : 0 };
  });
}
