import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Debian's headless Chromium, driven by playwright-core; no network beyond loopback. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Sigma needs WebGL; SwiftShader renders it in software.
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
    ],
  });
}

/**
 * Sign a browser context in as staff with a token, as the sign-in page's token form
 * does: the session cookie lands in the context, for every page opened in it.
 */
export async function signInStaff(context: BrowserContext, url: string, token: string): Promise<void> {
  const res = await context.request.post(`${url}/api/sign-in/token`, { data: { token }, headers: { origin: url } });
  if (!res.ok()) throw new Error(`staff sign-in refused: ${res.status()} ${await res.text()}`);
}
