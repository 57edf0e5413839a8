import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DC, DC_NOW, desiredCall, submitDesiredCall } from "./desired-call.ts";

/** Every key anywhere in a JSON value. */
const keysOf = (v: unknown): string[] =>
  v !== null && typeof v === "object" ? Object.entries(v).flatMap(([k, x]) => [...(Array.isArray(v) ? [] : [k]), ...keysOf(x)]) : [];

describe("the feedback report of a wave that asks the desired situation and the channels", () => {
  let asking: TestServer;
  let plain: TestServer;
  const respondents = desiredCall().lots.flatMap((l) => l.members.map((m) => m.organisation));

  beforeAll(async () => {
    // The same circles twice: with every answer, and in a wave that asks nothing (forms only).
    [asking, plain] = await Promise.all([startTestServer({ now: DC_NOW }), startTestServer({ now: DC_NOW })]);
    await submitDesiredCall(asking);
    await submitDesiredCall(plain, {});
  });
  afterAll(async () => Promise.all([asking?.stop(), plain?.stop()]));

  it("carries no desired or channel data, not even the reader's own", async () => {
    for (const org of respondents) {
      const report = (await asking.api("GET", `/api/reports/${DC.wave}/${org}`)).body;
      const text = JSON.stringify(report);
      expect(keysOf(report).filter((k) => /desired|channel|wish/i.test(k)), org).toEqual([]);
      for (const channel of ["steering-group", "learning-network", "email", "phone", "chance-meeting"]) expect(text, org).not.toContain(`"${channel}"`);
    }
    // Berk wished a collaboration with Duin that does not exist: the report's circle leaves it out.
    const berk = (await asking.api("GET", `/api/reports/${DC.wave}/berk`)).body;
    expect(berk.circle.ties.map((t: { partner: string }) => t.partner)).toEqual(["anker", "xenia"]);
  });

  it("is the report the same circles give in a wave that asks nothing", async () => {
    for (const org of respondents) {
      const a = (await asking.api("GET", `/api/reports/${DC.wave}/${org}`)).body;
      const b = (await plain.api("GET", `/api/reports/${DC.wave}/${org}`)).body;
      expect(a, org).toEqual(b);
    }
  });
});
