import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";

/**
 * The path with anything that may be a token replaced: the respondent page's
 * `/c/<token>` (however its slash is spelled), and any segment long enough to be
 * a token pasted into a URL by mistake.
 */
export const redactPath = (path: string): string => {
  const redacted = path.replace(/^\/c(\/|%2f)[^/]*/i, "/c/[token]");
  // A path shorter than a token has no segment as long as one: the costlier pattern is skipped.
  return redacted.length < 32 ? redacted : redacted.replace(/(?<=\/|^)[A-Za-z0-9_%-]{32,}(?=\/|$)/g, "[redacted]");
};

/**
 * One line per request: method, path, status, duration and who asked, as role and
 * token id. Tokens never reach the log: headers are not logged, the query string is
 * left out (it may carry anything), and the respondent page's token is redacted.
 * The line is written when the answer is done or abandoned; `path` and `caller`
 * are read then.
 */
export function logWhenClosed(log: (line: string) => void, req: IncomingMessage, res: ServerResponse, path: () => string, caller: () => unknown): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const status = res.writableFinished ? String(res.statusCode) : "aborted";
    const who = caller();
    log(`${req.method} ${redactPath(path())} ${status} ${ms.toFixed(1)}ms${typeof who === "string" ? ` ${who}` : ""}`);
  });
}

/** The request log of the Express app: the caller is in `res.locals.caller` once the access check has run. */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    logWhenClosed(log, req, res, () => req.path, () => res.locals.caller);
    next();
  };
}
