import { DEFAULT_DATABASE_PATH, startServer } from "./server.ts";

const running = await startServer({
  databasePath: process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
  port: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? "127.0.0.1",
  loadDemo: process.env.LOAD_DEMO !== "false",
  ...(process.env.ADMIN_TOKEN && { adminToken: process.env.ADMIN_TOKEN }),
  ...(process.env.PUBLIC_URL && { publicUrl: process.env.PUBLIC_URL }),
  ...(process.env.ALLOWED_HOSTS && { allowedHosts: process.env.ALLOWED_HOSTS }),
  ...(process.env.SMTP_URL && { smtpUrl: process.env.SMTP_URL }),
  ...(process.env.MAIL_FROM && { mailFrom: process.env.MAIL_FROM }),
});

console.log(`netwerkcirkel is serving ${running.url}`);
console.log(
  running.mail.mode === "smtp"
    ? "Mail goes out through the SMTP server in SMTP_URL."
    : `No SMTP_URL: mail stays in the outbox (${running.url}/outbox); nothing leaves this machine.`,
);
if (running.generatedAdminToken) {
  console.log(`Admin token (shown once, keep it safe): ${running.generatedAdminToken}`);
  console.log(`Sign in at ${running.url}/ with it, or send it as "Authorization: Bearer <token>".`);
} else {
  console.log(`Sign in at ${running.url}/ with your admin or evaluator token.`);
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping`);
    void running.close().then(() => {
      const { writes, commits } = running.store.circles.writes.stats;
      console.log(`stopped; ${writes} circle saves were committed in ${commits} transactions`);
      process.exit(0);
    });
  });
}
