import type { TFunction } from "i18next";
import type { CallView } from "./call-types.ts";

/** What every panel of the call administration page shares: who is signed in, the call as last read, and a way to read it again. */
export interface AdminPage {
  t: TFunction;
  isAdmin: boolean;
  callId: string;
  view: CallView;
  api: <T>(path: string, init?: { method?: string; body?: unknown }) => Promise<T>;
  /** Read the call again and redraw every panel. */
  refresh: () => Promise<void>;
}
