import type { ServerResponse } from "node:http";
import type { ErrorRequestHandler } from "express";
import { ConvergenceError } from "../analysis/pagerank.ts";
import { SearchOverrun } from "../composition/partition-search-thread.ts";
import { ConflictError, RuleError, type Problem } from "../schema/problems.ts";

/** An answer other than success, in the one error shape of the API. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Problem[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (details: Problem[], message = "the request breaks a rule") =>
  new HttpError(400, "invalid", message, details);
export const notFound = (what: string) => new HttpError(404, "not_found", `${what} not found`);

export interface ErrorBody {
  error: { code: string; message: string; details: Problem[] };
}

export const errorBody = (code: string, message: string, details: Problem[] = []): ErrorBody => ({
  error: { code, message, details },
});

/** Write a JSON answer with Node's own calls, so that it serves answers made before Express too (and reads like Express's `res.json`). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(json));
  res.end(json);
}

/**
 * Every failure in the error shape; bad input never becomes a 500. `where` (method
 * and route) names a failure that is our fault in the log.
 */
export function errorAnswer(err: unknown, where: string, log: (line: string) => void): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) return { status: err.status, body: errorBody(err.code, err.message, err.details) };
  if (err instanceof RuleError) return { status: 400, body: errorBody("invalid", err.message, err.problems) };
  if (err instanceof ConflictError) return { status: 409, body: errorBody(err.code, err.message, err.problems) };
  // Cannot happen with the fixed damping of 0.85 (see pagerank.ts); if it ever does,
  // the figures are not given at all rather than with ranks that have not settled.
  if (err instanceof ConvergenceError) {
    log(`error ${where}: ${err.message}`);
    return { status: 500, body: errorBody("not_converged", `${err.message}; the figures cannot be given`) };
  }
  // A fault in the search, stopped by its watchdog: said as such, and logged.
  if (err instanceof SearchOverrun) {
    log(`error ${where}: ${err.message}`);
    return { status: 503, body: errorBody("search_overrun", `${err.message}; nothing was suggested, try again with other conditions`) };
  }
  // body-parser's errors carry a status and a type.
  const e = err as { status?: number; type?: string; message?: string };
  if (e.type === "entity.too.large") return { status: 413, body: errorBody("too_large", "the request body is too large", [{ path: "body", message: "too large" }]) };
  if (e.type === "entity.parse.failed") {
    return { status: 400, body: errorBody("invalid", "the request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]) };
  }
  if (typeof e.status === "number" && e.status >= 400 && e.status < 500) {
    return { status: e.status, body: errorBody("invalid", e.message ?? "bad request", [{ path: "body", message: e.message ?? "bad request" }]) };
  }
  log(`error ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { status: 500, body: errorBody("internal", "something went wrong on our side; nothing was written") };
}

/** The error handler of the Express app. */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = errorAnswer(err, `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? "(no route)"}`, log);
    res.status(status).json(body);
  };
}
