import type { ErrorRequestHandler } from "express";
import { ConvergenceError } from "../analysis/pagerank.ts";
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

/** Map every failure to the error shape; bad input never becomes a 500. */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const where = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? "(no route)"}`;
    if (err instanceof HttpError) {
      res.status(err.status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    if (err instanceof RuleError) {
      res.status(400).json(errorBody("invalid", err.message, err.problems));
      return;
    }
    if (err instanceof ConflictError) {
      res.status(409).json(errorBody(err.code, err.message, err.problems));
      return;
    }
    // Cannot happen with the fixed damping of 0.85 (see pagerank.ts); if it ever does,
    // the figures are not given at all rather than with ranks that have not settled.
    if (err instanceof ConvergenceError) {
      log(`error ${where}: ${err.message}`);
      res.status(500).json(errorBody("not_converged", `${err.message}; the figures cannot be given`));
      return;
    }
    // body-parser's errors carry a status and a type.
    const e = err as { status?: number; type?: string; message?: string };
    if (e.type === "entity.too.large") {
      res.status(413).json(errorBody("too_large", "the request body is too large", [{ path: "body", message: "too large" }]));
      return;
    }
    if (e.type === "entity.parse.failed") {
      res.status(400).json(errorBody("invalid", "the request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]));
      return;
    }
    if (typeof e.status === "number" && e.status >= 400 && e.status < 500) {
      res.status(e.status).json(errorBody("invalid", e.message ?? "bad request", [{ path: "body", message: e.message ?? "bad request" }]));
      return;
    }
    log(`error ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    res.status(500).json(errorBody("internal", "something went wrong on our side; nothing was written"));
  };
}
