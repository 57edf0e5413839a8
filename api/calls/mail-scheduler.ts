import type { WaveMail } from "./wave-mail.ts";

/**
 * Looks once a minute (and at start) for reminders that fell due and waves that
 * closed. Everything it decides lives in the database, so a restart picks up what
 * fell due while the server was down; stopping it only ends the timer.
 */
export class MailScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly waveMail: WaveMail,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
    private readonly everyMs = 60_000,
  ) {}

  start(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.everyMs);
    this.timer.unref();
  }

  /** Make every message that is due now; returns how many. */
  run(): number {
    try {
      return this.waveMail.tick(this.now());
    } catch (err) {
      this.log(`mail schedule: ${err instanceof Error ? err.message : String(err)}`);
      return 0;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
