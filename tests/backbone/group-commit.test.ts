import Database from "better-sqlite3";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCallDocument } from "../../api/schema/call-rules.ts";
import type { SaveCircle } from "../../api/store/circle-store.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DURING_WAVE, smallCall, tokenOf } from "../helpers/call-document.ts";

const WAVE = "t-call-w1";
const LOT = "t-call-lot-a";

function connected(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => done(socket));
    socket.once("error", fail);
  });
}

/** The status and JSON body of the one answer on a socket that the server closes after it. */
function readAnswer(socket: Socket): Promise<{ status: number; body: any }> {
  return new Promise((done, fail) => {
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.once("error", fail);
    socket.once("end", () => {
      const [head, ...rest] = text.split("\r\n\r\n");
      done({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head!)![1]), body: JSON.parse(rest.join("\r\n\r\n")) });
    });
  });
}

describe("saves committed in groups", () => {
  let s: TestServer;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    const doc = validateCallDocument(smallCall());
    if (!doc.ok) throw new Error("smallCall is invalid");
    s.store.importCall(doc.value, DURING_WAVE);
    const inv = await s.api("POST", `/api/waves/${WAVE}/invitations`);
    tokens = Object.fromEntries(inv.body.invitations.map((i: any) => [i.organisation, tokenOf(i.link)]));
  });
  afterAll(() => s.stop());

  const draft = (respondent: string, ties: SaveCircle["ties"], extra: Partial<SaveCircle> = {}): SaveCircle => ({
    callId: "t-call", wave: WAVE, lot: LOT, respondent, ties, savedAt: DURING_WAVE.toISOString(), ...extra,
  });

  it("writes saves handed in together in one transaction, and a failing save fails alone", async () => {
    const before = { ...s.store.circles.writes.stats };
    const good = [{ partner: "beta", forms: { information: 3 } }];
    // A score the database refuses (the edge would have refused it too): this save's savepoint is undone.
    const bad = [{ partner: "alpha", forms: { information: 9 } }];
    const outcomes = await Promise.allSettled([
      s.store.circles.save(draft("alpha", good)),
      s.store.circles.save(draft("beta", bad)),
      s.store.circles.save(draft("gamma", good)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint/);
    // One commit held all three.
    expect(s.store.circles.writes.stats.commits - before.commits).toBe(1);
    expect(s.store.circles.writes.stats.writes - before.writes).toBe(3);

    // The partners of the failed save are stored, on disk, with their ties; the failed one left nothing.
    const db = new Database(s.dbPath, { readonly: true });
    const rows = db.prepare("SELECT respondent_id AS r, version FROM circle_versions ORDER BY respondent_id").all();
    expect(rows).toEqual([{ r: "alpha", version: 1 }, { r: "gamma", version: 1 }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM ties").get()).toEqual({ n: 2 });
    db.close();
    expect(s.store.circles.latest(WAVE, "gamma")!.ties).toEqual(good);
  });

  it("answers saves that arrive together over HTTP after one commit, each with its own version", async () => {
    const before = { ...s.store.circles.writes.stats };
    const sockets = await Promise.all(Array.from({ length: 30 }, () => connected(s.url)));
    // Wait until the server has taken every connection (it accepts them over several turns), as with clients that stay connected.
    const accepted = () => new Promise<number>((done) => s.server.getConnections((_e, n) => done(n)));
    while ((await accepted()) < sockets.length) await new Promise((r) => setTimeout(r, 5));
    const answers = sockets.map(readAnswer);
    // Every request is on the wire before the server reads any of them.
    sockets.forEach((socket, n) => {
      const body = JSON.stringify({ ties: [{ partner: "alpha", forms: { information: (n % 4) + 1 } }] });
      socket.write(
        `PUT /api/my/circle HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${tokens.beta}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    const saved = await Promise.all(answers);
    expect(saved.map((a) => a.status)).toEqual(saved.map(() => 200));
    expect(saved.map((a) => a.body.saved.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const stats = s.store.circles.writes.stats;
    expect(stats.writes - before.writes).toBe(30);
    // They arrived in one turn of the event loop (or a few): far fewer commits than saves.
    expect(stats.commits - before.commits).toBeLessThanOrEqual(3);
  });

  it("stores a save arriving together with a refused one over HTTP", async () => {
    // gamma saves from a stale version while epsilon saves normally, in the same turn.
    const [stale, fine] = await Promise.all([
      s.api("PUT", "/api/my/circle", { token: tokens.gamma!, body: { ties: [], basedOn: 0 } }),
      s.api("PUT", "/api/my/circle", { token: tokens.epsilon!, body: { ties: [{ partner: "zeta", forms: { support: 2 } }], basedOn: 0 } }),
    ]);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(fine.status).toBe(200);
    expect(s.store.circles.latest(WAVE, "epsilon")!.ties).toEqual([{ partner: "zeta", forms: { support: 2 } }]);
    expect(s.store.circles.versions(WAVE, "gamma").length).toBe(1);
  });
});

describe("saves carry the version they were based on", () => {
  let s: TestServer;
  let token: string;

  beforeAll(async () => {
    s = await startTestServer({ now: DURING_WAVE });
    expect((await s.api("POST", "/api/calls/import", { body: smallCall() })).status).toBe(201);
    const inv = await s.api("POST", `/api/waves/${WAVE}/invitations`);
    token = tokenOf(inv.body.invitations.find((i: any) => i.organisation === "beta").link);
  });
  afterAll(() => s.stop());

  it("refuses a save based on an older version with 409, writing nothing, and takes one based on the latest", async () => {
    const one = { ties: [{ partner: "alpha", forms: { information: 2 } }] };
    const two = { ties: [{ partner: "gamma", forms: { support: 3 } }] };
    // Two tabs opened on an empty circle; the first saves.
    expect((await s.api("PUT", "/api/my/circle", { token, body: { ...one, basedOn: 0 } })).body.saved.version).toBe(1);
    // The second still thinks it edits version 0: refused, for drafts and submissions alike.
    for (const [method, path] of [["PUT", "/api/my/circle"], ["POST", "/api/my/circle/submit"]] as const) {
      const res = await s.api(method, path, { token, body: { ...two, basedOn: 0 } });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: "stale_version", details: [{ path: "basedOn" }] });
      expect(res.body.error.details[0].message).toMatch(/version 1.*version 0/);
    }
    expect(s.store.circles.versions(WAVE, "beta").length).toBe(1);
    // Based on the latest it goes through; the earlier version stays in the history.
    const kept = await s.api("POST", "/api/my/circle/submit", { token, body: { ...two, basedOn: 1 } });
    expect(kept.status).toBe(201);
    expect(kept.body.saved).toMatchObject({ version: 2, status: "submitted" });
    expect(s.store.circles.version(WAVE, "beta", 1)!.ties).toEqual(one.ties);
    // A version from the future is just as stale.
    expect((await s.api("PUT", "/api/my/circle", { token, body: { ...one, basedOn: 7 } })).status).toBe(409);
    // Without basedOn a save replaces whatever is stored.
    expect((await s.api("PUT", "/api/my/circle", { token, body: one })).body.saved.version).toBe(3);
  });

  it("validates basedOn at the edge", async () => {
    for (const basedOn of [-1, 1.5, "2", null]) {
      const res = await s.api("PUT", "/api/my/circle", { token, body: { ties: [], basedOn } });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe("basedOn");
    }
  });
});
