/**
 * Load benchmark of the API (`npm run bench:api -- [--duration=60] [--respondents=200] [--evaluators=50]
 * [--only=respondents|evaluators] [--profile=<dir>]`, or env BENCH_DURATION seconds). `--profile` writes a
 * CPU profile of the server (`node --cpu-prof`) into the folder when it stops.
 *
 * Starts the real server as a child process over a fresh database, and a bare
 * Express JSON endpoint as the baseline, both on loopback. With autocannon it then
 * runs, one after the other for the same duration: the baseline; respondents, one
 * connection each, saving two drafts and submitting, over and over; and evaluators
 * reading lot figures and the comparison of all lots. Throughput is printed as a
 * ratio of the baseline's, with p50/p99 latency, errors by kind (timeouts apart) and
 * the CPU time the server spent per request, also as a multiple of the baseline's
 * (on a busy machine the steadier figure); then the share of the disk's commit
 * ceiling the saves reached, and whether the throughput goals were met on this
 * run. Afterwards it stops the server and
 * checks that every acknowledged save is in the database; it exits 1 when one is not.
 */
import autocannon, { type Result } from "autocannon";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CallDocumentInput } from "../api/schema/call-document.ts";
import { openDatabase } from "../api/store/database.ts";

const ROOT = resolve(import.meta.dirname, "..");
const LOT_SIZE = 10;

