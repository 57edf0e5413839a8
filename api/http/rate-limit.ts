import type { RequestHandler } from "express";
import { ipKeyGenerator, rateLimit, type Options } from "express-rate-limit";
import { errorBody, sendJson } from "./errors.ts";

/** Requests per minute per client address to anything that takes a token, unless configured. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1000;

/** How much stricter refused tokens are counted than requests in general. */
export const FAILED_AUTH_SHARE = 5;

/** The configured limit, else env RATE_LIMIT_PER_MINUTE, else the default; a nonsense value stops the start. */
export function rateLimitPerMinute(configured?: number): number {
  const raw = process.env.RATE_LIMIT_PER_MINUTE;
  const limit = configured ?? (raw ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`RATE_LIMIT_PER_MINUTE must be a positive integer, not "${raw}"`);
  return limit;
}

/** How both limits count a client address: an IPv6 address by its /56 network, the library's default. */
export const clientKeyOf = (address: string): string => ipKeyGenerator(address);

/**
 * The client's key, worked out once per request (`req.ip` walks the proxy headers
 * each time it is read); answers served before Express (direct-routes.ts) set it
 * in `res.locals` themselves.
 */
// The library reads this function's text for a call of its helper: `clientKeyOf` would not do.
const clientKey: Options["keyGenerator"] = (req, res) => (res.locals.clientKey ??= ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? ""));

const refused: Options["handler"] = (_req, res) => {
  sendJson(
    res,
    429,
    errorBody("rate_limited", "too many requests from this address; try again in a minute", [
      { path: "headers.authorization", message: "too many requests with a token from this address" },
    ]),
  );
};

/**
 * Limits per client address and minute for requests that take a token. Every such
 * request counts against `perMinute`; requests refused for a missing or unknown
 * token (401) also count against a fifth of it, so guessing tokens is stopped long
 * before an office of consultants behind one address is slowed down. The refusal
 * counter counts a request while it is in flight, so more than a fifth of the limit
 * of simultaneous requests from one address is throttled too.
 */
export function tokenRateLimits(perMinute: number): { failedAuth: RequestHandler; anyToken: RequestHandler } {
  const common = { windowMs: 60_000, legacyHeaders: false, handler: refused, keyGenerator: clientKey } satisfies Partial<Options>;
  return {
    failedAuth: rateLimit({
      ...common,
      limit: Math.max(1, Math.ceil(perMinute / FAILED_AUTH_SHARE)),
      standardHeaders: false,
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
    anyToken: rateLimit({ ...common, limit: perMinute, standardHeaders: "draft-8" }),
  };
}
