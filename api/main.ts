import { batchedLines } from "./log-lines.ts";
import { DEFAULT_DATABASE_PATH, startServer } from "./server.ts";
import { DEFAULT_ACCESS_LOG_RETENTION_DAYS } from "./staff/access-log.ts";
import { DEFAULT_SESSION_POLICY } from "./staff/caller.ts";

/** A setting that must be a positive whole number; a nonsense value stops the start. */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

/** Single sign-on needs all three settings, or none. */
function oidcSettings() {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) throw new Error("single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together");
  return { issuer, clientId, clientSecret };
}

const oidc = oidcSettings();
// Every line goes through the same writer, so that lines keep their order.
const log = batchedLines((text) => process.stdout.write(text));
const running = await startServer({
  log,
  databasePath: process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? "127.0.0.1",
  loadDemo: process.env.LOAD_DEMO !== "false",
  ...(process.env.ADMIN_TOKEN && { adminToken: process.env.ADMIN_TOKEN }),
  ...(process.env.PUBLIC_URL && { publicUrl: process.env.PUBLIC_URL }),
  ...(process.env.ALLOWED_HOSTS && { allowedHosts: process.env.ALLOWED_HOSTS }),
  ...(process.env.SMTP_URL && { smtpUrl: process.env.SMTP_URL }),
  ...(process.env.MAIL_FROM && { mailFrom: process.env.MAIL_FROM }),
  sessions: {
    idleMinutes: positiveInteger("SESSION_IDLE_MINUTES", DEFAULT_SESSION_POLICY.idleMinutes),
    maxHours: positiveInteger("SESSION_MAX_HOURS", DEFAULT_SESSION_POLICY.maxHours),
  },
  accessLogRetentionDays: positiveInteger("ACCESS_LOG_RETENTION_DAYS", DEFAULT_ACCESS_LOG_RETENTION_DAYS),
  ...(oidc && { oidc }),
});

log(`netwerkcirkel is serving ${running.url}`);
log(
  running.mail.mode === "smtp"
    ? "Mail goes out through the SMTP server in SMTP_URL."
    : `No SMTP_URL: mail stays in the outbox (${running.url}/outbox); nothing leaves this machine.`,
);
if (running.generatedAdminToken) {
  log(`Admin token (shown once, keep it safe): ${running.generatedAdminToken}`);
  log(`Sign in at ${running.url}/ with it, or send it as "Authorization: Bearer <token>" (e.g. to POST /api/accounts).`);
} else {
  log(`Sign in at ${running.url}/`);
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    void running.close().then(() => {
      const { writes, commits } = running.store.circles.writes.stats;
      log(`stopped; ${writes} circle saves were committed in ${commits} transactions`);
      process.exit(0);
    });
  });
}
