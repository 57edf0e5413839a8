import type { CircleBody } from "../../api/circles/respondent-circle.ts";
import type { Form } from "../../api/schema/call-document.ts";
import type { VersionSummary } from "../../api/schema/answers.ts";
import { ApiError, type ApiProblem } from "../shared/api.ts";
import { formatDate, formatDateTime } from "../shared/format.ts";
import { i18next } from "../shared/i18n.ts";
import { CircleAnswers, type Change } from "./circle-answers.ts";
import { drawCircle, type CircleDrawing, type CircleLabels } from "./circle-drawing.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { SCORES, type Placement, type Score, type Spot } from "./circle-geometry.ts";
import type { CircleContext, CircleSource, StoredCircle } from "./circle-source.ts";
import { h } from "../shared/dom.ts";
import { DraftSaver, readPending, type SaveStatus } from "./draft-saver.ts";
import { NextPartnersStep } from "./next-partners-step.ts";
import { OrganisationPicker } from "./organisation-picker.ts";
import { PartnerForm } from "./partner-form.ts";
import { PartnerTray } from "./partner-tray.ts";
import { Roster } from "./roster.ts";
import { chooseVersion } from "./conflict-dialog.ts";
import { confirmSubmission } from "./submit-dialog.ts";
import { ChannelChoices } from "./channel-choices.ts";
import { DesiredStep } from "./desired-step.ts";
import { tiesWith, withoutDesired } from "./circle-ties.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

type Step = "current" | "desired";

/**
 * The circle page once its context is loaded: the picture, the tray, the form and
 * the organisation picker all edit one CircleAnswers; every change is redrawn,
 * announced and handed to the DraftSaver. When the wave asks the desired situation,
 * a second step shows the same disc with the current circle faint under the desired
 * one, edited by a DesiredStep; the channels, when asked, sit in the form's rows.
 */
export class CirclePage {
  private readonly roster: Roster;
  private readonly answers: CircleAnswers;
  private readonly drawing: CircleDrawing;
  private readonly tray: PartnerTray;
  private readonly form: PartnerForm;
  private readonly picker: OrganisationPicker;
  private readonly saver: DraftSaver;
  /** The next-partners question, when the wave asks it. */
  private readonly next: NextPartnersStep | null = null;
  /** The desired situation and the channels, when the wave asks them. */
  private readonly desired: DesiredStep | null = null;
  private readonly channels: ChannelChoices | null = null;
  private step: Step = "current";
  private lastBody: string;
  private status: SaveStatus | null = null;
  private submittedAt: string | null;
  private changedSinceSubmit: boolean;
  private closedState: CircleContext["wave"]["state"] | null = null;
  private unsavedAtClose = false;
  private generalProblems: string[] = [];
  private resolving = false;

