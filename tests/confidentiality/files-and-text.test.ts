import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallCall } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { backupDatabase } from "../../api/store/backup.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ demo: true });
});
afterAll(() => s.stop());

const mode = (file: string) => statSync(file).mode & 0o777;

describe("files on disk", () => {
  it("creates the database, its WAL and shared-memory files, its folder and backups for the owner only", async () => {
    // The demo import has written through the WAL, so all three files exist.
    for (const suffix of ["", "-wal", "-shm"]) expect(mode(s.dbPath + suffix).toString(8), suffix || "database").toBe("600");
    expect(mode(s.dbPath.replace(/\/[^/]+$/, "")).toString(8)).toBe("700");
    const backup = `${s.dbPath}.backup`;
    await backupDatabase(s.dbPath, backup);
    expect(mode(backup).toString(8)).toBe("600");
  });
});

describe("text that cannot round-trip", () => {
  it("refuses a lone surrogate at import with a 400 naming the path", async () => {
    const doc = smallCall({ id: "surrogate" });
    for (const [where, change] of [
      ["organisations[1].name", (d: any) => (d.organisations[1].name = "Beta \uD800 Fund")],
      ["lots[0].name", (d: any) => (d.lots[0].name = "Lot \uDC00")],
      ["call.description", (d: any) => (d.call.description = "trailing \uD83D")],
    ] as const) {
      const bad = structuredClone(doc);
      change(bad);
      const res = await s.api("POST", "/api/calls/import", { raw: JSON.stringify(bad) });
      expect(res.status, where).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: where, message: expect.stringMatching(/surrogate/) }));
    }
    // A proper pair (an emoji) is text like any other.
    const fine = structuredClone(doc);
    fine.organisations[1]!.name = "Beta Fund \uD83D\uDE00";
    expect((await s.api("POST", "/api/calls/import", { body: fine })).status).toBe(201);
    const back = (await s.api("GET", "/api/calls/surrogate/export?format=json")).body;
    expect(back.organisations[1].name).toBe("Beta Fund \uD83D\uDE00");
  });
});

describe("CSV exports", () => {
  it("quote every text cell and defuse a formula after any separator", async () => {
    const doc = smallCall({ id: "csv" });
    doc.organisations[1]!.name = "Org10;=1+1;x";
    doc.organisations[2]!.name = "Gamma,@SUM(A1)\t-2";
    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const csv = (await s.api("GET", "/api/lots/csv-lot-a/export?format=csv-nodes")).body as string;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]!.startsWith('"id","label","name"')).toBe(true);
    expect(csv).toContain(`"Org10;'=1+1;x"`);
    expect(csv).toContain(`"Gamma,'@SUM(A1)\t'-2"`);
    // Split on ; or , as a spreadsheet might: no piece starts a formula.
    for (const piece of csv.split(/[;,\t\r\n]/)) expect(piece.replace(/^"/, ""), piece).not.toMatch(/^[=+@]|^-[^0-9]/);
  });
});
