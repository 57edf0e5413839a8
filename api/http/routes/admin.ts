import { z } from "zod";
import type { Request } from "express";
import {
  LotChangesSchema,
  NewLotSchema,
  NewOrganisationSchema,
  OrganisationChangesSchema,
  type CallEdit,
} from "../../calls/call-edits.ts";
import { editCall } from "../../calls/edit-call.ts";
import { previewImport } from "../../calls/import-preview.ts";
import { reissueInvitation, setInvitationEmails } from "../../calls/invitations.ts";
import { waveProgress } from "../../calls/wave-progress.ts";
import { callWarnings } from "../../calls/call-warnings.ts";
import { closedOnAfter, waveState } from "../../circles/wave-state.ts";
import { IdSchema, WaveAsksSchema, WaveSchema, type CallDocument } from "../../schema/call-document.ts";
import type { InvitationRecord } from "../../store/call-edit-store.ts";
import { validate } from "../params.ts";
import { ADMIN, STAFF, type Method, type RouteDef, type RouteModule } from "../routes.ts";
import { baseUrl, requireCall, requireInvitation, requireLot, requireOrganisation, requireWave } from "../lookups.ts";
import { ImportPreviewAnswerSchema, LotEditAnswerSchema, NewWaveAnswerSchema, OrganisationEditAnswerSchema, InvitationAnswerSchema, InvitationsAnswerSchema, ReissuedInvitationAnswerSchema, WaveEditAnswerSchema, WaveProgressAnswerSchema, WaveStateAnswerSchema } from "../../schema/answers.ts";

const MoveBody = z.strictObject({ lot: IdSchema.nullable() });
const ActiveBody = z.strictObject({ active: z.boolean() });
const CoordinatorBody = z.strictObject({ organisation: IdSchema.nullable() });
/** "dates" hands the wave back to its opens/closes dates. */
const StateBody = z.strictObject({ state: z.enum(["open", "closed", "dates"]) });
const EmailsBody = z.strictObject({
  emails: z
    .array(z.strictObject({ organisation: IdSchema, email: z.email("expected an e-mail address").max(254).nullable() }))
    .max(2000),
});

/**
 * Running a call by hand: the import preview, organisations, lots, memberships and
 * waves edited under the import's rules, the progress of a wave, and invitation
 * links revoked, re-issued and given an e-mail for the mail merge.
 */
