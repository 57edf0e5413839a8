import { closedOn, waveState } from "../circles/wave-state.ts";
import type { MailDelivery } from "../mail/mail-delivery.ts";
import { defaultTemplate, renderMessage, type RenderedMessage } from "../mail/messages.ts";
import { addDays, zonedInstant } from "../mail/zoned-time.ts";
import type { StoredWave } from "../store/call-store.ts";
import type { InvitationRecord } from "../store/call-edit-store.ts";
import {
  MAIL_LANGUAGES,
  type DueReminder,
  type MailKind,
  type MailLanguage,
  type ReminderSchedule,
  type SkipReason,
  type Template,
} from "../schema/mail-answers.ts";
import type { Store } from "../store/store.ts";

/** Reminders when an administrator set none: a week and two days before the wave's last day, at nine in Brussels. */
export const DEFAULT_SCHEDULE: ReminderSchedule = { days: [7, 2], at: "09:00" };
export const SCHEDULE_TIME_ZONE = "Europe/Brussels";
/** A wave that closed longer ago than this gets no report-ready note any more (say, after an upgrade). */
const REPORT_READY_WINDOW_DAYS = 14;

/** When each reminder of a schedule falls due for a wave. */
export function reminderTimes(wave: Pick<StoredWave, "closes">, schedule: ReminderSchedule): DueReminder[] {
  return [...schedule.days]
    .sort((a, b) => b - a)
    .map((d) => ({ daysBefore: d, at: zonedInstant(addDays(wave.closes, -d), schedule.at, SCHEDULE_TIME_ZONE).toISOString() }));
}

/**
 * Messages to a wave's respondents: invitations an administrator sends, reminders that
 * fall due on the wave's schedule, and the note that the feedback report is ready once
 * the wave has closed. Each message and the record of why it was made are written in
 * one transaction; the once-keys and the reminders' primary key make sure nobody gets
 * the same message twice, however often this runs and whatever restarts in between.
 */
export class WaveMail {
  constructor(
    private readonly store: Store,
    private readonly mail: MailDelivery,
  ) {}

  /** The organisation's language for messages; Dutch unless set. */
  languageOf(callId: string, organisation: string): MailLanguage {
    const l = this.store.mailSettings.language(callId, organisation);
    return (MAIL_LANGUAGES as readonly string[]).includes(l ?? "") ? (l as MailLanguage) : "nl";
  }

  /** The call's wording of a message, else the catalogue's. */
  template(callId: string, kind: MailKind, language: MailLanguage): Template & { custom: boolean } {
    const custom = this.store.mailSettings.templates(callId).find((t) => t.kind === kind && t.language === language);
    return custom ? { subject: custom.subject, body: custom.body, custom: true } : { ...defaultTemplate(kind, language), custom: false };
  }

  /** A message for one organisation in a wave, in its language (or the one given), from the call's wording (or the one given). */
  render(wave: StoredWave, organisation: string, kind: MailKind, opts: { language?: MailLanguage; template?: Template } = {}): RenderedMessage & { language: MailLanguage } {
    const language = opts.language ?? this.languageOf(wave.callId, organisation);
    const call = this.store.calls.call(wave.callId)!;
    const member = this.store.calls.membership(wave.callId, organisation);
    const lot = member ? this.store.calls.lot(member.lot) : undefined;
    const org = this.store.calls.organisation(wave.callId, organisation);
    const values = {
      call: call.name,
      wave: wave.name,
      lot: lot ? `${lot.name}` : "",
      organisation: org?.name ?? organisation,
      closes: wave.closes,
    };
    return { language, ...renderMessage(opts.template ?? this.template(wave.callId, kind, language), values, language) };
  }

