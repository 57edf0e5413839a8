import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInStaff } from "./browser.ts";
import { ADMIN, startTestServer, type TestServer } from "./server.ts";

type ServerOptions = Parameters<typeof startTestServer>[0];

/**
 * One test server and one headless browser for a test file: started before its tests
 * (`setup` runs on the server first: imports, invitations), stopped after them. The
 * object is filled in by the time the tests run.
 */
export function serverAndBrowser(
  options: ServerOptions,
  setup?: (server: TestServer) => Promise<void>,
): { server: TestServer; browser: Browser } {
  const fixture = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    fixture.server = await startTestServer(options);
    await setup?.(fixture.server);
    fixture.browser = await launchBrowser();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}

/** As `serverAndBrowser`, with one page of a Dutch-speaking browser signed in as staff (the admin token). */
export function serverAndStaffPage(
  options: ServerOptions,
  setup?: (server: TestServer) => Promise<void>,
  viewport = { width: 1280, height: 800 },
): { server: TestServer; browser: Browser; page: Page } {
  const fixture = serverAndBrowser(options, setup) as { server: TestServer; browser: Browser; page: Page };
  beforeAll(async () => {
    const context = await fixture.browser.newContext({ locale: "nl-BE", viewport });
    await signInStaff(context, fixture.server.url, ADMIN);
    fixture.page = await context.newPage();
  });
  return fixture;
}
