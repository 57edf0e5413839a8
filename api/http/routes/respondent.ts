import { CircleAnswerSchema, CircleContextAnswerSchema, SavedCircleAnswerSchema } from "../../schema/answers.ts";
import { circleContext } from "../../circles/circle-context.ts";
import { saveCircle, type CircleOwner } from "../../circles/respondent-circle.ts";
import type { Store } from "../../store/store.ts";
import type { Caller } from "../../staff/caller.ts";
import { RESPONDENT, authOf, type RouteDef, type RouteModule } from "../routes.ts";
import type { Context } from "../context.ts";

/**
 * The four circle endpoints (context, read, save a draft, submit) for one way of
 * naming the circle's owner; the respondent's own and the paper-circle routes share them.
 */
export function circleEndpoints(
  ctx: Context,
  base: string,
  roles: RouteDef["roles"],
  owner: (req: Parameters<RouteDef["handle"]>[0], auth: Caller | undefined) => CircleOwner,
  enteredBy: (auth: Caller | undefined) => string | undefined,
): RouteDef[] {
  const latest = (store: Store, o: CircleOwner) => ({
    current: store.circles.latest(o.waveId, o.organisationId) ?? null,
    versions: store.circles.versions(o.waveId, o.organisationId),
  });
  const save = (submit: boolean): RouteDef["handle"] => async (req, res, auth) => {
    const by = enteredBy(auth);
    const saved = await saveCircle(ctx.store, owner(req, auth), req.body, { submit, now: ctx.now(), ...(by !== undefined && { enteredBy: by }) });
    if (submit) res.statusCode = 201;
    return { saved };
  };
  return [
    { method: "get", path: `${base}/context`, roles, response: CircleContextAnswerSchema, handle: (req, _res, auth) => circleContext(ctx.store, owner(req, auth), ctx.now()) },
    { method: "get", path: base, roles, response: CircleAnswerSchema, handle: (req, _res, auth) => latest(ctx.store, owner(req, auth)) },
    { method: "put", path: base, roles, response: SavedCircleAnswerSchema, uncompressed: true, handle: save(false) },
    { method: "post", path: `${base}/submit`, roles, response: SavedCircleAnswerSchema, uncompressed: true, handle: save(true) },
  ];
}

/** An invitation token names exactly one circle: its wave, lot and organisation. */
function ownerOf(auth: Caller | undefined): CircleOwner {
  const a = authOf(auth);
  return { waveId: a.waveId!, lotId: a.lotId!, organisationId: a.organisationId! };
}

/**
 * The respondent's own circle, and nothing else. Reading its context is a visit: the
 * invitation remembers the first. Saves are the load of a wave: answered directly.
 */
export const respondentRoutes: RouteModule = (ctx) =>
  circleEndpoints(ctx, "/api/my/circle", RESPONDENT, (_req, auth) => ownerOf(auth), () => undefined).map((route): RouteDef => {
    if (route.method !== "get") return { ...route, direct: true };
    if (!route.path.endsWith("/context")) return route;
    return {
      ...route,
      handle: (req, res, auth) => {
        ctx.store.tokens.markOpened(authOf(auth).tokenId!, ctx.now());
        return route.handle(req, res, auth);
      },
    };
  });
