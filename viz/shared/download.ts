import { ApiError, authHeaders } from "./api.ts";
import { h } from "./dom.ts";

/** Hand a file made in the browser to the user as a download; nothing leaves the browser. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser the time to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetch a file the API makes and save it under the server's name; a refusal becomes ApiError, for the page to show. */
export async function downloadFromApi(token: string, path: string): Promise<void> {
  const res = await fetch(path, { headers: authHeaders(token) });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string; details: [] } } | undefined;
    throw new ApiError(res.status, body?.error?.code ?? "error", body?.error?.message ?? res.statusText, body?.error?.details ?? []);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  saveBlob(name, await res.blob());
}
