/** One line of the mail merge: who, in which lot, the consultant's e-mail if entered, and the link. */
export interface LinkRow {
  organisation: string;
  lot: string;
  email: string;
  link: string;
}

/**
 * A cell as RFC 4180 wants it. A cell a spreadsheet would read as a formula (=, +,
 * -, @ first) gets a leading apostrophe: organisation names come from uploaded documents.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The links as CSV for a mail merge; a byte-order mark tells spreadsheet programs it is UTF-8. */
export function invitationCsv(rows: LinkRow[]): string {
  const lines = [["organisation", "lot", "email", "link"], ...rows.map((r) => [r.organisation, r.lot, r.email, r.link])];
  return `\uFEFF${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
