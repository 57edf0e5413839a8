import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Sort every array of the document so that two documents compare whatever their order. */
function canonical(doc: any): any {
  if (Array.isArray(doc)) return doc.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (doc && typeof doc === "object") return Object.fromEntries(Object.keys(doc).sort().map((k) => [k, canonical(doc[k])]));
  return doc;
}

const NEW_CALL = { id: "cc-2026", name: "Competentiechecks 2026", start: "2026-01-01", end: "2027-12-31" };

describe("saved proposals and starting a call", () => {
  let s: TestServer;
  let current: any;

  beforeAll(async () => {
    s = await startTestServer({ demo: true });
    current = (await s.api("GET", "/api/composition/latest-call")).body.latestCall.proposal;
  });
  afterAll(() => s.stop());

  it("starts from the current lots of the demo call", () => {
    expect(current.lots).toHaveLength(5);
    expect(current.lots[4]).toEqual({ name: "Overige sectoren (retail, horeca)", coordinator: "unizo", members: ["unizo", "horeca-vlaanderen", "pmo"] });
    // Inactive members (fonds-320, vorm-dc) are not part of the current lots.
    expect(current.lots[3].members).toEqual(["vivo", "diverscity"]);
  });

  it("saves, lists, reopens, renames and deletes a proposal", async () => {
    const created = await s.api("POST", "/api/composition/proposals", { body: { name: "Vijf loten", lots: current.lots } });
    expect(created.status).toBe(201);
    const id = created.body.proposal.id;
    expect(created.body.proposal).toMatchObject({ name: "Vijf loten", lots: current.lots });

    const list = await s.api("GET", "/api/composition/proposals");
    expect(list.body.proposals.map((p: any) => [p.id, p.name])).toEqual([[id, "Vijf loten"]]);

    const renamed = await s.api("PUT", `/api/composition/proposals/${id}`, { body: { name: "Vier loten", lots: current.lots.slice(0, 4) } });
    expect(renamed.status).toBe(200);
    const reopened = await s.api("GET", `/api/composition/proposals/${id}`);
    expect(reopened.body.proposal).toMatchObject({ id, name: "Vier loten", lots: current.lots.slice(0, 4) });
    expect(reopened.body.proposal.createdAt).toBe(created.body.proposal.createdAt);

    expect((await s.api("DELETE", `/api/composition/proposals/${id}`)).body).toEqual({ deleted: id });
    expect((await s.api("GET", `/api/composition/proposals/${id}`)).status).toBe(404);
    expect((await s.api("PUT", `/api/composition/proposals/${id}`, { body: { name: "x", lots: current.lots } })).status).toBe(404);
    expect((await s.api("DELETE", `/api/composition/proposals/${id}`)).status).toBe(404);
  });

  it("refuses a proposal without a name or lots", async () => {
    const res = await s.api("POST", "/api/composition/proposals", { body: { name: " ", lots: [] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(["body.name", "body.lots"]);
  });

  it("turns a proposal into a call skeleton that the import accepts and the export gives back", async () => {
    // A new lot 6 takes PMO and Horeca Vlaanderen out of lot 5; Horeca Vlaanderen coordinates it.
    const lots = structuredClone(current.lots);
    lots[4].members = ["unizo"];
    lots.push({ name: "Retail en horeca", coordinator: "horeca-vlaanderen", members: ["pmo", "horeca-vlaanderen"] });
    const skeleton = await s.api("POST", "/api/composition/skeleton", { body: { call: NEW_CALL, proposal: { name: "Zes loten", lots } } });
    expect(skeleton.status).toBe(200);
    const doc = skeleton.body;
    expect(doc.waves).toEqual([]);
    expect(doc.circles).toEqual([]);
    expect(doc.lots[5]).toEqual({
      id: "cc-2026-lot-6",
      number: 6,
      name: "Retail en horeca",
      members: [
        { organisation: "pmo", role: "partner", active: true },
        { organisation: "horeca-vlaanderen", role: "coordinator", active: true },
      ],
    });
    // The external partner comes along; funds left out of every lot (the inactive ones) do not.
    const ids = doc.organisations.map((o: any) => o.id);
    expect(ids).toContain("europa-wse");
    expect(ids).not.toContain("fonds-320");
    expect(doc.organisations.find((o: any) => o.id === "woodwize")).toEqual({ id: "woodwize", name: "Woodwize", sector: "Hout", size: "small", kind: "sector-fund" });

    expect((await s.api("POST", "/api/calls/import", { body: doc })).status).toBe(201);
    const exported = await s.api("GET", "/api/calls/cc-2026/export?format=json");
    expect(canonical(exported.body)).toEqual(canonical(doc));
    // The next call is the latest now: the page starts from its lots.
    const next = (await s.api("GET", "/api/composition/latest-call")).body.latestCall;
    expect(next.id).toBe("cc-2026");
    expect(next.proposal.lots).toHaveLength(6);
  });

  it("refuses a skeleton of a proposal that breaks a rule, or of a call that ends before it starts", async () => {
    const broken = await s.api("POST", "/api/composition/skeleton", {
      body: { call: NEW_CALL, proposal: { name: "P", lots: [{ name: "L", coordinator: "vivo", members: ["unizo"] }] } },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details).toEqual([{ path: "body.proposal.lots[0].coordinator", message: 'coordinator "vivo" is not a member of this lot' }]);
    const backwards = await s.api("POST", "/api/composition/skeleton", {
      body: { call: { ...NEW_CALL, id: "cc-2028", end: "2025-12-31" }, proposal: current },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: "body.call.end", message: "must not be before call.start" }]);
  });
});
