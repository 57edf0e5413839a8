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
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Write a validated call document and its circles in one transaction: all or nothing. */
  importCall(doc: CallDocument, now: Date): void {
    const savedAt = now.toISOString();
    this.db.transaction(() =>
      this.calls.importCall(doc, now, (c, callId) =>
        this.circles.insert({ callId, wave: c.wave, lot: c.lot, respondent: c.respondent, ties: c.ties, ...(c.nextPartners && { nextPartners: c.nextPartners }), savedAt, ...(c.submittedAt !== undefined && { submittedAt: c.submittedAt }), enteredBy: "import" }),
      ),
    )();
  }

  /** Throws when the database cannot answer: the health check. */
  check(): void {
    this.ping.get();
  }

  close(): void {
    this.db.close();
  }
}
