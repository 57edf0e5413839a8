import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { errorBody } from "./errors.ts";

/** Requests per minute per client address to anything that takes a token, unless configured. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1000;

/** How much stricter refused tokens are counted than requests in general. */
export const FAILED_AUTH_SHARE = 5;

const WINDOW_MS = 60_000;

/** The configured limit, else env RATE_LIMIT_PER_MINUTE, else the default; a nonsense value stops the start. */
export function rateLimitPerMinute(configured?: number): number {
  const raw = process.env.RATE_LIMIT_PER_MINUTE;
  const limit = configured ?? (raw ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`RATE_LIMIT_PER_MINUTE must be a positive integer, not "${raw}"`);
  return limit;
}

/**
 * The client's address as both limits count it: an IPv6 address by its /56
 * network (express-rate-limit's rule), worked out once per request, since
 * `req.ip` walks the proxy headers each time it is read.
 */
const clientKey = (req: Request, res: Response): string => (res.locals.clientKey ??= ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? ""));

interface Window {
  hits: number;
  /** When the window of this address ends (ms since the epoch); it begins with the address's first request. */
  resetAt: number;
  /** The address's partition key in the RateLimit-Policy header, hashed once per window. */
  partition?: string;
}

/**
 * Hits per address in fixed windows of a minute that begin with an address's first
 * request, counted synchronously in this process: the same counting as
 * express-rate-limit's memory store, without its promise hops per request.
 * Ended windows are swept once a window, so addresses seen once do not stay.
 */
class Windows {
  private readonly byKey = new Map<string, Window>();

  constructor() {
    setInterval(() => {
      const now = Date.now();
      for (const [key, w] of this.byKey) if (w.resetAt <= now) this.byKey.delete(key);
    }, WINDOW_MS).unref();
  }

  hit(key: string, now: number): Window {
    let w = this.byKey.get(key);
    if (!w) this.byKey.set(key, (w = { hits: 0, resetAt: now + WINDOW_MS }));
    else if (w.resetAt <= now) Object.assign(w, { hits: 0, resetAt: now + WINDOW_MS, partition: undefined });
    w.hits++;
    return w;
  }
}

const refuse = (res: Response) => {
  res.status(429).json(
    errorBody("rate_limited", "too many requests from this address; try again in a minute", [
      { path: "headers.authorization", message: "too many requests with a token from this address" },
    ]),
  );
};

/**
 * Limits per client address and minute for requests that take a token. Every such
 * request counts against `perMinute`, announced in the RateLimit and
 * RateLimit-Policy headers (IETF draft 8); requests refused for a missing or unknown
 * token (401) also count against a fifth of it, so guessing tokens is stopped long
 * before an office of consultants behind one address is slowed down. The refusal
 * counter counts a request while it is in flight, so more than a fifth of the limit
 * of simultaneous requests from one address is throttled too. Over a limit: 429
 * (with Retry-After when the general limit is reached). `anyToken` is the general
 * limit alone (the respondent page); `both` checks the refusal limit, then the general one.
 */
export function tokenRateLimits(perMinute: number): { anyToken: RequestHandler; both: RequestHandler } {
  const failedLimit = Math.max(1, Math.ceil(perMinute / FAILED_AUTH_SHARE));
  const name = `"${perMinute}-in-1min"`;
  const all = new Windows();
  const failed = new Windows();

  /** Counts the request against the general limit; false when it was refused. */
  const general = (key: string, res: Response, now: number): boolean => {
    const w = all.hit(key, now);
    const resetSeconds = Math.max(0, Math.ceil((w.resetAt - now) / 1000));
    w.partition ??= Buffer.from(createHash("sha256").update(key).digest("hex").slice(0, 12)).toString("base64");
    res.setHeader("RateLimit", `${name}; r=${Math.max(perMinute - w.hits, 0)}; t=${resetSeconds}`);
    res.setHeader("RateLimit-Policy", `${name}; q=${perMinute}; w=${WINDOW_MS / 1000}; pk=:${w.partition}:`);
    if (w.hits <= perMinute) return true;
    res.setHeader("Retry-After", String(resetSeconds));
    refuse(res);
    return false;
  };

  return {
    anyToken: (req, res, next) => {
      if (general(clientKey(req, res), res, Date.now())) next();
    },
    both: (req, res, next) => {
      const key = clientKey(req, res);
      const now = Date.now();
      const w = failed.hit(key, now);
      // Only refusals stay counted: anything else is taken back once answered, within the same window.
      const resetAt = w.resetAt;
      res.once("finish", () => {
        if (res.statusCode !== 401 && w.resetAt === resetAt && Date.now() < resetAt && w.hits > 0) w.hits--;
      });
      if (w.hits > failedLimit) return refuse(res);
      if (general(key, res, now)) next();
    },
  };
}
