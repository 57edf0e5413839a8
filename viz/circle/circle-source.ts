import type { CircleBody } from "../../api/circles/respondent-circle.ts";
import type { circleContext } from "../../api/circles/circle-context.ts";
import type { CircleVersion, VersionSummary } from "../../api/schema/answers.ts";
import { apiFetch } from "../shared/api.ts";
import { requireStaffToken } from "../shared/session.ts";

export type CircleContext = ReturnType<typeof circleContext>;
export interface StoredCircle {
  current: CircleVersion | null;
  versions: VersionSummary[];
}

/**
 * Where a circle is read from and saved to: the respondent's own circle behind
 * their invitation link, or a paper circle typed in by staff on a consultant's behalf.
 */
export interface CircleSource {
  readonly mode: "respondent" | "paper";
  /** The organisation's feedback report, readable once the wave has closed. */
  readonly reportPath: string;
  context(): Promise<CircleContext>;
  circle(): Promise<StoredCircle>;
  save(body: CircleBody): Promise<{ saved: VersionSummary }>;
  submit(body: CircleBody): Promise<{ saved: VersionSummary }>;
  /** Remember the language the consultant chose, for the organisation's messages (the consultant's own page only). */
  rememberLanguage(language: string): Promise<unknown>;
}

function sourceAt(mode: CircleSource["mode"], token: string, base: string, reportPath: string): CircleSource {
  return {
    mode,
    reportPath,
    context: () => apiFetch(token, `${base}/context`),
    circle: () => apiFetch(token, base),
    save: (body) => apiFetch(token, base, { method: "PUT", body }),
    submit: (body) => apiFetch(token, `${base}/submit`, { method: "POST", body }),
    rememberLanguage: (language) => (mode === "respondent" ? apiFetch(token, "/api/my/language", { method: "PUT", body: { language } }) : Promise.resolve()),
  };
}

/** The page serves `/c/:token` and `/paper/:waveId/:organisationId`; null for anything else. */
export function sourceFromPath(pathname: string): CircleSource | null {
  const respondent = /^\/c\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (respondent) return sourceAt("respondent", respondent[1]!, "/api/my/circle", `/c/${respondent[1]}/report`);
  const paper = /^\/paper\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (paper) {
    return sourceAt("paper", requireStaffToken(), `/api/waves/${paper[1]}/circles/${paper[2]}`, `/reports/${paper[1]}/${paper[2]}`);
  }
  return null;
}
