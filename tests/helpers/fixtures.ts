import { afterAll, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signInStaff } from "./browser.ts";
import { ADMIN, startTestServer, type TestServer } from "./server.ts";

type ServerOptions = Parameters<typeof startTestServer>[0];

/**
 * One test server for a test file (or a describe block): started before its tests,
 * `setup` run on it (imports, invitations), and stopped after them. The object is
 * filled in by the time the tests run.
 */
export function serverFixture(options: ServerOptions, setup?: (server: TestServer) => Promise<void>): { server: TestServer } {
  const fixture = {} as { server: TestServer };
  beforeAll(async () => {
    fixture.server = await startTestServer(options);
    await setup?.(fixture.server);
  });
  afterAll(() => fixture.server?.stop());
  return fixture;
}

/** As `serverFixture`, with one headless browser, closed before the server stops. */
export function serverAndBrowser(
  options: ServerOptions,
  setup?: (server: TestServer) => Promise<void>,
): { server: TestServer; browser: Browser } {
  const fixture = serverFixture(options, setup) as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    fixture.browser = await launchBrowser();
  });
  afterAll(() => fixture.browser?.close());
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