  constructor(
    private readonly source: CircleSource,
    private context: CircleContext,
    stored: StoredCircle,
  ) {
    this.roster = new Roster(context);
    this.answers = new CircleAnswers(() => this.roster.ids());

    const storageKey = `netwerkcirkel.pendingCircle.${source.mode}.${context.wave.id}.${context.organisation.id}`;
    const server = stored.current;
    const pending = readPending(storageKey);
    const open = context.wave.state === "open";
    const asked = context.wave.asks.nextPartners;
    const bodyOf = (b: CircleBody | null | undefined): CircleBody => ({
      ties: b?.ties ?? [],
      ...(asked && { nextPartners: b?.nextPartners ?? { with: [], without: [] } }),
    });
    // A change kept in the browser is sent again, on the version it was made on: when the
    // server has moved past that version since, the respondent is asked which to keep.
    const resend = open && pending !== null && JSON.stringify(bodyOf(pending)) !== JSON.stringify(bodyOf(server));
    if (pending && !resend) localStorage.removeItem(storageKey);
    const start = bodyOf(resend ? pending : server);
    for (const tie of start.ties) this.roster.add(tie.partner);
    this.answers.load(start.ties);
    if (start.nextPartners) {
      const everyone = [...context.partners, ...context.others].map(({ id, name, initials }) => ({ id, name, initials }));
      this.next = new NextPartnersStep($("next-partners"), everyone, start.nextPartners, (_value, said) => this.wishChanged(said));
    }
    if (context.wave.asks.channels) this.channels = new ChannelChoices(start.ties, this.answers, (said) => this.wishChanged(said));

    const submitted = stored.versions.filter((v) => v.status === "submitted").at(-1);
    this.submittedAt = submitted?.submittedAt ?? null;
    this.changedSinceSubmit = submitted !== undefined && (resend || (server?.version ?? 0) > submitted.version);

    this.drawing = drawCircle($("disc"), {
      partners: this.roster.list(),
      ties: this.answers.ties(),
      labels: this.labels(),
      readOnly: false,
      onMove: (from, to) => this.moved(from, to),
    });
    this.form = new PartnerForm($("partner-form"), this.answers, (id) => this.removeOutside(id), this.channels ? { extras: this.channels } : {});
    this.tray = new PartnerTray($("tray"), this.drawing, this.answers, (id) => this.form.focus(id));
    if (context.wave.asks.desired) {
      const parts = { tray: $("desired-tray"), form: $("desired-form"), noneZone: $("none-zone"), drawing: this.drawing };
      this.desired = new DesiredStep(parts, start.ties, () => this.roster.list(), this.answers, (id) => this.removeOutside(id), (said) => this.desiredChanged(said));
      $("steps").hidden = false;
      for (const step of ["current", "desired"] as const) $(`step-${step}`).addEventListener("click", () => this.showStep(step));
      $("next-step-button").addEventListener("click", () => this.showStep("desired"));
    }
    this.lastBody = JSON.stringify(this.body());
    this.picker = new OrganisationPicker($("picker"), () => this.roster.available(), (id) => this.addOutside(id));
    this.saver = new DraftSaver({
      storageKey,
      baseVersion: resend ? pending.baseVersion : (server?.version ?? 0),
      save: (t) => source.save(t),
      onStatus: (s) => this.setStatus(s),
      onSaved: (saved) => this.saved(saved),
      onRejected: (problems, sent) => this.showProblems(problems, sent),
      onRefused: (error) => void this.refused(error),
      onStale: () => void this.resolveConflict(),
    });
    this.answers.onChange((changes) => this.changed(changes));
    $("submit-button").addEventListener("click", () => void this.submit());

    this.relabel();
    this.showStep("current", false);
    if (!open) this.makeReadOnly(context.wave.state);
    else if (resend) this.saver.change(this.body());
    else if (server) this.setStatus("saved");
    $("loading").hidden = true;
    $("circle-page").hidden = false;
  }

