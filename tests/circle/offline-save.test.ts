import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../helpers/browser.ts";
import { DURING_WAVE, inviteAll } from "../helpers/call-document.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { WAVE, drawnPlacements, loaded, mouseDrag, openPage, place, placedChip, waitForStatus } from "./circle-page.ts";

/** A port nobody listens on now, so the server can come back at the same address. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let dir: string;
let dbPath: string;
let port: number;
let server: TestServer | null = null;
let browser: Browser;
let link: string;

const start = async () => (server = await startTestServer({ dbPath, port, now: DURING_WAVE }));
const stop = async () => {
  await server!.stop();
  server = null;
};
const storedTies = async () => (await server!.api("GET", `/api/waves/${WAVE}/circles/alpha`)).body.current?.ties;
const pendingIn = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("netwerkcirkel.pendingCircle.")).length);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-offline-"));
  dbPath = join(dir, "circle.db");
  port = await freePort();
  await start();
  link = (await inviteAll(server!)).get("alpha")!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("saving while the server is away", () => {
  it("keeps a change made while the server is down and delivers it once the server is back", async () => {
    const page = await openPage(browser, link);
    await place(page, "beta", "support", 2);
    await waitForStatus(page, "saved");
    expect(await storedTies()).toEqual([{ partner: "beta", forms: { support: 2 } }]);

    await stop();
    await place(page, "gamma", "cocreation", 4);
    await waitForStatus(page, "offline");
    expect(await page.locator("#save-status").textContent()).toBe("Offline – nieuwe poging volgt");
    expect(await pendingIn(page)).toBe(1);

    await start();
    await waitForStatus(page, "saved", 20_000);
    expect(await storedTies()).toEqual([
      { partner: "beta", forms: { support: 2 } },
      { partner: "gamma", forms: { cocreation: 4 } },
    ]);
    expect(await pendingIn(page)).toBe(0);

    // Down again: a change, then the tab is closed before the server returns.
    await stop();
    await mouseDrag(page, placedChip(page, "beta", "support"), { x: 5, y: 790 });
    await waitForStatus(page, "offline");
    const context = page.context();
    await page.close();
    await start();
    expect((await storedTies()).map((t: { partner: string }) => t.partner)).toEqual(["beta", "gamma"]);

    // Reopened: the browser's pending change is newer than the server's version, so it wins and is sent.
    const again = await context.newPage();
    await again.goto(link);
    await loaded(again);
    await waitForStatus(again, "saved");
    expect(await drawnPlacements(again)).toEqual(["gamma:cocreation:4"]);
    expect(await storedTies()).toEqual([{ partner: "gamma", forms: { cocreation: 4 } }]);
    expect(await pendingIn(again)).toBe(0);
    await context.close();
  });
});