function option(name: string, env: string | undefined, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = Number(arg ? arg.slice(name.length + 3) : (env ?? fallback));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function textOption(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The baseline: Express with its JSON body parser and one endpoint answering a small object. */
async function serveBaseline(): Promise<void> {
  const { default: express } = await import("express");
  const app = express();
  app.use(express.json());
  app.get("/baseline", (_req, res) => {
    res.json({ ok: true, at: Date.now() });
  });
  const server = app.listen(0, "127.0.0.1", () => {
    const address = server.address();
    console.log(`serving http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

/** Spawn a Node process running a TypeScript entry point; resolves with its URL once it says where it serves. */
function spawnServer(args: string[], env: Record<string, string>, nodeFlags: string[] = []): Promise<{ child: ChildProcess; url: string; lastLine: () => string }> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((done, fail) => {
    let seen = "";
    let served = false;
    let tail = "";
    // The request log keeps coming: keep draining the pipe so the server never blocks on it.
    child.stdout!.on("data", (chunk: Buffer) => {
      if (served) {
        tail = (tail + chunk.toString()).slice(-1000);
        return;
      }
      seen += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(seen);
      if (match) {
        served = true;
        done({ child, url: match[1]!, lastLine: () => tail.trim().split("\n").at(-1) ?? "" });
      }
    });
    child.once("exit", (code) => fail(new Error(`${args.join(" ")} exited with ${code} before serving`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    child.once("exit", (code) => done(code));
    child.kill("SIGTERM");
  });
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A call of `respondents` organisations in lots of ten, with one wave open today by the real clock. */
function benchCall(respondents: number): CallDocumentInput {
  const ids = Array.from({ length: respondents }, (_, i) => `org-${String(i + 1).padStart(4, "0")}`);
  const lots = Math.ceil(respondents / LOT_SIZE);
  return {
    format: "netwerkcirkel/v1",
    call: { id: "bench", name: "Benchmark call", start: isoDay(-365), end: isoDay(365) },
    organisations: ids.map((id, i) => ({ id, name: `Fund ${i + 1}`, size: i % 3 ? "small" : "large" })),
    lots: Array.from({ length: lots }, (_, l) => ({
      id: `bench-lot-${l + 1}`,
      number: l + 1,
      name: `Lot ${l + 1}`,
      members: ids.slice(l * LOT_SIZE, (l + 1) * LOT_SIZE).map((organisation, m) => ({
        organisation,
        role: m === 0 ? ("coordinator" as const) : ("partner" as const),
        active: true,
      })),
    })),
    waves: [{ id: "bench-w1", name: "Wave 1", opens: isoDay(-1), closes: isoDay(30) }],
    circles: [],
  };
}

async function call(url: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface Respondent {
  organisation: string;
  token: string;
  /** Circle bodies to alternate between: ties to lot partners with varying scores. */
  bodies: string[];
  acknowledged: number;
}

function respondentsOf(doc: CallDocumentInput, links: Array<{ organisation: string; link: string }>): Respondent[] {
  return links.map(({ organisation, link }) => {
    const lot = doc.lots.find((l) => l.members.some((m) => m.organisation === organisation))!;
    const partners = lot.members.map((m) => m.organisation).filter((o) => o !== organisation);
    const bodies = [1, 2, 3].map((variant) =>
      JSON.stringify({
        ties: partners.slice(0, 3 + variant * 2).map((partner, i) => ({
          partner,
          forms: { information: ((i + variant) % 4) + 1, ...(i % 2 === 0 && { support: ((i * variant) % 4) + 1 }), ...(i % 3 === 0 && { cocreation: 2 }) },
        })),
      }),
    );
    return { organisation, token: link.slice(link.lastIndexOf("/") + 1), bodies, acknowledged: 0 };
  });
}

/** One autocannon run; request errors are tallied by kind, to tell timeouts from refused connections. */
function run(opts: autocannon.Options): Promise<Result & { errorKinds: Record<string, number> }> {
  const errorKinds: Record<string, number> = {};
  return new Promise((done, fail) => {
    const instance = autocannon(opts, (err, result) => (err ? fail(err) : done({ ...result, errorKinds })));
    instance.on("reqError", (err: Error & { code?: string }) => {
      const kind = err.code ?? err.message;
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    });
    process.once("SIGINT", () => instance.stop());
  });
}

/** Respondents: each loop of a connection takes the next respondent, saves two drafts and submits. */
function respondentRun(url: string, respondents: Respondent[], connections: number, duration: number) {
  let next = 0;
  type Ctx = { r?: Respondent };
  // autocannon gives every connection a fresh context at the start of each loop.
  const save = (method: "PUT" | "POST", path: string, variant: number): autocannon.Request => ({
    method,
    path,
    setupRequest: (req, context: Ctx) => {
      context.r ??= respondents[next++ % respondents.length]!;
      const r = context.r;
      return { ...req, headers: { authorization: `Bearer ${r.token}`, "content-type": "application/json" }, body: r.bodies[variant]! };
    },
    onResponse: (status, _body, context: Ctx) => {
      if (status >= 200 && status < 300 && context.r) context.r.acknowledged++;
    },
  });
  return run({
    url,
    connections,
    duration,
    requests: [save("PUT", "/api/my/circle", 0), save("PUT", "/api/my/circle", 1), save("POST", "/api/my/circle/submit", 2)],
  });
}

/** Evaluators' paths: lot figures of every lot in every layer and both missing-data modes, and the comparison. */
function evaluatorPaths(lots: string[]): string[] {
  const layers = ["all", "information", "support", "cocreation"];
  return lots.flatMap((lot, i) => [
    `/api/lots/${lot}/metrics?wave=bench-w1&layer=${layers[i % layers.length]}&missing=${i % 2 ? "reconstruct" : "observed"}`,
    `/api/calls/bench/comparison?wave=bench-w1&layer=${layers[(i + 1) % layers.length]}`,
  ]);
}

/** Every path read once before the run, so that the run measures reading cached figures, not computing them. */
async function warmUp(url: string, token: string, paths: string[]): Promise<void> {
  for (const path of paths) await call(url, token, "GET", path);
}

/** Evaluators reading cached figures, accepting gzip like a browser. */
function evaluatorRun(url: string, token: string, paths: string[], connections: number, duration: number) {
  let next = 0;
  return run({
    url,
    connections,
    duration,
    // As every browser does: the figures are gzipped once, when they are cached.
    headers: { authorization: `Bearer ${token}`, "accept-encoding": "gzip" },
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
}

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is missing. */
function cpuMsOf(child: ChildProcess): number | undefined {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ, the unit of those fields. */
const CLOCK_TICKS = 100;

/**
 * A run, with the server's CPU time during it: on a machine shared with other work,
 * CPU per request says what the server costs when req/s mostly says how busy the machine was.
 */
async function measured<R extends Awaited<ReturnType<typeof run>>>(server: ChildProcess, go: () => Promise<R>): Promise<R & { cpuMs?: number }> {
  const before = cpuMsOf(server);
  const result = await go();
  const after = cpuMsOf(server);
  return before === undefined || after === undefined ? result : { ...result, cpuMs: after - before };
}

/**
 * How long one commit takes on the disk under the database, opened as the server
 * opens it (WAL, synchronous=FULL): every acknowledged save waits for one, which
 * bounds the rate of saves whatever the CPU does.
 */
function commitMs(dir: string): number {
  const db = openDatabase(join(dir, "commit-probe.db"));
  db.exec("CREATE TABLE probe (n INTEGER)");
  const insert = db.prepare("INSERT INTO probe VALUES (?)");
  const started = performance.now();
  for (let i = 0; i < 200; i++) insert.run(i);
  db.close();
  return (performance.now() - started) / 200;
}

async function main(): Promise<void> {
  const duration = option("duration", process.env.BENCH_DURATION, 60);
  const respondentCount = option("respondents", undefined, 200);
  const evaluatorCount = option("evaluators", undefined, 50);
  const dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-bench-"));
  const dbPath = join(dir, "bench.db");
  const admin = randomBytes(32).toString("base64url");
  const children: ChildProcess[] = [];
  try {
    const profile = textOption("profile");
    const app = await spawnServer(["api/main.ts"], {
      DATABASE_PATH: dbPath,
      PORT: "0",
      HOST: "127.0.0.1",
      ADMIN_TOKEN: admin,
      LOAD_DEMO: "false",
      // Every respondent comes from 127.0.0.1 here: raise the per-address limit out of the way.
      RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    }, profile ? ["--cpu-prof", `--cpu-prof-dir=${resolve(profile)}`] : []);
    children.push(app.child);
    const baseline = await spawnServer(["scripts/bench-api.ts", "--baseline-server"], {});
    children.push(baseline.child);

    const doc = benchCall(respondentCount);
    await call(app.url, admin, "POST", "/api/calls/import", doc);
    const invited = await call(app.url, admin, "POST", "/api/waves/bench-w1/invitations");
    const respondents = respondentsOf(doc, invited.invitations);
    const evaluator = (await call(app.url, admin, "POST", "/api/tokens", { name: "benchmark" })).token as string;
    const commit = commitMs(dir);
    console.log(`${respondents.length} respondents in ${doc.lots.length} lots; ${duration} s per run on ${app.url}; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`one commit on this disk: ${commit.toFixed(2)} ms, so at most ${Math.floor(1000 / commit)} acknowledged saves/s\n`);

    const results: Array<[string, Awaited<ReturnType<typeof run>> & { cpuMs?: number }]> = [];
    results.push(["bare Express JSON (baseline)", await measured(baseline.child, () => run({ url: `${baseline.url}/baseline`, connections: respondentCount, duration }))]);
    const only = textOption("only");
    if (only !== "evaluators") {
      results.push([`${respondentCount} respondents: draft, draft, submit`, await measured(app.child, () => respondentRun(app.url, respondents, respondentCount, duration))]);
    }
    const lots = doc.lots.map((l) => l.id);
    if (only !== "respondents") {
      const paths = evaluatorPaths(lots);
      await warmUp(app.url, evaluator, paths);
      results.push([`${evaluatorCount} evaluators: lot figures, comparison`, await measured(app.child, () => evaluatorRun(app.url, evaluator, paths, evaluatorCount, duration))]);
    }

    const base = results[0]![1].requests.average;
    const cpuPerRequest = (r: (typeof results)[number][1]) => (r.cpuMs === undefined ? undefined : (1000 * r.cpuMs) / r.requests.total);
    const baseCpu = cpuPerRequest(results[0]![1]);
    console.log("run".padEnd(44), "req/s".padStart(9), "ratio".padStart(7), "p50 ms".padStart(8), "p99 ms".padStart(8), "non-2xx".padStart(8), "errors".padStart(7), "CPU µs/req".padStart(11), "CPU ×base".padStart(10));
    for (const [name, r] of results) {
      console.log(
        name.padEnd(44),
        r.requests.average.toFixed(0).padStart(9),
        (r.requests.average / base).toFixed(3).padStart(7),
        String(r.latency.p50).padStart(8),
        String(r.latency.p99).padStart(8),
        String(r.non2xx).padStart(8),
        String(r.errors).padStart(7),
        (cpuPerRequest(r)?.toFixed(0) ?? "-").padStart(11),
        (baseCpu === undefined ? "-" : (cpuPerRequest(r)! / baseCpu).toFixed(2)).padStart(10),
        Object.keys(r.errorKinds).length ? JSON.stringify(r.errorKinds) : "",
      );
    }

    const saves = results.find(([name]) => name.includes("respondents"))?.[1];
    const reads = results.find(([name]) => name.includes("evaluators"))?.[1];
    if (saves) {
      const ceiling = 1000 / commit;
      console.log(
        `\nsaves reached ${saves.requests.average.toFixed(0)}/s: ${((100 * saves.requests.average) / ceiling).toFixed(0)}% of the ceiling of ${Math.floor(ceiling)}/s that one commit per save would allow`,
      );
    }
    // The goals of the throughput issue, judged on this run.
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    if (saves) {
      const ratio = saves.requests.average / base;
      const timeouts = saves.errorKinds["request timed out"] ?? 0;
      console.log(
        `goal, saves: ${ratio.toFixed(2)}x of bare Express (0.5x or better), p99 ${saves.latency.p99} ms (under 100 ms), ` +
          `${timeouts} client timeouts and ${saves.errors} errors in all (none): ${verdict(ratio >= 0.5 && saves.latency.p99 < 100 && saves.errors === 0)}`,
      );
    }
    if (reads) {
      const ratio = reads.requests.average / base;
      console.log(`goal, cached figure reads: ${ratio.toFixed(2)}x of bare Express (0.7x or better): ${verdict(ratio >= 0.7 && reads.errors === 0)}`);
    }
    console.log(`load average after the runs: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);

    const exit = await stop(app.child);
    children.splice(children.indexOf(app.child), 1);
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const stored = new Map(
      db
        .prepare<[], { respondent: string; n: number }>("SELECT respondent_id AS respondent, COUNT(*) AS n FROM circle_versions GROUP BY respondent_id")
        .all()
        .map((r) => [r.respondent, r.n]),
    );
    const integrity = db.pragma("integrity_check", { simple: true });
    db.close();
    const acknowledged = respondents.reduce((n, r) => n + r.acknowledged, 0);
    const lost = respondents.filter((r) => (stored.get(r.organisation) ?? 0) < r.acknowledged);
    const storedTotal = [...stored.values()].reduce((a, b) => a + b, 0);
    console.log(`\nserver stopped with exit code ${exit}; integrity_check: ${integrity}`);
    console.log(`the server's last word: ${app.lastLine()}`);
    console.log(`acknowledged saves: ${acknowledged}; versions stored: ${storedTotal} (${storedTotal - acknowledged} answered after the run ended)`);
    if (lost.length || integrity !== "ok") {
      console.log(`LOST: ${lost.map((r) => `${r.organisation} acknowledged ${r.acknowledged}, stored ${stored.get(r.organisation) ?? 0}`).join("; ")}`);
      process.exitCode = 1;
    } else {
      console.log("every acknowledged save is in the database");
    }
  } finally {
    await Promise.all(children.map(stop));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--baseline-server")) await serveBaseline();
else await main();
