import { requireActiveMember, requireWave } from "../lookups.ts";
import { STAFF, authOf, type RouteModule } from "../routes.ts";
import { circleEndpoints } from "./respondent.ts";

/**
 * A circle read or entered by staff on behalf of a consultant: evaluators read
 * what a respondent drew, and type in circles that were filled in on paper. Saved
 * versions are marked with who entered them.
 */
export const paperCircleRoutes: RouteModule = (ctx) => {
  const base = "/api/waves/:waveId/circles/:organisationId";
  return circleEndpoints(
    ctx,
    base,
    STAFF,
    (req) => {
      const wave = requireWave(ctx, req.params.waveId);
      const member = requireActiveMember(ctx, wave, req.params.organisationId);
      return { waveId: wave.id, lotId: member.lot, organisationId: member.organisation };
    },
    (auth) => {
      const a = authOf(auth);
      return `${a.role}:${a.name ?? a.tokenId}`;
    },
    // Reading a circle is in the access log, and so is every version staff enter.
  ).map((r) => (r.path.endsWith("/context") ? r : { ...r, audit: { kind: r.method === "get" ? "circle" : "change" } }));
};
