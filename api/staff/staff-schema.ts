import { z } from "zod";
import { IdSchema } from "../schema/call-document.ts";

/**
 * Wire shapes of staff accounts, sign-in, bearer tokens and the access log: the one
 * source of their types for the API and the browser pages.
 */

export const StaffRoleSchema = z.enum(["admin", "evaluator"]);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** Addresses are compared lower-cased: the e-mail claim of single sign-on picks the account. */
export const EmailSchema = z
  .email("expected an e-mail address")
  .max(254)
  .transform((e) => e.toLowerCase());

const personName = z.string().trim().min(1, "must not be empty").max(100);

export const AccountSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: StaffRoleSchema,
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** An account as the accounts page lists it: with its live sessions and tokens counted. */
export const AccountListingSchema = AccountSchema.extend({ sessions: z.number().int(), tokens: z.number().int() });
export const AccountsAnswerSchema = z.object({ accounts: z.array(AccountListingSchema) });
export const AccountAnswerSchema = z.object({ account: AccountSchema });

export const NewAccountSchema = z.strictObject({ email: EmailSchema, name: personName, role: StaffRoleSchema });
export type NewAccount = z.infer<typeof NewAccountSchema>;

export const AccountChangesSchema = z
  .strictObject({ email: EmailSchema, name: personName, role: StaffRoleSchema, active: z.boolean() })
  .partial()
  .refine((c) => Object.keys(c).length > 0, "expected at least one of email, name, role, active");
export type AccountChanges = z.infer<typeof AccountChangesSchema>;

/** How a browser session was opened. */
export const SignInMethodSchema = z.enum(["token", "email-link", "oidc"]);
export type SignInMethod = z.infer<typeof SignInMethodSchema>;

/** Who is calling, as GET /api/session tells the pages. */
export const SessionAnswerSchema = z.object({
  role: z.enum(["admin", "evaluator", "respondent"]),
  name: z.string().optional(),
  email: z.string().optional(),
  /** A browser session (cookie) or a bearer token. */
  via: z.enum(["session", "bearer"]),
});

/**
 * The ways to sign in that this server offers; the sign-in page shows these.
 * `mail`: whether a link leaves the machine (`smtp`) or waits in the outbox for an admin.
 */
export const SignInOptionsSchema = z.object({ emailLink: z.boolean(), oidc: z.boolean(), mail: z.enum(["smtp", "outbox"]) });

export const TokenSignInSchema = z.strictObject({ token: z.string().min(1).max(200) });
/** `language`: the words of the message, the sign-in page's language. */
/** A page of this site to go on to after signing in: a path, never another host (`//host`, `/\\host`). */
const SITE_PATH = /^\/(?![/\\])[\x21-\x7e]*$/;
export const NextPageSchema = z.string().max(500).regex(SITE_PATH, "expected a path of this site, such as /lots/lot-1");
export const EmailLinkRequestSchema = z.strictObject({
  email: EmailSchema,
  language: z.enum(["nl", "en"]).default("nl"),
  /** Where the link leads after signing in (the page that asked for a sign-in); the calls page without. */
  next: NextPageSchema.optional(),
});
export const EmailLinkRedeemSchema = z.strictObject({ link: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "expected the code of a sign-in link") });
export const SignedInSchema = z.object({ role: StaffRoleSchema, name: z.string() });
export const LinkSentSchema = z.object({ sent: z.literal(true), validMinutes: z.number().int() });
export const SignedOutSchema = z.object({ signedOut: z.number().int() });

export const NewTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The person the token belongs to; it then acts with their role while their account is active. */
  account: z.number().int().positive().optional(),
});
export const TokenListingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: StaffRoleSchema,
  createdAt: z.string(),
  revokedAt: z.string().optional(),
  owner: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
});
export const TokensAnswerSchema = z.object({ tokens: z.array(TokenListingSchema) });
export const NewTokenAnswerSchema = TokenListingSchema.extend({ token: z.string() });

/**
 * What the access log records: reads of confidential data (a circle, a feedback
 * report, a network export with names, a call document) and changes by staff, and sign-ins.
 */
export const AccessKindSchema = z.enum(["circle", "report", "network-export", "lot-network", "call-document", "interview", "change", "sign-in"]);
export type AccessKind = z.infer<typeof AccessKindSchema>;

export const AccessEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  accountId: z.number().int().nullable(),
  tokenId: z.number().int().nullable(),
  role: z.string(),
  via: z.enum(["session", "bearer"]),
  kind: AccessKindSchema,
  callId: z.string().nullable(),
  subject: z.string(),
  address: z.string().nullable(),
});
export type AccessEntry = z.infer<typeof AccessEntrySchema>;
export type NewAccessEntry = Omit<AccessEntry, "id">;

const day = z.iso.date({ message: "expected a date YYYY-MM-DD" });
/** Filters of the access log; `from` and `to` are UTC days, both included. */
export const AccessLogQuerySchema = z.object({
  account: z.coerce.number().int().positive().optional(),
  token: z.coerce.number().int().positive().optional(),
  kind: AccessKindSchema.optional(),
  call: IdSchema.optional(),
  from: day.optional(),
  to: day.optional(),
  format: z.enum(["json", "csv"]).default("json"),
});
export type AccessLogFilter = Omit<z.infer<typeof AccessLogQuerySchema>, "format">;

/** Someone who appears in the log, for the page's person filter. */
export const AccessActorSchema = z.object({ accountId: z.number().int().nullable(), tokenId: z.number().int().nullable(), actor: z.string() });
export const AccessLogAnswerSchema = z.object({
  entries: z.array(AccessEntrySchema),
  /** How many entries match; `entries` holds the latest of them, up to the page's limit. */
  total: z.number().int(),
  actors: z.array(AccessActorSchema),
  retentionDays: z.number().int(),
});
