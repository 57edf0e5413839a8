import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { MAIL_KINDS, MAIL_LANGUAGES, PLACEHOLDERS, TemplateSchema, type MailKind, type MailLanguage, type Placeholder, type Template } from "../schema/mail-answers.ts";
import { formatPath, type Problem } from "../schema/problems.ts";
import { LINK_SLOT } from "./mail-delivery.ts";

/**
 * The words of the messages to respondents: catalogues per language
 * (viz/i18n/<lang>/mail.json), which an administrator may reword per call, with
 * named placeholders. A message names the call, wave, lot, organisation, closing day
 * and a link, and nothing else: no answer and no figure can reach it.
 */

const CatalogueSchema = z.record(z.enum(MAIL_KINDS), TemplateSchema);
const I18N = resolve(import.meta.dirname, "../../viz/i18n");
const catalogues = Object.fromEntries(
  MAIL_LANGUAGES.map((l) => [l, CatalogueSchema.parse(JSON.parse(readFileSync(resolve(I18N, l, "mail.json"), "utf8")))]),
) as Record<MailLanguage, Record<MailKind, Template>>;

/** The catalogue's wording of a message. */
export const defaultTemplate = (kind: MailKind, language: MailLanguage): Template => catalogues[language][kind];

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Unknown placeholders, a missing {{link}} in the body, a link in the subject: each with its path. */
export function templateProblems(t: Template, prefix: ReadonlyArray<PropertyKey> = ["body"]): Problem[] {
  const problems: Problem[] = [];
  for (const field of ["subject", "body"] as const) {
    for (const [, name] of t[field].matchAll(PLACEHOLDER)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
        problems.push({ path: formatPath([...prefix, field]), message: `unknown placeholder {{${name}}}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}` });
      }
    }
  }
  if (/\{\{\s*link\s*\}\}/.test(t.subject)) problems.push({ path: formatPath([...prefix, "subject"]), message: "the link belongs in the body, not the subject" });
  if (!/\{\{\s*link\s*\}\}/.test(t.body)) problems.push({ path: formatPath([...prefix, "body"]), message: "the body must hold {{link}}" });
  return problems;
}

/** What fills the placeholders: names and a day, nothing about anyone's answers. */
export interface MessageValues {
  call: string;
  wave: string;
  lot: string;
  organisation: string;
  /** The wave's last day, YYYY-MM-DD. */
  closes: string;
}

export interface RenderedMessage {
  subject: string;
  /** Plain text; the link stands as LINK_SLOT. */
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Fill a template in a language: the closing day written out, {{link}} left as the slot the delivery fills. */
export function renderMessage(t: Template, values: MessageValues, language: MailLanguage): RenderedMessage {
  const day = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${values.closes}T12:00:00Z`));
  const filled: Record<Placeholder, string> = { ...values, closes: day, link: LINK_SLOT };
  const fill = (s: string, esc: (v: string) => string) => s.replace(PLACEHOLDER, (_m, name: string) => esc(filled[name as Placeholder] ?? ""));
  const subject = fill(t.subject, (v) => v.replace(LINK_SLOT, ""));
  const text = fill(t.body, (v) => v);
  // HTML from the same words: paragraphs at blank lines, the link as a link.
  const paragraphs = t.body.split(/\n\s*\n/).map((p) =>
    `<p>${p
      .split("\n")
      .map((line) => fill(escapeHtml(line), (v) => (v === LINK_SLOT ? `<a href="${LINK_SLOT}">${LINK_SLOT}</a>` : escapeHtml(v))))
      .join("<br>\n")}</p>`,
  );
  const html = `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">\n${paragraphs.join("\n")}\n</body></html>\n`;
  return { subject, text, html };
}
