import type { AllowedOrigin } from "../access/link-origin.ts";
import type { MetricsService } from "../metrics/metrics-service.ts";
import type { SessionPolicy } from "../staff/caller.ts";
import type { OidcSignIn } from "../staff/oidc-sign-in.ts";
import type { Store } from "../store/store.ts";
import type { MailDelivery } from "../mail/mail-delivery.ts";
import type { WaveMail } from "../calls/wave-mail.ts";

/** What the HTTP layer is given: the domain, a clock, and a log that never sees tokens. */
export interface Context {
  store: Store;
  metrics: MetricsService;
  /** Mail: SMTP through a durable queue, or the outbox. */
  mail: MailDelivery;
  /** Invitations, reminders and report-ready notes of waves. */
  waveMail: WaveMail;
  now: () => Date;
  log: (line: string) => void;
  /** Base of invitation links, e.g. https://netwerkcirkel.example. */
  publicUrl?: string;
  /** Without publicUrl: the hosts links may be made for (loopback when absent). */
  allowedHosts?: AllowedOrigin[];
  /** Requests per minute per address to anything that takes a token; env RATE_LIMIT_PER_MINUTE or 1000 when absent. */
  rateLimitPerMinute?: number;
  /** Idle timeout and lifetime of browser sessions; DEFAULT_SESSION_POLICY when absent. */
  sessions?: SessionPolicy;
  /** Days the access log keeps an entry; DEFAULT_ACCESS_LOG_RETENTION_DAYS when absent. */
  accessLogRetentionDays?: number;
  /** Single sign-on, when an OpenID provider is configured. */
  oidc?: OidcSignIn;
}
