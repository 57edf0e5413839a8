import { z } from "zod";
import { IdSchema } from "../../schema/call-document.ts";
import { notFound } from "../errors.ts";
import { validate } from "../params.ts";
import { STAFF, authOf, type RouteModule } from "../routes.ts";
import { circleEndpoints } from "./respondent.ts";

const Params = z.object({ waveId: IdSchema, organisationId: IdSchema });

/**
 * A circle read or entered by staff on behalf of a consultant: evaluators read
 * what a respondent drew, and type in circles that were filled in on paper. Saved
 * versions are marked with who entered them.
 */
export const paperCircleRoutes: RouteModule = (ctx) =>
  circleEndpoints(
    ctx,
    "/api/waves/:waveId/circles/:organisationId",
    STAFF,
    (req) => {
      const { waveId, organisationId } = validate(Params, req.params, "params");
      const wave = ctx.store.calls.wave(waveId);
      if (!wave) throw notFound(`wave "${waveId}"`);
      const member = ctx.store.calls.membership(wave.callId, organisationId);
      if (!member || !member.active) throw notFound(`active member "${organisationId}" in the call of wave "${waveId}"`);
      return { waveId, lotId: member.lot, organisationId };
    },
    (auth) => {
      const a = authOf(auth);
      return `${a.role}:${a.name ?? a.id}`;
    },
  );