export const adminRoutes: RouteModule = (ctx) => {
  const organisationView = (doc: CallDocument, id: string) => ({
    organisation: doc.organisations.find((o) => o.id === id),
    lot: doc.lots.find((l) => l.members.some((m) => m.organisation === id)) ?? null,
  });
  const lotView = (doc: CallDocument, id: string) => ({ lot: doc.lots.find((l) => l.id === id) });
  const invitationView = ({ callId: _c, ...rest }: InvitationRecord) => rest;
  const theCall = (req: Request) => ({ callId: requireCall(ctx, req.params.callId).id });
  const theOrganisation = (req: Request) => {
    const { callId } = theCall(req);
    return { callId, organisationId: requireOrganisation(ctx, callId, req.params.organisationId) };
  };
  const theLot = (req: Request) => requireLot(ctx, req.params.lotId);
  const theWave = (req: Request) => {
    const { id, callId } = requireWave(ctx, req.params.waveId);
    return { callId, waveId: id };
  };

  /**
   * One edit endpoint: find what the path names, validate the body, apply the edit
   * under the import's rules (a refusal throws, nothing is written), answer with what changed.
   */
  const editRoute = <S extends z.ZodType, T extends { callId: string }>(
    method: Method,
    path: string,
    target: (req: Request) => T,
    body: S,
    response: z.ZodType,
    change: (target: T, body: z.infer<S>) => { edit: CallEdit; answer: (doc: CallDocument) => unknown },
    status = 200,
  ): RouteDef => ({
    method,
    path,
    roles: ADMIN,
    response,
    handle: (req, res) => {
      const t = target(req);
      const { edit, answer } = change(t, validate(body, req.body, "body"));
      const doc = editCall(ctx.store, t.callId, edit, ctx.now());
      res.status(status);
      // Warnings are no refusal: the edit is written, and the admin learns what to look at.
      return { ...(answer(doc) as object), warnings: callWarnings(doc) };
    },
  });
  const organisationPath = "/api/calls/:callId/organisations/:organisationId";

  return [
    {
      method: "post",
      path: "/api/calls/validate",
      roles: ADMIN,
      // A dry run: nothing changes, nothing to log.
      audit: false,
      response: ImportPreviewAnswerSchema,
      handle: (req) => previewImport(ctx.store, req.body, ctx.now()),
    },
    editRoute("post", "/api/calls/:callId/organisations", theCall, NewOrganisationSchema, OrganisationEditAnswerSchema, (_c, { lot, ...organisation }) => ({
      edit: { kind: "add-organisation", organisation, lot: lot ?? null },
      answer: (doc) => organisationView(doc, organisation.id),
    }), 201),
    editRoute("patch", organisationPath, theOrganisation, OrganisationChangesSchema, OrganisationEditAnswerSchema, (o, changes) => ({
      edit: { kind: "change-organisation", organisation: o.organisationId, changes },
      answer: (doc) => organisationView(doc, o.organisationId),
    })),
    editRoute("put", `${organisationPath}/lot`, theOrganisation, MoveBody, OrganisationEditAnswerSchema, (o, { lot }) => ({
      edit: { kind: "move", organisation: o.organisationId, lot },
      answer: (doc) => organisationView(doc, o.organisationId),
    })),
    editRoute("put", `${organisationPath}/active`, theOrganisation, ActiveBody, OrganisationEditAnswerSchema, (o, { active }) => ({
      edit: { kind: "set-active", organisation: o.organisationId, active },
      answer: (doc) => organisationView(doc, o.organisationId),
    })),
    editRoute("post", "/api/calls/:callId/lots", theCall, NewLotSchema, LotEditAnswerSchema, (_c, lot) => ({
      edit: { kind: "add-lot", lot },
      answer: (doc) => lotView(doc, lot.id),
    }), 201),
    editRoute("patch", "/api/lots/:lotId", theLot, LotChangesSchema, LotEditAnswerSchema, (lot, changes) => ({
      edit: { kind: "change-lot", lot: lot.id, changes },
      answer: (doc) => lotView(doc, lot.id),
    })),
    editRoute("put", "/api/lots/:lotId/coordinator", theLot, CoordinatorBody, LotEditAnswerSchema, (lot, { organisation }) => ({
      edit: { kind: "set-coordinator", lot: lot.id, organisation },
      answer: (doc) => lotView(doc, lot.id),
    })),
    editRoute("post", "/api/calls/:callId/waves", theCall, WaveSchema, NewWaveAnswerSchema, ({ callId }, wave) => ({
      edit: { kind: "add-wave", wave },
      answer: () => ({ wave: { ...wave, callId, state: waveState(wave, ctx.now()) } }),
    }), 201),
    // Refused (409) once a circle of the wave is submitted, or when a draft answers a question being dropped.
    editRoute("put", "/api/waves/:waveId/asks", theWave, WaveAsksSchema, WaveEditAnswerSchema, ({ callId, waveId }, asks) => ({
      edit: { kind: "set-wave-asks", wave: waveId, asks },
      answer: (doc) => ({ wave: { ...doc.waves.find((w) => w.id === waveId)!, callId, state: waveState(requireWave(ctx, waveId), ctx.now()) } }),
    })),
    {
      method: "put",
      path: "/api/waves/:waveId/state",
      roles: ADMIN,
      response: WaveStateAnswerSchema,
      handle: (req) => {
        const before = requireWave(ctx, req.params.waveId);
        const { id } = before;
        const { state } = validate(StateBody, req.body, "body");
        const override = state === "dates" ? null : state;
        ctx.store.callEdits.setWaveState(id, override, closedOnAfter(before, override, ctx.now()));
        // A wave closed by hand: its report-ready notes go now, not at the scheduler's next look.
        ctx.waveMail.tick(ctx.now());
        const wave = requireWave(ctx, id);
        return { wave: { ...wave, override: wave.state ?? null, state: waveState(wave, ctx.now()) } };
      },
    },
    {
      method: "get",
      path: "/api/waves/:waveId/progress",
      roles: STAFF,
      response: WaveProgressAnswerSchema,
      handle: (req) => waveProgress(ctx.store, requireWave(ctx, req.params.waveId), ctx.now()),
    },
    {
      method: "get",
      path: "/api/waves/:waveId/invitations",
      roles: ADMIN,
      response: InvitationsAnswerSchema,
      handle: (req) => ({ invitations: ctx.store.callEdits.invitations(requireWave(ctx, req.params.waveId).id).map(invitationView) }),
    },
    {
      method: "put",
      path: "/api/waves/:waveId/invitations/emails",
      roles: ADMIN,
      response: InvitationsAnswerSchema,
      handle: (req) => {
        const { id } = requireWave(ctx, req.params.waveId);
        const { emails } = validate(EmailsBody, req.body, "body");
        return { invitations: setInvitationEmails(ctx.store, id, emails).map(invitationView) };
      },
    },
    {
      method: "delete",
      path: "/api/invitations/:invitationId",
      roles: ADMIN,
      response: InvitationAnswerSchema,
      handle: (req) => {
        const invitation = requireInvitation(ctx, req.params.invitationId);
        ctx.store.tokens.revoke(invitation.id, ctx.now());
        return { invitation: invitationView(ctx.store.callEdits.invitation(invitation.id)!) };
      },
    },
    {
      method: "post",
      path: "/api/invitations/:invitationId/reissue",
      roles: ADMIN,
      response: ReissuedInvitationAnswerSchema,
      handle: (req, res) => {
        const { token, invitation } = reissueInvitation(ctx.store, requireInvitation(ctx, req.params.invitationId), ctx.now());
        const base = baseUrl(ctx, req);
        res.status(201);
        return { invitation: invitationView(invitation), link: `${base}/c/${token}` };
      },
    },
  ];
};
