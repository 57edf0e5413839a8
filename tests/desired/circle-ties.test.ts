import { describe, expect, it } from "vitest";
import { tiesWith, withoutDesired } from "../../viz/circle/circle-ties.ts";

describe("the ties the circle page saves with the desired situation and the channels", () => {
  const current = [
    { partner: "alpha", forms: { support: 3 } },
    { partner: "ext", forms: { information: 1 } },
  ];
  const order = ["alpha", "gamma", "ext", "zeta"];

  it("adds wished partners in the list's order, keeps 'no collaboration wanted' and channels for current ties only", () => {
    const ties = tiesWith(current, {
      desired: new Map([["zeta", { cocreation: 2 }], ["gamma", {}], ["alpha", {}], ["ext", { information: 3 }]]),
      channels: new Map([["alpha", ["email", "steering-group"] as const], ["zeta", ["phone"] as const], ["ext", []]]),
    }, order);
    expect(ties).toEqual([
      { partner: "alpha", forms: { support: 3 }, desired: {}, channels: ["steering-group", "email"] },
      { partner: "ext", forms: { information: 1 }, desired: { information: 3 } },
      { partner: "zeta", forms: {}, desired: { cocreation: 2 } },
    ]);
    expect(withoutDesired(ties)).toEqual([]);
  });

  it("leaves the current circle as it is when the wave asks neither, and names who lacks a desired place", () => {
    expect(tiesWith(current, {}, order)).toEqual(current);
    expect(withoutDesired(tiesWith(current, { desired: new Map([["ext", { support: 1 }]]) }, order))).toEqual(["alpha"]);
  });
});