  /** Every text on the page, again in the current language. */
  relabel(): void {
    const { call, wave, lot, organisation } = this.context;
    document.title = `${t("common:brand")} – ${organisation.name}`;
    $("context-line").textContent = `${call.name} · ${wave.name} · ${t("lot", { number: lot.number, name: lot.name })}`;
    const desired = this.step === "desired";
    $("disc-heading").textContent = t(desired ? "desired:title" : "title", { organisation: organisation.name });
    $("disc-intro").textContent = t(desired ? "desired:intro" : "intro");
    $("form-heading").textContent = t(desired ? "desired:form.heading" : "form.heading");
    $("form-intro").textContent = t(desired ? "desired:form.intro" : "form.intro");
    $("steps").setAttribute("aria-label", t("desired:steps.label"));
    for (const step of ["current", "desired"] as const) $(`step-${step}`).textContent = t(`desired:steps.${step}`);
    $("next-step-button").textContent = t("desired:steps.next");
    $("disc-key").replaceChildren(
      ...(["ghost", "chip"] as const).map((kind) =>
        h("li", {}, discKeySample(kind), h("span", {}, t(kind === "ghost" ? "desired:key.now" : "desired:key.desired"))),
      ),
    );
    $("disc-key").setAttribute("aria-label", t("desired:key.label"));
    const paper = $("paper-banner");
    paper.hidden = this.source.mode !== "paper";
    paper.textContent = t("paper", { organisation: organisation.name });
    $("score-legend").replaceChildren(
      ...[...SCORES].reverse().map((s) => {
        const li = h("li");
        li.append(h("span", { class: "score-badge" }, String(s)), h("span", {}, t(`common:scores.${s}`)));
        return li;
      }),
    );
    $("form-legend").replaceChildren(
      ...FORMS.map((f) => {
        const li = h("li", { id: `wording-${f}`, "data-form": f });
        li.append(h("span", { class: "swatch", "aria-hidden": "true" }), h("strong", {}, t(`common:formsShort.${f}`)), h("span", {}, ` – ${t(`common:forms.${f}`)}`));
        return li;
      }),
    );
    this.drawing.update({ labels: this.labels() });
    this.redrawRoster();
    this.picker.relabel();
    this.next?.relabel();
    this.showProgress();
    if (this.status) this.setStatus(this.status);
    this.showSubmitState();
    if (this.closedState) this.makeReadOnly(this.closedState);
    this.showGeneralProblems();
  }

  private labels(): CircleLabels {
    const { organisation } = this.context;
    return {
      forms: Object.fromEntries(FORMS.map((f) => [f, t(`common:formsShort.${f}`)])) as Record<Form, string>,
      scores: Object.fromEntries(SCORES.map((s) => [s, t(`common:scores.${s}`)])) as Record<Score, string>,
      centre: organisation,
      title: t(this.step === "desired" ? "desired:picture" : "picture", { organisation: organisation.name }),
      ghost: t("desired:ghost"),
    };
  }

