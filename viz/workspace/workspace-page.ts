import type { TFunction } from "i18next";
import { apiFetch } from "../shared/api.ts";
import { startStaffPage } from "../shared/topbar.ts";
import { showError } from "../shared/notice.ts";

/** What every evaluator page of the workspace starts with: the top bar, the catalogue, and the API with the staff token. */
export interface WorkspacePage {
  t: TFunction;
  token: string;
  api: <T>(path: string) => Promise<T>;
  main: HTMLElement;
  /** Show a failure in place of the page's content. */
  fail: (err: unknown) => void;
}

/** `namespaces`: the page's catalogues, its own first (the default for keys without a prefix). */
export async function startWorkspacePage(namespaces: string[] = ["workspace"]): Promise<WorkspacePage> {
  const { token, t } = await startStaffPage(namespaces, "calls");
  const main = document.getElementById("main")!;
  return {
    t,
    token,
    api: (path) => apiFetch(token, path),
    main,
    fail: (err) => {
      main.removeAttribute("aria-busy");
      showError(main, t, err);
    },
  };
}

/** The named segments of the page's own path, e.g. `/lots/:lotId` → { lotId }. */
export function pathParams<K extends string>(pattern: string): Record<K, string> {
  const names = pattern.split("/");
  const parts = location.pathname.split("/");
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    if (n.startsWith(":")) out[n.slice(1)] = decodeURIComponent(parts[i] ?? "");
  });
  return out as Record<K, string>;
}

export const enc = encodeURIComponent;
