import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const ADMIN = "a".repeat(40);
const dir = mkdtempSync(join(tmpdir(), "prof-"));
const out = openSync("/tmp/server-log.txt", "w");
const child = spawn(process.execPath, ["--import", "tsx", "api/main.ts"], { env: { ...process.env, DATABASE_PATH: join(dir, "x.db"), PORT: "3999", ADMIN_TOKEN: ADMIN, LOAD_DEMO: "false", RATE_LIMIT_PER_MINUTE: "1000000000" }, stdio: ["ignore", out, "inherit"] });
const url = "http://127.0.0.1:3999";
for (;;) { try { await fetch(url + "/api/health"); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
const day = (o: number) => new Date(Date.now() + o * 864e5).toISOString().slice(0, 10);
const ids = Array.from({ length: 200 }, (_, i) => `org-${i}`);
const doc = { format: "netwerkcirkel/v1", call: { id: "b", name: "B", start: day(-300), end: day(300) }, organisations: ids.map((id) => ({ id, name: id })),
  lots: Array.from({ length: 20 }, (_, l) => ({ id: `lot-${l}`, number: l + 1, name: `L${l}`, members: ids.slice(l * 10, l * 10 + 10).map((organisation, m) => ({ organisation, role: m ? "partner" : "coordinator" })) })),
  waves: [{ id: "w", name: "W", opens: day(-1), closes: day(10) }], circles: [] };
const h = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
await fetch(url + "/api/calls/import", { method: "POST", headers: h, body: JSON.stringify(doc) });
const inv = await (await fetch(url + "/api/waves/w/invitations", { method: "POST", headers: h })).json();
const tokens = inv.invitations.map((i: any) => ({ org: i.organisation, token: i.link.split("/").pop() }));
let n = 0;
const body = (org: string) => { const l = Math.floor(Number(org.slice(4)) / 10); return JSON.stringify({ ties: ids.slice(l * 10, l * 10 + 10).filter((o) => o !== org).slice(0, 5).map((partner) => ({ partner, forms: { information: 2, support: 3 } })) }); };
const inst = autocannon({ url, connections: 200, duration: 12, requests: [{ method: process.env.M ?? "PUT", path: process.env.P ?? "/api/my/circle", setupRequest: (req: any) => { const t = tokens[n++ % tokens.length]; return { ...req, headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" }, body: body(t.org) }; } }] });
const t0 = Date.now(); const errs: number[] = [];
inst.on("reqError", () => errs.push(Date.now() - t0));
const r = await inst;
console.log(r.requests.average, r.latency.p50, r.latency.p99, r.errors, "timeouts at s:", errs.map((e) => Math.round(e / 1000)).join(","));
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
