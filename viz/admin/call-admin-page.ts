import { apiFetch } from "../shared/api.ts";
import { startStaffPage } from "../shared/topbar.ts";
import type { AdminPage } from "./admin-page.ts";
import type { CallView } from "./call-types.ts";
import { h } from "../shared/dom.ts";
import { saveBlob } from "../shared/download.ts";
import { formatDate } from "../shared/format.ts";
import { invitationsPanel } from "./invitations-panel.ts";
import { mailPanel } from "./mail-panel.ts";
import { lotsPanel } from "./lots-panel.ts";
import { act, showError } from "../shared/notice.ts";
import { warningsNotice } from "./call-warnings.ts";
import { wavesPanel } from "./waves-panel.ts";

/**
 * Running one call: its organisations and lots, its waves and their progress, and
 * (for admins) the invitation links. Evaluators see the same page without the
 * controls that change the call, and enter paper circles from it.
 */
const { token, t, session } = await startStaffPage(["admin"], "calls");
const main = document.getElementById("main")!;
const callId = decodeURIComponent(location.pathname.split("/")[2] ?? "");
const callPath = `/api/calls/${encodeURIComponent(callId)}`;

const page: AdminPage = {
  t,
  isAdmin: session.role === "admin",
  callId,
  view: undefined as unknown as CallView,
  api: (path, init) => apiFetch(token, path, init),
  refresh: async () => {
    page.view = await page.api<CallView>(callPath);
    draw();
  },
};

const title = h("h1", {});
const subtitle = h("p", { class: "muted" });
const headNotice = h("div", { "aria-live": "polite" });
const warningsBox = h("div", { id: "call-warnings" });
const download = h("button", { type: "button", class: "secondary" }, t("admin.download"));
download.addEventListener("click", () => {
  void act(download, headNotice, t, () => page.api(`${callPath}/export?format=json`)).then(
    (doc) => doc && saveBlob(`${callId}.json`, new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: "application/json" })),
  );
});
const panels = [lotsPanel(page), wavesPanel(page), ...(page.isAdmin ? [invitationsPanel(page), mailPanel(page)] : [])];

function draw(): void {
  const { call } = page.view;
  document.title = `${call.name} · ${t("admin.title")} · ${t("common:brand")}`;
  title.textContent = call.name;
  subtitle.textContent = `${call.id} · ${formatDate(call.start)} – ${formatDate(call.end)}`;
  warningsBox.replaceChildren(...[warningsNotice(t, page.view, page.view.warnings)].filter((n) => n !== null));
  for (const p of panels) p.render();
}

try {
  page.view = await page.api<CallView>(callPath);
  main.replaceChildren(
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("p", { class: "eyebrow" }, h("a", { href: "/calls" }, t("calls.title")), " / ", t("admin.title")), title, subtitle),
      h("div", { class: "actions" }, h("a", { class: "button-link", href: `/calls/${encodeURIComponent(callId)}` }, t("admin.overview")), download),
    ),
    headNotice,
    warningsBox,
    h(
      "nav",
      { class: "section-nav", "aria-label": t("admin.sections") },
      h("a", { href: "#lots" }, t("lots.title")),
      h("a", { href: "#waves" }, t("waves.title")),
      page.isAdmin && h("a", { href: "#invitations" }, t("invitations.title")),
      page.isAdmin && h("a", { href: "#mail" }, t("mail.title")),
    ),
    ...panels.map((p) => p.section),
  );
  draw();
} catch (err) {
  showError(main, t, err);
} finally {
  main.removeAttribute("aria-busy");
}
