import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { ADMIN } from "../helpers/server.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** `npm start` as a real child process, with the real clock, over a given database file. */
export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  api: <T = any>(method: string, path: string, opts?: { token?: string; body?: unknown }) => Promise<{ status: number; body: T }>;
}

export async function startChildServer(dbPath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "api/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN: ADMIN, LOAD_DEMO: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /serving (http:\/\/\S+)/.exec(output.join(""));
      if (match) done(match[1]!);
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    void exited.then((code) => fail(new Error(`the server exited with ${code} before serving:\n${output.join("")}`)));
  });
  const api: ChildServer["api"] = async (method, path, o = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${o.token ?? ADMIN}`, "content-type": "application/json" },
      ...(o.body !== undefined && { body: JSON.stringify(o.body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { child, url, output, exited, api };
}

/** An ISO day `offset` days from today by the real clock, which a child process uses. */
export const isoDay = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The invitation tokens of a wave, by organisation. */
export async function inviteAll(server: Pick<ChildServer, "api">, waveId: string): Promise<Map<string, string>> {
  const res = await server.api("POST", `/api/waves/${waveId}/invitations`);
  if (res.status !== 201) throw new Error(`invitations: ${res.status} ${JSON.stringify(res.body)}`);
  return new Map(
    (res.body.invitations as Array<{ organisation: string; link: string }>).map((i) => [i.organisation, i.link.slice(i.link.lastIndexOf("/") + 1)]),
  );
}
