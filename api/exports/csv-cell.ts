/**
 * One text cell of a CSV file that a spreadsheet opens safely.
 *
 * Every text cell is quoted (RFC 4180), so no separator inside it splits it. A
 * spreadsheet that splits on another separator than ours (Dutch and Belgian ones
 * split on `;`) can still cut a cell at a `;`, `,` or tab and run what follows as
 * a formula, so every piece that would start with `=`, `+`, `-` or `@` after any
 * separator or line break, or at the start, gets a leading apostrophe; so does a
 * cell starting with a tab or carriage return. Names come from uploaded call
 * documents, not from us.
 */
export function csvTextCell(value: string): string {
  const defused = value.replace(/(^|[,;\t\r\n])([=+\-@])/g, "$1'$2").replace(/^[\t\r]/, "'$&");
  return `"${defused.replaceAll('"', '""')}"`;
}