  /**
   * Show a step: the current circle, or the desired one over it (faint). `focus`
   * takes the keyboard to the step's heading, so a screen reader hears where it is.
   */
  private showStep(step: Step, focus = true): void {
    this.step = this.desired ? step : "current";
    const desired = this.step === "desired";
    $("current-tray-box").hidden = desired;
    $("desired-tray-box").hidden = !desired;
    $("partner-form").hidden = desired;
    $("desired-form").hidden = !desired;
    $("disc-key").hidden = !desired;
    $("desired-progress").hidden = !desired;
    $("next-step").hidden = desired || this.desired === null;
    // With a desired step, the question about the next call follows it, at the end.
    $("next-partners").hidden = this.next === null || (this.desired !== null && !desired);
    for (const s of ["current", "desired"] as const) {
      if (s === this.step) $(`step-${s}`).setAttribute("aria-current", "step");
      else $(`step-${s}`).removeAttribute("aria-current");
    }
    if (desired) this.desired!.refresh();
    this.redrawDisc();
    this.relabel();
    if (focus) {
      const heading = $("disc-heading");
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  /** The disc of the step shown: the current circle, or the desired one with the current one faint under it. */
  private redrawDisc(): void {
    const desired = this.step === "desired" && this.desired;
    this.drawing.update(desired ? { ties: desired.answers.ties(), ghosts: this.answers.ties() } : { ties: this.answers.ties(), ghosts: [] });
  }

  /** How many partners of the current circle still need a desired place, beside the desired form. */
  private showProgress(): void {
    if (!this.desired) return;
    const missing = this.missingDesired();
    const box = $("desired-progress");
    box.dataset.state = missing.length ? "todo" : "done";
    box.textContent = missing.length ? t("desired:progress.todo", { count: missing.length, names: missing.join(", ") }) : t("desired:progress.done");
  }

  private missingDesired(): string[] {
    const nameOf = new Map(this.roster.list().map((p) => [p.id, p.name]));
    return withoutDesired(this.body().ties).map((id) => nameOf.get(id) ?? id);
  }

  private redrawRoster(): void {
    const roster = this.roster.list();
    this.drawing.update({ partners: roster });
    this.tray.render(roster);
    this.form.render(roster);
    this.form.setReadOnly(this.closedState !== null);
    this.desired?.render(roster);
    this.desired?.setReadOnly(this.closedState !== null);
  }

  /** What is saved: the ties with what the wave asks of them, and the answer to the next-partners question. */
  private body(): CircleBody {
    const extras = { ...(this.desired && { desired: this.desired.value() }), ...(this.channels && { channels: this.channels.value() }) };
    return { ties: tiesWith(this.answers.ties(), extras, this.roster.ids()), ...(this.next && { nextPartners: this.next.value() }) };
  }

  private changed(changes: Change[]): void {
    this.redrawDisc();
    for (const partner of new Set(changes.map((c) => c.partner))) {
      this.tray.sync(partner);
      this.form.sync(partner);
    }
    this.desired?.refresh();
    this.showProgress();
    this.announce(changes.map((c) => this.describe(c)).join(" "));
    this.saveIfChanged();
  }

  private desiredChanged(announcement: string): void {
    this.redrawDisc();
    this.showProgress();
    this.announce(announcement);
    this.saveIfChanged();
  }

  private wishChanged(announcement: string): void {
    this.announce(announcement);
    this.saveIfChanged();
  }

  private saveIfChanged(): void {
    const body = this.body();
    const json = JSON.stringify(body);
    if (json === this.lastBody) return;
    this.lastBody = json;
    if (this.submittedAt) this.changedSinceSubmit = true;
    this.showSubmitState();
    this.saver.change(body);
  }

  private describe({ partner, form, score }: Change): string {
    const name = this.roster.list().find((p) => p.id === partner)?.name ?? partner;
    const formName = t(`common:formsShort.${form}`);
    if (score === undefined) return t("announce.removed", { name, form: formName });
    if (score === null) return t("announce.unscored", { name, form: formName });
    return t("announce.set", { name, form: formName, score });
  }

  private announce(message: string): void {
    const live = $("announcer");
    // Emptied first so that the same message twice is still read out.
    live.textContent = "";
    requestAnimationFrame(() => (live.textContent = message));
  }

  /** A chip dragged on the disc: in the desired step it is a desired placement. */
  private moved(from: Placement, to: Spot): void {
    const answers = this.step === "desired" && this.desired ? this.desired.answers : this.answers;
    if (to.kind === "cell") answers.move(from, to);
    else if (to.kind === "outside") answers.remove(from.partner, from.form);
  }

  private addOutside(id: string): void {
    this.roster.add(id);
    this.redrawRoster();
    const name = this.roster.list().find((p) => p.id === id)?.name ?? id;
    this.announce(t("add.added", { name }));
  }

  private removeOutside(id: string): void {
    const name = this.roster.list().find((p) => p.id === id)?.name ?? id;
    this.answers.forget(id);
    this.desired?.forget(id);
    this.roster.remove(id);
    this.redrawRoster();
    this.announce(t("add.removed", { name }));
    $("picker-input").focus();
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    const box = $("save-status");
    box.hidden = this.closedState !== null;
    box.dataset.status = status;
    box.textContent = t(`status.${status}`);
  }

  private saved(saved: VersionSummary): void {
    this.generalProblems = [];
    this.form.showProblems(new Map());
    this.showGeneralProblems();
    if (saved.status === "submitted") this.submittedAt = saved.submittedAt ?? null;
  }

  /**
   * Server problems (paths like `ties[2].forms.support`) beside the partner they
   * concern, in the desired form when they are about the desired situation.
   */
  private showProblems(problems: ApiProblem[], body: CircleBody): void {
    const sent = body.ties;
    const byPartner = new Map<string, string[]>();
    const desiredByPartner = new Map<string, string[]>();
    this.generalProblems = [];
    for (const p of problems) {
      const match = /^ties\[(\d+)\](?:\.(forms|desired))?(?:\.(\w+))?/.exec(p.path);
      const partner = match ? sent[Number(match[1])]?.partner : undefined;
      const form = match?.[3] && (FORMS as readonly string[]).includes(match[3]) ? t(`common:formsShort.${match[3]}`) : null;
      const message = t("form.rejected", { message: form ? `${form}: ${p.message}` : p.message });
      const rows = match?.[2] === "desired" && this.desired ? desiredByPartner : byPartner;
      if (partner && this.roster.ids().includes(partner)) rows.set(partner, [...(rows.get(partner) ?? []), message]);
      else this.generalProblems.push(message);
    }
    this.form.showProblems(byPartner);
    this.desired?.form.showProblems(desiredByPartner);
    this.showGeneralProblems();
  }

  private showGeneralProblems(): void {
    const box = $("form-problems");
    box.hidden = this.generalProblems.length === 0 && !this.unsavedAtClose;
    box.textContent = [...(this.unsavedAtClose ? [t("closedUnsaved")] : []), ...this.generalProblems].join(" ");
  }

  /** A refusal that retrying cannot fix: the wave closed under us, or the link stopped working. */
  private async refused(error: ApiError): Promise<void> {
    this.saver.stop(error.code === "wave_closed");
    if (error.code === "wave_closed") {
      this.unsavedAtClose = true;
      this.context = await this.source.context().catch(() => this.context);
      this.makeReadOnly(this.context.wave.state === "upcoming" ? "upcoming" : "closed");
    } else {
      showFailure(error.status === 401 || error.status === 403 ? (this.source.mode === "paper" ? "session" : "link") : "unavailable");
    }
  }

  private makeReadOnly(state: CircleContext["wave"]["state"]): void {
    this.closedState = state;
    this.saver.stop(true);
    this.drawing.update({ readOnly: true });
    this.form.setReadOnly(true);
    this.desired?.setReadOnly(true);
    this.picker.setDisabled(true);
    this.next?.setReadOnly(true);
    document.body.classList.add("read-only");
    $("save-status").hidden = true;
    const banner = $("state-banner");
    banner.hidden = false;
    banner.dataset.state = state;
    const { wave } = this.context;
    banner.textContent = state === "upcoming" ? t("upcoming", { date: formatDate(wave.opens, "long") }) : t("closed", { date: formatDate(wave.closedOn ?? wave.closes, "long") });
    if (state === "closed") {
      // The return for the effort: the organisation's own feedback report.
      banner.append(" ", h("a", { href: this.source.reportPath, id: "report-link" }, t("reportLink")));
    }
    this.showGeneralProblems();
  }

  private showSubmitState(): void {
    const note = $("submit-note");
    const closes = formatDate(this.context.wave.closes, "long");
    note.textContent = !this.submittedAt
      ? t("submit.notYet", { closes })
      : this.changedSinceSubmit
        ? t("submit.changedSince", { date: formatDateTime(this.submittedAt, "long") })
        : t("submit.done", { date: formatDateTime(this.submittedAt, "long"), closes });
    note.dataset.state = !this.submittedAt ? "draft" : this.changedSinceSubmit ? "changed" : "submitted";
    $("submit-button").textContent = t(this.submittedAt ? "submit.again" : "submit.button");
  }

  /**
   * The circle was saved elsewhere since this page loaded it. Show the newer circle
   * beside this page's and keep the one the respondent chooses; the other stays in
   * the circle's history: this page's is stored under the newer one, or on top of it.
   */
  private async resolveConflict(): Promise<void> {
    if (this.resolving) return;
    this.resolving = true;
    this.setStatus("conflict");
    try {
      const { current } = await this.source.circle();
      if (!current) throw new ApiError(0, "offline", "the stored circle is missing", []);
      const everyone = [...this.context.partners, ...this.context.others];
      const nameOf = new Map(everyone.map((o) => [o.id, o.name]));
      const choice = await chooseVersion($<HTMLDialogElement>("conflict-dialog"), nameOf, this.body().ties, current);
      if (choice === "mine") {
        this.saver.rebase(current.version);
        this.saver.change(this.body());
      } else {
        const aside = await this.source.save({ ...this.body(), basedOn: current.version });
        const newer: CircleBody = { ties: current.ties, ...(current.nextPartners && { nextPartners: current.nextPartners }) };
        const restore = current.status === "submitted" ? this.source.submit : this.source.save;
        await restore({ ...newer, basedOn: aside.saved.version });
        this.saver.stop(true);
        location.reload();
      }
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, "offline", String(e), []);
      if (error.status === 0 || error.status >= 500 || error.code === "stale_version") {
        // Ask again in a moment, with whatever is newest then.
        this.setStatus("offline");
        setTimeout(() => void this.resolveConflict(), 2000);
      } else void this.refused(error);
    } finally {
      this.resolving = false;
    }
  }

  private async submit(): Promise<void> {
    const missing = this.desired ? this.missingDesired() : [];
    if (missing.length) {
      // The API would refuse it: lead the respondent to the partners that still need a desired place.
      this.showStep("desired", false);
      this.generalProblems = [t("desired:progress.submit", { count: missing.length, names: missing.join(", ") })];
      this.showGeneralProblems();
      $("desired-form").querySelector<HTMLElement>(".partner-row.todo input")?.focus();
      return;
    }
    await this.saver.pause();
    const body = this.body();
    const submitted = await confirmSubmission($<HTMLDialogElement>("submit-dialog"), this.roster.list(), body.ties, async () => {
      try {
        const { saved } = await this.source.submit({ ...body, basedOn: this.saver.base });
        this.saver.stored(body, saved);
        this.saved(saved);
        this.changedSinceSubmit = false;
        return null;
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError(0, "offline", String(e), []);
        if (error.status === 400) {
          this.showProblems(error.details, body);
          return t("submit.invalid");
        }
        if (error.status === 0 || error.status >= 500) return t("submit.offline");
        if (error.code === "stale_version") {
          void this.resolveConflict();
          return false;
        }
        void this.refused(error);
        return t(error.code === "wave_closed" ? "submit.closed" : "submit.refused");
      }
    });
    this.showSubmitState();
    if (submitted) this.announce(t("submit.announce"));
    else this.saver.resume();
    $("submit-button").focus();
  }
}

/** A sample of a placed chip or a faint current one, for the key under the disc. */
function discKeySample(kind: "ghost" | "chip"): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "-12 -12 24 24");
  svg.setAttribute("class", `circle-drawing key-sample key-${kind}`);
  svg.setAttribute("aria-hidden", "true");
  const g = document.createElementNS(ns, "g");
  g.setAttribute("class", kind);
  g.setAttribute("data-form", "support");
  const circle = document.createElementNS(ns, "circle");
  circle.setAttribute("r", kind === "ghost" ? "9" : "10");
  g.append(circle);
  svg.append(g);
  return svg;
}

export type FailureKind = "link" | "session" | "missing" | "unavailable";
let failure: FailureKind | null = null;

/** A plain page that says only that this does not work, and nothing about the call. */
export function showFailure(kind: FailureKind): void {
  failure = kind;
  $("loading").hidden = true;
  $("circle-page").hidden = true;
  $("failure").hidden = false;
  document.title = t("common:brand");
  $("context-line").textContent = "";
  $("save-status").hidden = true;
  $("failure-heading").textContent = t(`failure.${kind}.heading`);
  $("failure-text").textContent = t(`failure.${kind}.text`);
  $("failure-action").hidden = kind !== "session";
  const link = $<HTMLAnchorElement>("failure-link");
  link.textContent = t("failure.signIn");
  link.href = `/?next=${encodeURIComponent(location.pathname)}`;
}

export function relabelFailure(): void {
  if (failure) showFailure(failure);
}
