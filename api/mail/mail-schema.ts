import { z } from "zod";

/** A message as administrators read it in the outbox: its link stands as {{link}}, never the link itself. */
export const OutboxMessageSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  hasLink: z.boolean(),
  callId: z.string().optional(),
  waveId: z.string().optional(),
  organisationId: z.string().optional(),
  status: z.enum(["queued", "sending", "sent", "failed", "outbox"]),
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  createdAt: z.string(),
  sentAt: z.string().optional(),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

export const OutboxSchema = z.object({
  /** "outbox": nothing leaves the machine; "smtp": mail goes out through SMTP_URL. */
  mode: z.enum(["smtp", "outbox"]),
  from: z.string(),
  total: z.number().int(),
  messages: z.array(OutboxMessageSchema),
});
export type Outbox = z.infer<typeof OutboxSchema>;
