import type { CircleBody } from "../../api/circles/respondent-circle.ts";
import type { Form } from "../../api/schema/call-document.ts";
import type { VersionSummary } from "../../api/store/circle-store.ts";
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

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const t = (key: string, options?: Record<string, unknown>) => i18next.t(key, options);

/**
 * The circle page once its context is loaded: the picture, the tray, the form and
 * the organisation picker all edit one CircleAnswers; every change is redrawn,
 * announced and handed to the DraftSaver.
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
    this.lastBody = JSON.stringify(this.body());

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
    this.form = new PartnerForm($("partner-form"), this.answers, (id) => this.removeOutside(id));
    this.tray = new PartnerTray($("tray"), this.drawing, this.answers, (id) => this.form.focus(id));
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
    $("disc-heading").textContent = t("title", { organisation: organisation.name });
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
      title: t("picture", { organisation: organisation.name }),
    };
  }

  private redrawRoster(): void {
    const roster = this.roster.list();
    this.drawing.update({ partners: roster });
    this.tray.render(roster);
    this.form.render(roster);
    this.form.setReadOnly(this.closedState !== null);
  }

  /** What is saved: the ties, and the answer to the next-partners question when the wave asks it. */
  private body(): CircleBody {
    return { ties: this.answers.ties(), ...(this.next && { nextPartners: this.next.value() }) };
  }

  private changed(changes: Change[]): void {
    this.drawing.update({ ties: this.answers.ties() });
    for (const partner of new Set(changes.map((c) => c.partner))) {
      this.tray.sync(partner);
      this.form.sync(partner);
    }
    this.announce(changes.map((c) => this.describe(c)).join(" "));
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

  private moved(from: Placement, to: Spot): void {
    if (to.kind === "cell") this.answers.move(from, to);
    else if (to.kind === "outside") this.answers.remove(from.partner, from.form);
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

  /** Server problems (paths like `ties[2].forms.support`) beside the partner they concern. */
  private showProblems(problems: ApiProblem[], body: CircleBody): void {
    const sent = body.ties;
    const byPartner = new Map<string, string[]>();
    this.generalProblems = [];
    for (const p of problems) {
      const match = /^ties\[(\d+)\](?:\.forms\.(\w+))?/.exec(p.path);
      const partner = match ? sent[Number(match[1])]?.partner : undefined;
      const form = match?.[2] && (FORMS as readonly string[]).includes(match[2]) ? t(`common:formsShort.${match[2]}`) : null;
      const message = t("form.rejected", { message: form ? `${form}: ${p.message}` : p.message });
      if (partner && this.roster.ids().includes(partner)) byPartner.set(partner, [...(byPartner.get(partner) ?? []), message]);
      else this.generalProblems.push(message);
    }
    this.form.showProblems(byPartner);
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
      const choice = await chooseVersion($<HTMLDialogElement>("conflict-dialog"), nameOf, this.answers.ties(), current);
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
