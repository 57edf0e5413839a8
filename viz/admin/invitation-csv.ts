import { csvTextCell } from "../../api/exports/csv-cell.ts";

/** One line of the mail merge: who, in which lot, the consultant's e-mail if entered, and the link. */
export interface LinkRow {
  organisation: string;
  lot: string;
  email: string;
  link: string;
}

/** The links as CSV for a mail merge; a byte-order mark tells spreadsheet programs it is UTF-8. */
export function invitationCsv(rows: LinkRow[]): string {
  const lines = [["organisation", "lot", "email", "link"], ...rows.map((r) => [r.organisation, r.lot, r.email, r.link])];
  return `\uFEFF${lines.map((l) => l.map(csvTextCell).join(",")).join("\r\n")}\r\n`;
}
