import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { validateCallDocument } from "./schema/call-rules.ts";
import { MetricsService } from "./metrics/metrics-service.ts";
import { Store } from "./store/store.ts";
import { createApp } from "./http/app.ts";
import type { Context } from "./http/context.ts";

export const DEMO_CALL = resolve(import.meta.dirname, "../data/demo/call.json");

export interface ServerOptions {
  databasePath: string;
  port: number;
  host?: string;
  adminToken?: string;
  publicUrl?: string;
  /** Load the demo call when the database holds no call yet. */
  loadDemo?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface Running {
  server: Server;
  store: Store;
  metrics: MetricsService;
  url: string;
  /** The admin token when it was generated at this start (first start without ADMIN_TOKEN); shown once. */
  generatedAdminToken?: string;
  close: () => Promise<void>;
}

/** Open the database, make sure an admin can sign in, load the demo if empty, and listen. */
export async function startServer(opts: ServerOptions): Promise<Running> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const now = opts.now ?? (() => new Date());
  const store = Store.open(opts.databasePath);

  let generatedAdminToken: string | undefined;
  if (opts.adminToken) {
    if (!store.tokens.verify(opts.adminToken)) store.tokens.create({ role: "admin", name: "ADMIN_TOKEN" }, now(), opts.adminToken);
  } else if (!store.tokens.hasAdmin()) {
    generatedAdminToken = store.tokens.create({ role: "admin", name: "first start" }, now()).token;
  }

  if (opts.loadDemo && store.calls.calls().length === 0) {
    const demo = validateCallDocument(JSON.parse(readFileSync(DEMO_CALL, "utf8")));
    if (!demo.ok) throw new Error(`the demo call is invalid: ${JSON.stringify(demo.problems)}`);
    store.importCall(demo.value, now());
  }

  const metrics = new MetricsService(store);
  const ctx: Context = { store, metrics, now, log, ...(opts.publicUrl !== undefined && { publicUrl: opts.publicUrl }) };
  const app = createApp(ctx);
  const server = await new Promise<Server>((done, fail) => {
    const s = app.listen(opts.port, opts.host ?? "127.0.0.1", () => done(s));
    s.once("error", fail);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  const url = `http://${opts.host && opts.host !== "0.0.0.0" ? opts.host : "127.0.0.1"}:${port}`;

  const close = () =>
    new Promise<void>((done) => {
      // Finish requests in flight, then close the database.
      server.close(() => {
        store.close();
        done();
      });
      server.closeIdleConnections();
    });
  return { server, store, metrics, url, close, ...(generatedAdminToken !== undefined && { generatedAdminToken }) };
}
