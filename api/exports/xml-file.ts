import { XMLSerializer } from "@xmldom/xmldom";

/**
 * An XML document as a file: the declaration, then the document. Serialised
 * requiring well-formed content, so a character XML cannot hold fails loudly
 * instead of writing a file no reader opens.
 */
export function xmlFile(doc: Document): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc, undefined, undefined, { requireWellFormed: true })}\n`;
}
