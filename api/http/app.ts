import { readFileSync } from "node:fs";
import type { RequestListener } from "node:http";
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import compression from "compression";
import helmet from "helmet";
import type { Caller } from "../staff/caller.ts";
import { audit } from "./audit.ts";
import { identify, refuseCrossSite } from "./auth.ts";
import type { Context } from "./context.ts";
import { HttpError, errorHandler, sendJson } from "./errors.ts";
import { directRoutes, type DirectRoute } from "./direct-routes.ts";
import { OpenApiDocumentSchema, openApiDocument } from "./openapi.ts";
import { auditOf, type RouteDef, type RouteModule } from "./routes.ts";
import { accessRoutes } from "./routes/access.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { signInRoutes } from "./routes/sign-in.ts";
import { adminRoutes } from "./routes/admin.ts";
import { callRoutes } from "./routes/calls.ts";
import { compositionRoutes } from "./routes/composition.ts";
import { mailRoutes } from "./routes/mail.ts";
import { waveMailRoutes } from "./routes/wave-mail.ts";
import { metricsRoutes } from "./routes/metrics.ts";
import { paperCircleRoutes } from "./routes/paper-circles.ts";
import { respondentRoutes } from "./routes/respondent.ts";
import { workspaceRoutes } from "./routes/workspace.ts";
import { interviewRoutes } from "./routes/interviews.ts";
import { pageRoutes } from "./pages.ts";
import { rateLimitPerMinute, tokenRateLimits } from "./rate-limit.ts";
import { requestLog } from "./request-log.ts";

/** The version the API document states: the package's. */
const API_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/**
 * Every route module of the API; the access matrix test reads the same list. The
 * router tries routes in this order: those asked most (circle saves, figures) come
 * first. No route of the others has a path theirs would match.
 */
const ROUTE_MODULES: RouteModule[] = [
  respondentRoutes,
  metricsRoutes,
  accessRoutes,
  signInRoutes,
  accountRoutes,
  callRoutes,
  paperCircleRoutes,
  compositionRoutes,
  adminRoutes,
  workspaceRoutes,
  interviewRoutes,
  mailRoutes,
  waveMailRoutes,
];

/** Every route of the API, the API document included (it lists itself too). */
export function routeTable(ctx: Context): RouteDef[] {
  const routes = ROUTE_MODULES.flatMap((m) => m(ctx));
  let document: unknown;
  routes.push({
    method: "get",
    path: "/api/openapi.json",
    roles: "public",
    response: OpenApiDocumentSchema,
    handle: () => (document ??= openApiDocument(routes, API_VERSION)),
  });
  return routes;
}

/**
 * 401 without a valid token or session, 403 with the wrong role or for a cookie
 * write from another site. Sign-in routes are public but take no cross-site posts either.
 */
function checkAccess(ctx: Context, route: RouteDef, req: Request): Caller | undefined {
  if (route.roles === "public") {
    if (route.signIn) refuseCrossSite(ctx, req);
    return undefined;
  }
  const caller = identify(ctx, req);
  if (!route.roles.includes(caller.role)) {
    throw new HttpError(403, "forbidden", "this token may not do that", [
      { path: "headers.authorization", message: `a ${caller.role} ${caller.via === "session" ? "session" : "token"} may not do that` },
    ]);
  }
  if (caller.via === "session") refuseCrossSite(ctx, req);
  return caller;
}

const DOCUMENT_BODY_LIMIT = 8 * 1024 * 1024;
const BODY_LIMIT = 1024 * 1024;
/** Bytes a route's JSON body may have: call documents travel under /api/calls/ and may be large, every other body is small. */
export const bodyLimit = (path: string): number => (path.startsWith("/api/calls/") ? DOCUMENT_BODY_LIMIT : BODY_LIMIT);

/**
 * Helmet's headers: the same for every answer, so worked out once, when the app is
 * made, by letting helmet set them on a stand-in, then set on each answer in one go.
 */
