import { ConflictError } from "../schema/problems.ts";

/**
 * Circles and interviews only ever gain versions. A save that names the version it
 * was based on is refused (409 `stale_version`) when another save came in between,
 * so that nobody overwrites a change they have not seen; `next` is the version the
 * save would append.
 */
export function refuseStaleSave(what: "circle" | "interview", next: number, basedOn: number | undefined, path: string): void {
  if (basedOn === undefined || basedOn === next - 1) return;
  throw new ConflictError(
    `the ${what} was changed elsewhere since this version was loaded; nothing was saved`,
    [{ path, message: `the ${what} is at version ${next - 1}, this save was based on version ${basedOn}` }],
    "stale_version",
  );
}
