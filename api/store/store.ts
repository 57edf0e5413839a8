import { openDatabase, type Db } from "./database.ts";
import { CallStore } from "./call-store.ts";
import { CallEditStore } from "./call-edit-store.ts";
import { CircleStore } from "./circle-store.ts";
import { TokenStore } from "./token-store.ts";
import { CompositionStore } from "./composition-store.ts";
import { MailStore } from "./mail-store.ts";
import { MailSettingsStore } from "./mail-settings-store.ts";
import { AccountStore } from "./account-store.ts";
import { AccessLogStore } from "./access-log-store.ts";
import { InterviewStore } from "./interview-store.ts";
import type { CallDocument } from "../schema/call-document.ts";

/** The one place that owns the database: calls, circles, tokens, accounts and the access log over one connection. */
export class Store {
  readonly calls: CallStore;
  readonly circles: CircleStore;
  readonly tokens: TokenStore;
  readonly callEdits: CallEditStore;
  readonly composition: CompositionStore;
  readonly mail: MailStore;
  readonly mailSettings: MailSettingsStore;
  readonly accounts: AccountStore;
  readonly accessLog: AccessLogStore;
  readonly interviews: InterviewStore;

  private readonly ping;

  constructor(readonly db: Db) {
    this.ping = db.prepare("SELECT 1");
    this.calls = new CallStore(db);
    this.circles = new CircleStore(db);
    this.tokens = new TokenStore(db);
    this.callEdits = new CallEditStore(db);
    this.composition = new CompositionStore(db);
    this.mail = new MailStore(db);
    this.mailSettings = new MailSettingsStore(db);
    this.accounts = new AccountStore(db);
    this.accessLog = new AccessLogStore(db);
    this.interviews = new InterviewStore(db);
    // Calls and tokens kept in memory are read afresh after any change to a call or its invitations.
    this.callEdits.onChange(() => {
      this.calls.forget();
      this.tokens.forget();
    });
  }

  /** Run `work` as one transaction over several parts of the store (a nested call is a savepoint): all or nothing. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Write a validated call document, its circles and interviews in one transaction: all or nothing. */
  importCall(doc: CallDocument, now: Date): void {
    const savedAt = now.toISOString();
    const lotOf = new Map(doc.lots.flatMap((l) => l.members.map((m) => [m.organisation, l.id] as const)));
    try {
      this.db.transaction(() => {
        this.calls.importCall(doc, now, (c, callId) =>
          this.circles.insert({ callId, wave: c.wave, lot: c.lot, respondent: c.respondent, ties: c.ties, ...(c.nextPartners && { nextPartners: c.nextPartners }), savedAt, ...(c.submittedAt !== undefined && { submittedAt: c.submittedAt }), enteredBy: "import" }),
        );
        for (const interview of doc.interviews ?? []) {
          this.interviews.insert({ callId: doc.call.id, lot: lotOf.get(interview.organisation)!, interview, writtenBy: "import", savedAt });
        }
      })();
    } finally {
      // Only what exists is kept, but a failed import may have been read half-written.
      this.calls.forget();
    }
  }

  /** The call document: the call with its circles, and its interviews when it has any (their latest versions). */
  exportCall(callId: string): CallDocument | undefined {
    const doc = this.calls.exportCall(callId);
    if (!doc) return undefined;
    const interviews = this.interviews
      .latestInCall(callId)
      .map(({ version: _v, lot: _l, savedAt: _s, writtenBy: _w, organisation, wave, ...fields }) => ({ wave, organisation, ...fields }));
    return interviews.length > 0 ? { ...doc, interviews } : doc;
  }

  /** Throws when the database cannot answer: the health check. */
  check(): void {
    this.ping.get();
  }

  close(): void {
    this.db.close();
  }
}
