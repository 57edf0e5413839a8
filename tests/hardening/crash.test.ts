import Database from "better-sqlite3";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallDocumentInput } from "../../api/schema/call-document.ts";
import { Store } from "../../api/store/store.ts";
import { ADMIN } from "../helpers/server.ts";
import { smallCall } from "../helpers/call-document.ts";
import { inviteAll, isoDay, startChildServer, type ChildServer } from "./child-server.ts";

/** A call whose one wave is open today by the real clock. */
const openCall = () => smallCall({ id: "crash", opens: isoDay(-1), closes: isoDay(1) });

const PARTNERS: Record<string, string[]> = {
  alpha: ["beta", "gamma"],
  beta: ["alpha", "gamma", "ext"],
  gamma: ["alpha", "beta"],
  epsilon: ["zeta"],
  zeta: ["epsilon", "alpha"],
};

/** Connections per respondent saving at the same time. */
const STREAMS = 6;

const circleOf = (respondent: string, n: number) => ({
  ties: PARTNERS[respondent]!.map((partner, i) => ({ partner, forms: { information: ((n + i) % 4) + 1, support: ((n * 3 + i) % 4) + 1 } })),
});

describe("crash safety of the real process", { timeout: 120_000 }, () => {
  let dir: string;
  let running: ChildServer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-crash-"));
    running = [];
  });
  afterEach(() => {
    for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (dbPath: string) => {
    const s = await startChildServer(dbPath);
    running.push(s);
    return s;
  };

  it("keeps every acknowledged save through a SIGKILL mid-stream, with an intact database", async () => {
    const dbPath = join(dir, "crash.db");
    const first = await start(dbPath);
    expect((await first.api("POST", "/api/calls/import", { body: openCall() })).status).toBe(201);
    const tokens = await inviteAll(first, "crash-w1");
    expect([...tokens.keys()].sort()).toEqual(Object.keys(PARTNERS).sort());

    // Every respondent saves drafts and submissions back to back on several connections at
    // once until the process dies, so that saves share group commits.
    const acknowledged: Array<{ respondent: string; version: number; status: string; ties: unknown }> = [];
    let refused = 0;
    const stream = async (respondent: string, lane: number) => {
      for (let n = lane; ; n += STREAMS) {
        const submit = n % 3 === 2;
        const body = circleOf(respondent, n);
        try {
          const res = await first.api(submit ? "POST" : "PUT", submit ? "/api/my/circle/submit" : "/api/my/circle", { token: tokens.get(respondent)!, body });
          if (res.status >= 300) refused++;
          else acknowledged.push({ respondent, version: res.body.saved.version, status: res.body.saved.status, ties: body.ties });
        } catch {
          return; // the connection died with the process: that save was never acknowledged
        }
      }
    };
    const streams = [...tokens.keys()].flatMap((respondent) => Array.from({ length: STREAMS }, (_, lane) => stream(respondent, lane)));
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 5));
    first.child.kill("SIGKILL");
    await Promise.all(streams);
    expect(await first.exited).toBeNull();
    expect(refused).toBe(0);

    const second = await start(dbPath);
    for (const [respondent, token] of tokens) {
      const mine = acknowledged.filter((a) => a.respondent === respondent);
      const { body } = await second.api("GET", "/api/my/circle", { token });
      const stored = new Map((body.versions as Array<{ version: number; status: string }>).map((v) => [v.version, v.status]));
      for (const a of mine) expect(stored.get(a.version), `${respondent} version ${a.version}`).toBe(a.status);
      // Versions are numbered without gaps: nothing half-written survived in between.
      expect([...stored.keys()]).toEqual(stored.size ? Array.from({ length: stored.size }, (_, i) => i + 1) : []);
    }
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    // The process's own log (stdout) saw every request, and no token.
    const output = first.output.join("") + second.output.join("");
    expect(output).toMatch(/POST \/api\/my\/circle\/submit 201 /);
    for (const token of [...tokens.values(), ADMIN]) expect(output.includes(token)).toBe(false);

    // Every acknowledged version holds exactly the ties that were sent.
    const store = Store.open(dbPath);
    for (const a of acknowledged) expect(store.circles.version("crash-w1", a.respondent, a.version)!.ties, `${a.respondent} version ${a.version}`).toEqual(a.ties);
    store.close();
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    // Every stored version has its ties: no version was committed without them.
    expect(db.prepare("SELECT COUNT(*) AS n FROM circle_versions v WHERE NOT EXISTS (SELECT 1 FROM ties t WHERE t.version_id = v.id)").get()).toEqual({ n: 0 });
    db.close();
  });

  it("answers a request in flight on SIGTERM, then exits 0 with the write committed", async () => {
    const dbPath = join(dir, "term.db");
    const server = await start(dbPath);
    const raw = JSON.stringify(largeCall());
    expect(raw.length).toBeGreaterThan(2_000_000);

    const req = request(`${server.url}/api/calls/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json", "content-length": Buffer.byteLength(raw) },
    });
    const answer = new Promise<{ status: number; connection: string | undefined; body: any }>((done, fail) => {
      req.on("response", (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => done({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
      });
      req.on("error", fail);
    });
    // Half the document is sent when the server is told to stop; the rest only once it has begun stopping.
    const half = Math.floor(raw.length / 2);
    req.write(raw.slice(0, half));
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill("SIGTERM");
    while (!server.output.join("").includes("SIGTERM: finishing requests in flight")) await new Promise((r) => setTimeout(r, 20));
    req.end(raw.slice(half));
    const res = await answer;
    expect(res.status).toBe(201);
    expect(res.body.call.id).toBe("large");
    // The answer closes its connection, so no idle keep-alive connection holds the stop up.
    expect(res.connection).toBe("close");
    expect(await server.exited).toBe(0);

    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM circle_versions").get()).toEqual({ n: 2 * 1000 });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});

/** A call document of a few megabytes: 1000 organisations in 100 lots, two waves of circles. */
function largeCall(): CallDocumentInput {
  const ids = Array.from({ length: 1000 }, (_, i) => `organisation-with-a-long-id-${String(i).padStart(4, "0")}`);
  const lotOf = (i: number) => Math.floor(i / 10);
  const waves = ["large-w1", "large-w2"];
  return {
    format: "netwerkcirkel/v1",
    call: { id: "large", name: "Large call", start: "2024-01-01", end: "2026-12-31" },
    organisations: ids.map((id, i) => ({ id, name: `Organisation ${i} with a name of some length`, sector: `Sector ${i % 40}` })),
    lots: Array.from({ length: 100 }, (_, l) => ({
      id: `large-lot-${l}`,
      number: l + 1,
      name: `Lot ${l + 1}`,
      members: ids.slice(l * 10, l * 10 + 10).map((organisation, m) => ({ organisation, role: m ? "partner" : "coordinator" })),
    })),
    waves: waves.map((id, w) => ({ id, name: `Wave ${w + 1}`, opens: `202${4 + w}-02-01`, closes: `202${4 + w}-03-01` })),
    circles: waves.flatMap((wave) =>
      ids.map((respondent, i) => ({
        wave,
        lot: `large-lot-${lotOf(i)}`,
        respondent,
        submittedAt: "2024-02-15T12:00:00Z",
        ties: ids
          .slice(lotOf(i) * 10, lotOf(i) * 10 + 10)
          .filter((p) => p !== respondent)
          .map((partner, k) => ({ partner, forms: { information: (k % 4) + 1, support: ((k + i) % 4) + 1, cocreation: ((k * i) % 4) + 1 } })),
      })),
    ),
  };
}
