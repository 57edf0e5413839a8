import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type Running, type ServerOptions } from "../../api/server.ts";
import { AnswerCheck, type ApiDocument } from "./answer-check.ts";

export const ADMIN = "test-admin-token-0123456789abcdef";

export interface TestServer extends Running {
  dbPath: string;
  /** Logged lines, to check what the server writes (never a token). */
  logs: string[];
  /** Set the server's clock. */
  setNow: (d: Date) => void;
  api: <T = any>(method: string, path: string, opts?: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: T; headers: Headers }>;
  stop: () => Promise<void>;
}

/**
 * A real server on loopback (port 0 unless given) over a real SQLite file in a fresh
 * temporary folder (or `dbPath`, to restart over the same data).
 */
export async function startTestServer(
  opts: { demo?: boolean; now?: Date; dbPath?: string; port?: number } & Pick<ServerOptions, "smtpUrl" | "mailRetry" | "mailPollMs" | "publicUrl" | "sessions" | "oidc" | "accessLogRetentionDays"> = {},
): Promise<TestServer> {
  const dir = opts.dbPath ? undefined : mkdtempSync(join(tmpdir(), "netwerkcirkel-test-"));
  const dbPath = opts.dbPath ?? join(dir!, "test.db");
  let now = opts.now ?? new Date();
  const logs: string[] = [];
  const running = await startServer({
    databasePath: dbPath,
    port: opts.port ?? 0,
    adminToken: ADMIN,
    loadDemo: opts.demo ?? false,
    now: () => now,
    log: (line) => logs.push(line),
    ...(opts.smtpUrl !== undefined && { smtpUrl: opts.smtpUrl }),
    ...(opts.mailRetry !== undefined && { mailRetry: opts.mailRetry }),
    ...(opts.mailPollMs !== undefined && { mailPollMs: opts.mailPollMs }),
    ...(opts.publicUrl !== undefined && { publicUrl: opts.publicUrl }),
    ...(opts.sessions && { sessions: opts.sessions }),
    ...(opts.oidc && { oidc: opts.oidc }),
    ...(opts.accessLogRetentionDays !== undefined && { accessLogRetentionDays: opts.accessLogRetentionDays }),
  });
  let check: AnswerCheck | undefined;
  const answerCheck = async () => (check ??= new AnswerCheck((await (await fetch(`${running.url}/api/openapi.json`)).json()) as ApiDocument));
  const api: TestServer["api"] = async (method, path, o = {}) => {
    const token = o.token === undefined ? ADMIN : o.token;
    const res = await fetch(running.url + path, {
      method,
      headers: {
        ...(token !== null && { authorization: `Bearer ${token}` }),
        ...((o.body !== undefined || o.raw !== undefined) && { "content-type": "application/json" }),
        ...o.headers,
      },
      ...(o.raw !== undefined ? { body: o.raw } : o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    // Every JSON answer must be what the API document says it is.
    if (path.startsWith("/api/") && res.headers.get("content-type")?.startsWith("application/json")) {
      const problems = (await answerCheck()).problems(method, path, res.status, body);
      if (problems.length) throw new Error(`the answer does not match the API document:\n${problems.join("\n")}`);
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    ...running,
    dbPath,
    logs,
    setNow: (d) => (now = d),
    api,
    stop: async () => {
      await running.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