  /**
   * Invitations by mail to the wave's live invitations that have an e-mail (all, or the
   * organisations named). An invitation is mailed once: to send again, re-issue it.
   */
  sendInvitations(wave: StoredWave, organisations?: string[]): { queued: string[]; skipped: Array<{ organisation: string; reason: SkipReason }> } {
    return this.store.atomically(() => {
      const live = new Map(this.liveInvitations(wave).map((i) => [i.organisation, i]));
      const wanted = organisations ?? this.store.calls.callMembers(wave.callId).filter((m) => m.active).map((m) => m.organisation);
      const queued: string[] = [];
      const skipped: Array<{ organisation: string; reason: SkipReason }> = [];
      for (const organisation of wanted) {
        const inv = live.get(organisation);
        if (!inv) skipped.push({ organisation, reason: "no-invitation" });
        else if (!inv.email) skipped.push({ organisation, reason: "no-email" });
        else if (this.queue(wave, inv, "invitation", "invitation", `invitation:${inv.id}`).created) queued.push(organisation);
        else skipped.push({ organisation, reason: "already-sent" });
      }
      return { queued, skipped };
    });
  }

  /** Everything due now: reminders of open waves, report-ready notes of waves that closed. Returns how many messages were made. */
  tick(now: Date): number {
    let made = 0;
    for (const call of this.store.calls.calls()) {
      for (const wave of this.store.calls.waves(call.id)) {
        const state = waveState(wave, now);
        if (state === "open") made += this.queueReminders(wave, now);
        else if (state === "closed") made += this.queueReportReady(wave, now);
      }
    }
    return made;
  }

  schedule(waveId: string): ReminderSchedule {
    return this.store.mailSettings.schedule(waveId) ?? DEFAULT_SCHEDULE;
  }

  /**
   * The latest reminder that has fallen due goes to every live invitation with an e-mail,
   * made before it fell due, whose organisation has not submitted. Only the latest: after
   * a long stop, a respondent gets one reminder, not every one that was missed.
   */
  private queueReminders(wave: StoredWave, now: Date): number {
    const due = reminderTimes(wave, this.schedule(wave.id)).filter((r) => r.at <= now.toISOString()).at(-1);
    if (!due) return 0;
    const submitted = new Set(this.store.circles.progress(wave.id).filter((p) => p.everSubmitted).map((p) => p.respondent));
    const active = new Set(this.store.calls.callMembers(wave.callId).filter((m) => m.active).map((m) => m.organisation));
    let made = 0;
    for (const inv of this.liveInvitations(wave)) {
      if (!inv.email || submitted.has(inv.organisation) || !active.has(inv.organisation) || inv.createdAt > due.at) continue;
      if (this.store.mailSettings.reminderSent(wave.id, due.daysBefore, inv.organisation)) continue;
      this.store.atomically(() => {
        const { mail } = this.queue(wave, inv, "reminder", "invitation");
        this.store.mailSettings.recordReminder(wave.id, due.daysBefore, inv.organisation, mail.id, now);
      });
      made++;
    }
    return made;
  }

  /** Each organisation that submitted learns that its feedback report is ready, once. */
  private queueReportReady(wave: StoredWave, now: Date): number {
    const day = closedOn(wave, now);
    if (!day || day < addDays(now.toISOString().slice(0, 10), -REPORT_READY_WINDOW_DAYS)) return 0;
    const submitted = new Set(this.store.circles.progress(wave.id).filter((p) => p.everSubmitted).map((p) => p.respondent));
    let made = 0;
    for (const inv of this.liveInvitations(wave)) {
      if (!inv.email || !submitted.has(inv.organisation)) continue;
      if (this.queue(wave, inv, "report-ready", "report", `report-ready:${wave.id}:${inv.organisation}`).created) made++;
    }
    return made;
  }

  private liveInvitations(wave: StoredWave): InvitationRecord[] {
    return this.store.callEdits.invitations(wave.id).filter((i) => !i.revokedAt);
  }

  /** A message about an invitation, its link made by `maker` when it is sent. */
  private queue(wave: StoredWave, inv: InvitationRecord, kind: MailKind, maker: "invitation" | "report", onceKey?: string) {
    return this.mail.enqueue({ ...this.request(wave, inv, kind, maker), ...(onceKey !== undefined && { onceKey }) });
  }

  private request(wave: StoredWave, inv: InvitationRecord, kind: MailKind, maker: "invitation" | "report") {
    const { subject, text, html } = this.render(wave, inv.organisation, kind);
    return {
      kind,
      to: inv.email!,
      subject,
      text,
      html,
      link: { maker, ref: String(inv.id) },
      callId: wave.callId,
      waveId: wave.id,
      organisationId: inv.organisation,
    };
  }
}
