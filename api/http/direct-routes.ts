import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import type { Request, RequestHandler, Response } from "express";
import proxyaddr from "proxy-addr";
import { errorAnswer, sendJson } from "./errors.ts";
import { clientKeyOf } from "./rate-limit.ts";
import { logWhenClosed } from "./request-log.ts";
import type { RouteDef } from "./routes.ts";

/** A route answered before Express, with the steps its Express route takes. */
export interface DirectRoute {
  route: RouteDef;
  /** The route's middleware and handler, the very functions Express runs for it. */
  steps: RequestHandler[];
}

interface Compiled extends DirectRoute {
  pattern: RegExp;
  names: string[];
}

/**
 * The route's path as a pattern of literal paths only: a parameter is a segment
 * with nothing to decode. Anything Express would read more loosely (another case, a
 * trailing slash, percent escapes) does not match and is left to Express.
 */
function compile(d: DirectRoute): Compiled {
  const names: string[] = [];
  const source = d.route.path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/%]+)";
    })
    .join("/");
  return { ...d, pattern: new RegExp(`^${source}$`), names };
}

/** Express's `res.append`, which the rate limits set their headers with: Node's own call does the same. */
function append(this: ServerResponse, name: string, value: string): ServerResponse {
  return this.appendHeader(name, value);
}

/**
 * Run the steps as Express runs a route's: in order, each calling `next`; an error
 * passed on, thrown or rejected ends in `fail`, and a step that answers stops the rest.
 */
function runSteps(steps: RequestHandler[], req: Request, res: Response, fail: (error: unknown) => void): void {
  let i = 0;
  const next = (error?: unknown): void => {
    if (error) return fail(error);
    const step = steps[i++];
    if (!step) return;
    try {
      const returned: unknown = step(req, res, next);
      if (returned instanceof Promise) returned.catch((e: unknown) => fail(e ?? new Error("rejected promise")));
    } catch (e) {
      fail(e);
    }
  };
  next();
}

/**
 * The requests that carry a wave's load (respondents' saves, cached figures) are
 * answered before Express sees them: Express gives every request its own request
 * and response prototypes and walks its router, which costs more than such an
 * answer itself. A request is answered here only when its method and path match a
 * direct route exactly and it carries a bearer token; it then passes the same steps
 * as through Express (security headers, request log, both rate limits, the access
 * check, the body parser, the handler) with the same answers and errors. Anything
 * else, a browser session's save included, goes to `app`.
 */
export function directRoutes(opts: {
  routes: DirectRoute[];
  /** Every API answer's headers (helmet's and `no-store`). */
  headers: Map<string, string>;
  log: (line: string) => void;
  /** Which proxies are believed about the client's address: Express's `trust proxy fn`. */
  trust: (address: string, hop: number) => boolean;
  app: RequestListener;
}): RequestListener {
  const byMethod = new Map<string, Compiled[]>();
  for (const d of opts.routes) {
    const method = d.route.method.toUpperCase();
    byMethod.set(method, [...(byMethod.get(method) ?? []), compile(d)]);
  }
  const serve = (d: Compiled, match: RegExpExecArray, search: string, req: IncomingMessage, res: ServerResponse) => {
    res.setHeaders(opts.headers);
    // Express's own in its route: the path and caller for the log, the client's key for the rate limits.
    const path = match[0];
    const locals: Record<string, unknown> = { clientKey: clientKeyOf(proxyaddr(req, opts.trust)) };
    logWhenClosed(opts.log, req, res, () => path, () => locals.caller);
    const params: Record<string, string> = {};
    d.names.forEach((name, i) => (params[name] = match[i + 1]!));
    const request = Object.assign(req, { params, query: parseQuery(search) }) as unknown as Request;
    const response = Object.assign(res, { locals, append }) as unknown as Response;
    runSteps(d.steps, request, response, (error) => {
      const { status, body } = errorAnswer(error, `${req.method} ${d.route.path}`, opts.log);
      if (res.headersSent) req.socket.destroy();
      else sendJson(res, status, body);
    });
  };
  return (req, res) => {
    const candidates = req.headers.authorization === undefined ? undefined : byMethod.get(req.method ?? "");
    if (candidates) {
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      for (const d of candidates) {
        const match = d.pattern.exec(path);
        if (match) return serve(d, match, q < 0 ? "" : url.slice(q + 1), req, res);
      }
    }
    opts.app(req, res);
  };
}

