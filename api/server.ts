import { readFileSync } from "node:fs";
import { STATUS_CODES, createServer, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { resolve } from "node:path";
import { installEnvironmentAdmin } from "./access/admin-tokens.ts";
import { parseAllowedHosts, parsePublicUrl } from "./access/link-origin.ts";
import { validateCallDocument } from "./schema/call-rules.ts";
import { MetricsService } from "./metrics/metrics-service.ts";
import { Store } from "./store/store.ts";
import { createApi } from "./http/app.ts";
import type { Context } from "./http/context.ts";
import { errorBody } from "./http/errors.ts";
import { MailDelivery, type RetryPolicy } from "./mail/mail-delivery.ts";
import { invitationLinkMakers } from "./calls/invitation-links.ts";
import { MailScheduler } from "./calls/mail-scheduler.ts";
import { WaveMail } from "./calls/wave-mail.ts";
import { DEFAULT_ACCESS_LOG_RETENTION_DAYS, pruneAccessLog } from "./staff/access-log.ts";
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./staff/caller.ts";
import { OidcSignIn, type OidcSettings } from "./staff/oidc-sign-in.ts";
import { SIGN_IN_LINK_MAKER, signInLinkMaker } from "./staff/sign-in-links.ts";

export const DEMO_CALL = resolve(import.meta.dirname, "../data/demo/call.json");
/** Where the database lives when DATABASE_PATH is not set. */
export const DEFAULT_DATABASE_PATH = resolve(import.meta.dirname, "../var/netwerkcirkel.db");
/** How often ended sessions and access log entries past retention are cleared away. */
const PRUNE_EVERY_MS = 3_600_000;
/** How long a stop waits for requests in flight before it cuts their connections. */
const STOP_GRACE_MS = 10_000;

export interface ServerOptions {
  databasePath: string;
  port: number;
  host?: string;
  adminToken?: string;
  /** Base of invitation links (PUBLIC_URL). */
  publicUrl?: string;
  /** Hosts links may be made for when publicUrl is not set (ALLOWED_HOSTS); loopback when absent. */
  allowedHosts?: string;
  /** Load the demo call when the database holds no call yet. */
  loadDemo?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
  /** Requests per minute per address to anything that takes a token; env RATE_LIMIT_PER_MINUTE or 1000 when absent. */
  rateLimitPerMinute?: number;
  /** SMTP server for mail (`smtp://user:pass@host:587`); without it mail goes to the outbox. */
  smtpUrl?: string;
  /** The From header of mail. */
  mailFrom?: string;
  /** Waits between attempts to send a message (tests shorten them). */
  mailRetry?: Partial<RetryPolicy>;
  /** How often the mail queue is looked at when nothing wakes it. */
  mailPollMs?: number;
  /** Browser sessions' idle timeout and lifetime. */
  sessions?: SessionPolicy;
  /** Days the access log keeps an entry. */
  accessLogRetentionDays?: number;
  /** An OpenID provider for single sign-on. */
  oidc?: OidcSettings;
}

export interface Running {
  server: Server;
  store: Store;
  metrics: MetricsService;
  mail: MailDelivery;
  /** Reminders and report-ready notes as they fall due. */
  scheduler: MailScheduler;
  url: string;
  /** The admin token when it was generated at this start (first start without ADMIN_TOKEN); shown once. */
  generatedAdminToken?: string;
  close: () => Promise<void>;
}

/** Open the database, make sure an admin can sign in, load the demo if empty, and listen. */
export async function startServer(opts: ServerOptions): Promise<Running> {
  // What app.ts accepts in a Bearer header, and long enough that it cannot be guessed.
  if (opts.adminToken !== undefined && !/^[A-Za-z0-9_-]{32,128}$/.test(opts.adminToken)) {
    throw new Error("ADMIN_TOKEN must be 32-128 letters, digits, '-' or '_' (e.g. `openssl rand -hex 32`)");
  }
  const log = opts.log ?? ((line: string) => console.log(line));
  const now = opts.now ?? (() => new Date());
  const store = Store.open(opts.databasePath);

  let generatedAdminToken: string | undefined;
  if (opts.adminToken) {
    installEnvironmentAdmin(store, opts.adminToken, now());
  } else if (!store.tokens.hasAdmin()) {
    generatedAdminToken = store.tokens.create({ role: "admin", name: "first start" }, now()).token;
  }

  if (opts.loadDemo && store.calls.calls().length === 0) {
    const demo = validateCallDocument(JSON.parse(readFileSync(DEMO_CALL, "utf8")));
    if (!demo.ok) throw new Error(`the demo call is invalid: ${JSON.stringify(demo.problems)}`);
    store.importCall(demo.value, now());
  }

  const sessions = opts.sessions ?? DEFAULT_SESSION_POLICY;
  const retentionDays = opts.accessLogRetentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS;
  const prune = () => {
    const at = now().getTime();
    store.accounts.prune(new Date(at - sessions.idleMinutes * 60_000), new Date(at - sessions.maxHours * 3_600_000));
    pruneAccessLog(store, now(), retentionDays);
  };
  prune();
  const pruning = setInterval(prune, PRUNE_EVERY_MS).unref();

  const metrics = new MetricsService(store);
  const mail = new MailDelivery(store.mail, {
    now,
    log,
    ...(opts.smtpUrl !== undefined && { smtpUrl: opts.smtpUrl }),
    ...(opts.mailFrom !== undefined && { from: opts.mailFrom }),
    ...(opts.mailRetry !== undefined && { retry: opts.mailRetry }),
    ...(opts.mailPollMs !== undefined && { pollMs: opts.mailPollMs }),
  });
  const waveMail = new WaveMail(store, mail);
  const ctx: Context = {
    store,
    metrics,
    mail,
    waveMail,
    now,
    log,
    ...(opts.publicUrl !== undefined && { publicUrl: parsePublicUrl(opts.publicUrl) }),
    ...(opts.allowedHosts !== undefined && { allowedHosts: parseAllowedHosts(opts.allowedHosts) }),
    ...(opts.rateLimitPerMinute !== undefined && { rateLimitPerMinute: opts.rateLimitPerMinute }),
    sessions,
    accessLogRetentionDays: retentionDays,
    ...(opts.oidc && { oidc: new OidcSignIn(opts.oidc) }),
  };
  const { listener } = createApi(ctx);
  const server = await new Promise<Server>((done, fail) => {
    const s = createServer(listener).listen(opts.port, opts.host ?? "127.0.0.1", () => done(s));
    s.once("error", fail);
  });
  server.on("clientError", answerClientError);
  // Answers still to come when a stop begins close their connection, so that no
  // keep-alive connection holds the stop up once its request is answered.
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  server.on("request", (_req, res: ServerResponse) => {
    if (stopping) closeAfter(res);
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const url = `http://${opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1"}:${port}`;
  // Links in mail are made when a message goes out, long after any request: they use
  // the configured public URL, else the address this server listens on.
  for (const [name, maker] of Object.entries(invitationLinkMakers(store, () => ctx.publicUrl ?? url))) mail.registerLink(name, maker);
  mail.registerLink(SIGN_IN_LINK_MAKER, signInLinkMaker(store, () => ctx.publicUrl ?? url));
  mail.start();
  const scheduler = new MailScheduler(waveMail, now, log);
  scheduler.start();

  const close = () =>
    new Promise<void>((done) => {
      // Finish requests in flight and the messages being sent, then close the database;
      // a connection that hangs on past the grace period is cut, so a stop always ends.
      stopping = true;
      scheduler.stop();
      const mailStopped = mail.stop();
      clearInterval(pruning);
      inFlight.forEach(closeAfter);
      const cut = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
      server.close(() => {
        clearTimeout(cut);
        void mailStopped.then(() => {
          store.close();
          done();
        });
      });
      server.closeIdleConnections();
    });
  return { server, store, metrics, mail, scheduler, url, close, ...(generatedAdminToken !== undefined && { generatedAdminToken }) };
}

/**
 * Requests Node refuses before Express sees them (headers too large, a broken
 * request line, a timeout) are answered in the API's error shape too.
 */
function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const body = JSON.stringify(
    errorBody("bad_request", "the request could not be read", [{ path: status === 431 ? "headers" : "request", message: STATUS_CODES[status] ?? "bad request" }]),
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}
