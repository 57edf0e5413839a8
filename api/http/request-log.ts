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
 */
export function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.writableFinished ? String(res.statusCode) : "aborted";
      const caller = typeof res.locals.caller === "string" ? ` ${res.locals.caller}` : "";
      log(`${req.method} ${redactPath(req.path)} ${status} ${ms.toFixed(1)}ms${caller}`);
    });
    next();
  };
}
