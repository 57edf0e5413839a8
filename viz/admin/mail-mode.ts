import type { TFunction } from "i18next";
import { h } from "../shared/dom.ts";

/** Says plainly whether mail leaves the machine: through the SMTP server, or not at all (the outbox). */
export function mailModeNotice(t: TFunction, mode: "smtp" | "outbox", from: string): HTMLElement {
  return mode === "outbox"
    ? h("p", { class: "notice notice-warn mail-mode", role: "note" }, h("strong", {}, t("mail.mode.outboxTitle")), " ", t("mail.mode.outbox"), " ", h("a", { href: "/outbox" }, t("mail.mode.openOutbox")))
    : h("p", { class: "notice mail-mode", role: "note" }, t("mail.mode.smtp", { from }), " ", h("a", { href: "/outbox" }, t("mail.mode.openOutbox")));
}
