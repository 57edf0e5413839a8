import { z } from "zod";
import { LINK_SHOWN_AS, LINK_SLOT } from "../../mail/mail-delivery.ts";
import { OutboxSchema, type Outbox, type OutboxMessage } from "../../schema/mail-answers.ts";
import type { MailRecord } from "../../store/mail-store.ts";
import { notFound } from "../errors.ts";
import { validate } from "../params.ts";
import { ADMIN, type RouteModule } from "../routes.ts";
import { FILE_TYPES } from "../../schema/answers.ts";

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const MailParams = z.object({ mailId: z.coerce.number().int().positive() });

/** A stored message for administrators' eyes: the link slot shown as {{link}}. */
function outboxView(m: MailRecord): OutboxMessage {
  const { link, onceKey: _once, text, html, to, ...rest } = m;
  return {
    ...rest,
    to,
    text: text.replaceAll(LINK_SLOT, LINK_SHOWN_AS),
    ...(html !== undefined && { html: html.replaceAll(LINK_SLOT, LINK_SHOWN_AS) }),
    hasLink: link !== undefined,
  };
}

/** The outbox: every message the service has sent or holds, newest first, and each as an .eml file. */
export const mailRoutes: RouteModule = (ctx) => [
  {
    method: "get",
    path: "/api/outbox",
    roles: ADMIN,
    response: OutboxSchema,
    handle: (req): Outbox => {
      const { limit, offset } = validate(ListQuery, req.query, "query");
      const { messages, total } = ctx.store.mail.list(limit, offset);
      return { mode: ctx.mail.mode, from: ctx.mail.from, total, messages: messages.map(outboxView) };
    },
  },
  {
    method: "get",
    path: "/api/outbox/:mailId/eml",
    roles: ADMIN,
    response: { file: FILE_TYPES.eml },
    handle: async (req, res) => {
      const { mailId } = validate(MailParams, req.params, "params");
      const mail = ctx.store.mail.byId(mailId);
      if (!mail) throw notFound(`message ${mailId}`);
      const eml = await ctx.mail.eml(mail);
      res.set("Content-Type", "message/rfc822");
      res.set("Content-Disposition", `attachment; filename="message-${mail.id}.eml"`);
      res.send(eml);
      return undefined;
    },
  },
];
