import type { CircleBody } from "../../api/circles/respondent-circle.ts";
import type { VersionSummary } from "../../api/schema/answers.ts";
import { ApiError, type ApiProblem } from "../shared/api.ts";

export type SaveStatus = "saved" | "saving" | "offline" | "invalid" | "conflict";

/**
 * A change not yet confirmed by the server, kept in the browser. `baseVersion` is
 * the server version it was made on top of: a pending change is newer than the
 * server's circle unless the server has moved past that version since.
 */
export type Pending<B extends object = CircleBody> = B & { baseVersion: number };

/**
 * What is saved (the whole body, replacing the previous version) and what a save
 * answers. The circle page saves circles; the interview page saves interviews the
 * same way, with `basedOn` and 409 `stale_version`.
 */
export interface DraftSaverOptions<B extends object = CircleBody, S extends { version: number } = VersionSummary> {
  /** localStorage key of this circle's pending change. */
  storageKey: string;
  /** The server version the page was loaded with (0: none yet). */
  baseVersion: number;
  save: (body: B & { basedOn: number }) => Promise<{ saved: S }>;
  onStatus: (status: SaveStatus) => void;
  onSaved: (saved: S) => void;
  /** The server refused the circle (400): its problems, with the body they index into. */
  onRejected: (problems: ApiProblem[], body: B) => void;
  /** Any other refusal that retrying cannot fix: the wave closed, the link was revoked. */
  onRefused: (error: ApiError) => void;
  /**
   * The circle was saved elsewhere since `baseVersion` (409 `stale_version`): saving
   * holds until `rebase` says which version the page's circle now goes on top of.
   */
  onStale: (body: B) => void;
}

const DEBOUNCE_MS = 800;
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 10_000;

/** The pending change kept under `storageKey`, if it looks like a body (`looksRight`). */
export function readPending<B extends object = CircleBody>(
  storageKey: string,
  looksRight: (value: Record<string, unknown>) => boolean = (v) => Array.isArray(v.ties),
): Pending<B> | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey) ?? "null") as Pending<B> | null;
    return value && looksRight(value as Record<string, unknown>) && typeof value.baseVersion === "number" ? value : null;
  } catch {
    return null;
  }
}

/**
 * Saves the whole circle as a draft a moment after each change. The change is
 * written to localStorage first, so a closed tab or a dead server loses nothing;
 * failures are retried with growing pauses and as soon as the browser is back online.
 */
export class DraftSaver<B extends object = CircleBody, S extends { version: number } = VersionSummary> {
  private latest: B | null = null;
  private savedJson: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  /** A send was asked for while another was out. */
  private again = false;
  private retryDelay = RETRY_FIRST_MS;
  private baseVersion: number;
  private stopped = false;
  /** Waiting for the respondent to choose after the circle was saved elsewhere. */
  private held = false;

  constructor(private readonly o: DraftSaverOptions<B, S>) {
    this.baseVersion = o.baseVersion;
    addEventListener("online", () => {
      if (this.latest) this.sendSoon(0);
    });
  }

  /** The circle changed: keep it locally now, send it shortly. */
  change(body: B): void {
    if (this.stopped) return;
    this.latest = body;
    this.keep();
    this.o.onStatus("saving");
    this.retryDelay = RETRY_FIRST_MS;
    this.sendSoon(DEBOUNCE_MS);
  }

  /** Hold back the next save and wait for one in flight (before a submission, which stores the circle itself). */
  async pause(): Promise<void> {
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /** Carry on after pause(): send what is still pending. */
  resume(): void {
    if (this.latest) this.sendSoon(0);
  }

  /** The server version the page's circle is based on; every save and submission says so. */
  get base(): number {
    return this.baseVersion;
  }

  /** The page's circle now goes on top of `version` (the respondent chose to keep it): saving resumes. */
  rebase(version: number): void {
    this.baseVersion = version;
    this.held = false;
    if (this.latest) {
      this.keep();
      this.sendSoon(0);
    }
  }

  /** The circle was stored by other means (a submission). */
  stored(body: B, saved: S): void {
    this.baseVersion = saved.version;
    this.savedJson = JSON.stringify(body);
    if (!this.latest || JSON.stringify(this.latest) === this.savedJson) this.settle();
    else this.sendSoon(0);
  }

  /**
   * No more saving. `forget` drops the copy kept in the browser: right when the wave
   * has closed (it can never be saved), wrong when only the link stopped working,
   * since a re-issued link for the same circle picks the copy up.
   */
  stop(forget: boolean): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (forget) localStorage.removeItem(this.o.storageKey);
  }

  private keep(): void {
    try {
      localStorage.setItem(this.o.storageKey, JSON.stringify({ ...this.latest!, baseVersion: this.baseVersion } satisfies Pending<B>));
    } catch {
      // Storage full or refused (private browsing): the save to the server still goes ahead.
    }
  }

  private sendSoon(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.send(), ms);
  }

  private settle(): void {
    this.latest = null;
    localStorage.removeItem(this.o.storageKey);
    this.o.onStatus("saved");
  }

  private send(): Promise<void> {
    if (this.stopped || this.held || !this.latest) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const body = this.latest;
    const json = JSON.stringify(body);
    if (json === this.savedJson) {
      this.settle();
      return Promise.resolve();
    }
    this.inFlight = this.o
      .save({ ...body, basedOn: this.baseVersion })
      .then(
        ({ saved }) => {
          this.baseVersion = saved.version;
          this.savedJson = json;
          this.o.onSaved(saved);
          if (JSON.stringify(this.latest) === json) this.settle();
          else this.keep();
        },
        (e: unknown) => this.failed(e, body),
      )
      .finally(() => {
        this.inFlight = null;
        if (this.again) {
          this.again = false;
          this.sendSoon(0);
        }
      });
    return this.inFlight;
  }

  private failed(e: unknown, body: B): void {
    const error = e instanceof ApiError ? e : new ApiError(0, "offline", String(e), []);
    if (error.status === 0 || error.status >= 500 || error.status === 429) {
      this.o.onStatus("offline");
      this.sendSoon(this.retryDelay);
      this.retryDelay = Math.min(RETRY_MAX_MS, this.retryDelay * 2);
    } else if (error.status === 409 && error.code === "stale_version") {
      // Kept locally until the respondent chooses; nothing is sent meanwhile.
      this.held = true;
      this.o.onStatus("conflict");
      this.o.onStale(body);
    } else if (error.status === 400) {
      // Kept locally: it is the respondent's work, to be corrected rather than lost.
      this.o.onStatus("invalid");
      this.o.onRejected(error.details, body);
    } else {
      this.o.onRefused(error);
    }
  }
}
