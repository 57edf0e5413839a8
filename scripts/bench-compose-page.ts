/**
 * How fast /compose becomes usable over a long history (`npm run bench:compose-page --
 * [--runs=3] [--calls=50] [--organisations=5000]`). Serves the built pages (`npm run
 * build` first) over two stores in one process: the demo call as the baseline, and a
 * long history written straight through the store's import. In headless Chromium it
 * measures per store the time from navigation until the page is interactive (the
 * figures of the lots on screen and the pool's first page listed) and the bytes
 * transferred, all of them and the API's answers alone, then the time a pool search
 * takes to show an organisation far down the list. Prints medians and the ratios to
 * the baseline, and what a list of every organisation would have weighed.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { Browser } from "playwright-core";
import { startServer, type Running } from "../api/server.ts";
import { launchBrowser, signInStaff } from "../tests/helpers/browser.ts";
import { fillLongHistory, longHistoryOrganisation } from "../tests/helpers/long-history.ts";

const TOKEN = "bench-admin-token-0123456789abcdef";
const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const RUNS = option("runs", 3);
const CALLS = option("calls", 50);
const ORGANISATIONS = option("organisations", 5000);

interface Load {
  ms: number;
  bytes: number;
  apiBytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;

/** One cold load of /compose in a fresh browser context (no cache): until interactive, and what came over the wire. */
async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInStaff(context, url, TOKEN);
  await context.addInitScript(() => localStorage.setItem("netwerkcirkel.language", "nl"));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map<string, string>();
  let bytes = 0;
  let apiBytes = 0;
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    if (new URL(urls.get(e.requestId) ?? url).pathname.startsWith("/api/")) apiBytes += e.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(`${url}/compose`);
  await page.waitForSelector("main[data-check=fresh][data-pool=ready]", { timeout: 120_000 });
  const ms = performance.now() - started;
  await context.close();
  return { ms, bytes, apiBytes };
}

/** From a loaded page, the time from typing a name into the pool's search until that organisation is listed. */
async function searchOnce(browser: Browser, url: string, name: string, id: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signInStaff(context, url, TOKEN);
  const page = await context.newPage();
  await page.goto(`${url}/compose`);
  await page.waitForSelector("main[data-check=fresh][data-pool=ready]", { timeout: 120_000 });
  const started = performance.now();
  await page.locator("#pool-search").fill(name);
  await page.waitForSelector(`.pool .chip[data-org="${id}"]`, { timeout: 60_000 });
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

/** What one answer listing every organisation would weigh: the sum of the pages of the largest size. */
async function everyOrganisationBytes(url: string): Promise<number> {
  let bytes = 0;
  for (let offset = 0; ; offset += 200) {
    const res = await fetch(`${url}/api/composition/organisations?limit=200&offset=${offset}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    const { total } = JSON.parse(text) as { total: number };
    if (offset + 200 >= total) return bytes;
  }
}

if (!existsSync(resolve(import.meta.dirname, "../dist/viz/compose.html"))) {
  console.error("no built pages in dist/viz: run `npm run build` first");
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "netwerkcirkel-bench-compose-"));
const servers: Running[] = [];
const browser = await launchBrowser();
try {
  const serve = async (name: string, demo: boolean) => {
    const running = await startServer({ databasePath: join(dir, `${name}.db`), port: 0, adminToken: TOKEN, loadDemo: demo, log: () => undefined });
    servers.push(running);
    return running;
  };
  const demo = await serve("demo", true);
  const long = await serve("long", false);
  const filling = performance.now();
  fillLongHistory(long.store, CALLS, ORGANISATIONS, new Date());
  console.log(`long history: ${CALLS} calls, ${ORGANISATIONS} organisations written in ${((performance.now() - filling) / 1000).toFixed(1)} s`);

  const stores = [
    { name: "demo call (baseline)", url: demo.url },
    { name: `${CALLS} calls / ${ORGANISATIONS} organisations`, url: long.url },
  ];
  // One load each to warm the servers' statements and the browser; not counted.
  for (const s of stores) await loadOnce(browser, s.url);
  const results = [];
  for (const s of stores) {
    const loads: Load[] = [];
    for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, s.url));
    results.push({ ...s, ms: median(loads.map((l) => l.ms)), bytes: median(loads.map((l) => l.bytes)), apiBytes: median(loads.map((l) => l.apiBytes)) });
  }
  const [base] = results;
  console.log(`\n/compose, cold load until interactive (median of ${RUNS}):`);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(36)} ${r.ms.toFixed(0).padStart(6)} ms (${(r.ms / base!.ms).toFixed(2)}× baseline)  ` +
        `transferred ${kb(r.bytes).padStart(7)} (${(r.bytes / base!.bytes).toFixed(2)}×), of which API ${kb(r.apiBytes).padStart(6)} (${(r.apiBytes / base!.apiBytes).toFixed(2)}×)`,
    );
  }
  const far = [...Array(ORGANISATIONS).keys()].map(longHistoryOrganisation).sort((a, b) => b.name.toLowerCase().localeCompare(a.name.toLowerCase()))[0]!;
  const searches: number[] = [];
  for (let i = 0; i < RUNS; i++) searches.push(await searchOnce(browser, long.url, far.name, far.id));
  console.log(`  pool search for the organisation last by name: ${median(searches).toFixed(0)} ms (median of ${RUNS})`);
  console.log(`  a list of every organisation would weigh ${kb(await everyOrganisationBytes(long.url))} uncompressed; the page never asks for it`);
} finally {
  await browser.close();
  for (const s of servers) await s.close();
  rmSync(dir, { recursive: true, force: true });
}