function securityHeaders(): Map<string, string> {
  const headers = new Map<string, string>();
  const standIn = { setHeader: (name: string, value: string) => headers.set(name, value), removeHeader: (name: string) => headers.delete(name) };
  helmet({
    contentSecurityPolicy: {
      directives: {
        // Sigma draws with WebGL and d3 sets inline styles on SVG elements.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        // Served over plain HTTP on loopback in development; TLS is the proxy's job.
        "upgrade-insecure-requests": null,
      },
    },
    referrerPolicy: { policy: "no-referrer" },
  })({} as Request, standIn as unknown as Response, (err?: unknown) => {
    if (err) throw err;
  });
  if (!headers.has("Content-Security-Policy")) throw new Error("helmet set no Content-Security-Policy on the stand-in");
  return headers;
}

/** API answers are not to be kept by browsers (`no-store`); cached figures say otherwise. */
const API_CACHE_CONTROL = ["Cache-Control", "no-store"] as const;

function answerHeaders(headers: Map<string, string>): RequestHandler {
  return (req, res, next) => {
    res.setHeaders(headers);
    if (/^\/api(\/|$)/.test(req.path)) res.setHeader(...API_CACHE_CONTROL);
    next();
  };
}

/** The Express app, and the listener to serve with: it answers the direct routes itself and hands the rest to the app. */
export function createApi(ctx: Context): { app: Express; listener: RequestListener } {
  const app = express();
  app.disable("x-powered-by");
  // API answers are not kept by browsers (no-store), so hashing every body for an ETag is wasted;
  // cached figures carry their own (cached-answer.ts), and static files theirs.
  app.set("etag", false);
  app.set("trust proxy", "loopback");
  const headers = securityHeaders();
  app.use(answerHeaders(headers));
  app.use(requestLog(ctx.log));
  // gzip (or brotli, when the browser offers it) for every answer over 1 kB: the page
  // scripts shrink to a quarter, and so do the larger API answers (graphs, exports).
  // Routes whose answers are small or compressed already go without (`uncompressed`).
  const compress = compression();

  const limits = tokenRateLimits(rateLimitPerMinute(ctx.rateLimitPerMinute));
  const jsonBody = new Map([DOCUMENT_BODY_LIMIT, BODY_LIMIT].map((limit) => [limit, express.json({ limit })]));
  const direct: DirectRoute[] = [];
  for (const route of routeTable(ctx)) {
    // The token is checked before the body is read: without one, nothing is parsed.
    const authenticate = (req: Request, res: Response, next: NextFunction) => {
      const auth = checkAccess(ctx, route, req);
      res.locals.auth = auth;
      if (auth) res.locals.caller = auth.accountId !== undefined ? `${auth.role}@${auth.accountId}` : `${auth.role}#${auth.tokenId}`;
      next();
    };
    const logged = auditOf(route);
    const steps: RequestHandler[] = [
      ...(route.uncompressed ? [] : [compress]),
      ...(route.roles === "public" && !route.signIn ? [] : [limits.failedAuth, limits.anyToken]),
      authenticate,
      // A GET takes no body: nothing to parse.
      ...(route.method === "get" ? [] : [jsonBody.get(bodyLimit(route.path))!]),
      async (req: Request, res: Response) => {
        const auth = res.locals.auth as Caller | undefined;
        const body = await route.handle(req, res, auth);
        // In the log before the answer leaves (a handler that sends a file itself is logged right after).
        if (logged && auth) audit(ctx, logged, req, auth);
        if (body === undefined || res.headersSent) return;
        // A direct route's answer may not meet Express's response (direct-routes.ts).
        if (route.direct) sendJson(res, res.statusCode, body);
        else res.json(body);
      },
    ];
    app[route.method](route.path, ...steps);
    if (route.direct) {
      // What the direct path leaves out: compression, cookie sign-ins, the access log (it reads Express's request).
      if (!route.uncompressed || route.roles === "public" || logged) throw new Error(`${route.method} ${route.path} cannot be a direct route`);
      direct.push({ route, steps });
    }
  }
  app.use(compress);
  // The respondent page's path carries an invitation token.
  app.use("/c", limits.anyToken);
  pageRoutes(app);
  // No route and no page: an unknown endpoint or path answers in the one error shape, not Express's HTML.
  app.use((req, _res, next) => next(new HttpError(404, "not_found", `nothing at ${req.method} ${req.path}`)));
  app.use(errorHandler(ctx.log));
  const apiHeaders = new Map([...headers, API_CACHE_CONTROL]);
  return { app, listener: directRoutes({ routes: direct, headers: apiHeaders, log: ctx.log, trust: app.get("trust proxy fn"), app }) };
}
