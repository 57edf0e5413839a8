import type { WaveState } from "../../api/schema/answers.ts";
import { h } from "../shared/dom.ts";
import { formatDate } from "../shared/format.ts";
import { caveatsOf, ifAnswered } from "./caveats.ts";
import { formatNumber, formatPercent } from "../shared/format.ts";
import { exportPanel } from "./network-exports.ts";
import { interviewList } from "../interviews/interview-list.ts";
import { enc, pathParams, startWorkspacePage } from "./workspace-page.ts";
import "./workspace.css";

/** GET /api/calls/:callId/overview */
interface Overview {
  call: { id: string; name: string; start: string; end: string };
  /** Null while the call has no wave (then `waves` and `lots` are empty). */
  wave: { id: string; name: string; state: WaveState } | null;
  waves: Array<{ id: string; name: string; opens: string; closes: string; state: WaveState; submitted: boolean }>;
  lots: Array<{
    id: string;
    number: number;
    name: string;
    figures: { n: number; respondents: number; responseRate: number | null; density: number | null; reciprocity: number | null };
    coordinator: { id: string; name: string; dominanceIndex: number | null } | null;
  }>;
}

/** The call at a glance: one card per lot with its main figures, the waves, and the downloads of the whole call. */
const page = await startWorkspacePage(["workspace", "interview"]);
const { t, main } = page;
const { callId } = pathParams<"callId">("/calls/:callId");
const asked = new URLSearchParams(location.search).get("wave");

async function show(): Promise<void> {
  const o = await page.api<Overview>(`/api/calls/${enc(callId)}/overview${asked ? `?wave=${enc(asked)}` : ""}`);
  document.title = `${o.call.name} · ${t("common:brand")}`;
  const head = (...actions: HTMLElement[]) =>
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, o.call.name), h("p", { class: "muted" }, t("wave.dates", { opens: formatDate(o.call.start), closes: formatDate(o.call.end) }))),
      h("div", { class: "actions" }, ...actions, h("a", { class: "button-link", href: `/calls/${enc(o.call.id)}/admin` }, t("nav.admin"))),
    );
  if (o.wave === null) {
    main.replaceChildren(head(), h("p", { class: "notice", id: "no-waves" }, t("overview.noWaves")));
    main.removeAttribute("aria-busy");
    return;
  }
  const wave = o.wave;
  const waveQuery = `?wave=${enc(wave.id)}`;

  const waves = h(
    "ul",
    { class: "wave-list" },
    ...o.waves.map((w) =>
      h(
        "li",
        { "data-wave": w.id, class: w.id === wave.id ? "current" : "" },
        w.id === wave.id ? h("strong", {}, w.name) : h("a", { href: `?wave=${enc(w.id)}` }, w.name),
        " ",
        h("span", { class: "muted" }, t("wave.dates", { opens: formatDate(w.opens), closes: formatDate(w.closes) })),
        " ",
        h("span", { class: `badge badge-${w.state}` }, t(`wave.state.${w.state}`)),
        w.submitted ? null : h("span", { class: "muted small" }, ` ${t("wave.noCircles")}`),
      ),
    ),
  );

  const cards = o.lots.map((lot) => {
    const f = lot.figures;
    // A lot nobody answered says so below; warnings about its figures would be noise.
    const caveats = f.respondents === 0 ? [] : caveatsOf(f);
    const shown = <T,>(value: T) => ifAnswered(f, value);
    return h(
      "article",
      { class: "card lot-summary", "data-lot": lot.id },
      h("p", { class: "eyebrow" }, t("lot.number", { number: lot.number })),
      h("h3", {}, h("a", { href: `/lots/${enc(lot.id)}${waveQuery}` }, lot.name)),
      h(
        "div",
        { class: "response" },
        h("span", { class: "big-figure" }, formatPercent(shown(f.responseRate))),
        h("span", { class: "muted" }, t("overview.responded", { respondents: f.respondents, n: f.n })),
        h("span", { class: "meter-bar", "aria-hidden": "true" }, h("span", { style: `width:${(f.responseRate ?? 0) * 100}%` })),
      ),
      h(
        "dl",
        { class: "figure-list" },
        h("dt", { title: t("figures.density.meaning") }, t("figures.density.label")),
        h("dd", { "data-figure": "density" }, formatNumber(shown(f.density))),
        h("dt", { title: t("figures.reciprocity.meaning") }, t("figures.reciprocity.label")),
        h("dd", { "data-figure": "reciprocity" }, formatNumber(shown(f.reciprocity))),
        h("dt", {}, t("figures.coordinatorHeading")),
        h("dd", {}, lot.coordinator ? lot.coordinator.name : h("span", { class: "muted" }, t("overview.noCoordinator"))),
        h("dt", { title: t("figures.dominanceIndex.meaning") }, t("figures.dominanceIndex.label")),
        h("dd", { "data-figure": "dominanceIndex" }, formatNumber(shown(lot.coordinator?.dominanceIndex))),
      ),
      f.respondents === 0 && h("p", { class: "muted small nobody" }, t("overview.nobody")),
      caveats.length > 0 && h("p", { class: "caveat" }, caveats.map((c) => t(`caveats.${c}Short`)).join(" · ")),
      h("p", { class: "card-links" }, h("a", { href: `/lots/${enc(lot.id)}${waveQuery}` }, t("overview.openLot"))),
    );
  });

  main.replaceChildren(
    head(h("a", { class: "button-link", href: `/calls/${enc(o.call.id)}/compare${waveQuery}` }, t("nav.compare"))),
    h("section", {}, h("h2", {}, t("overview.waves")), waves, asked ? null : h("p", { class: "muted small" }, t("controls.waveDefault"))),
    h("section", {}, h("h2", {}, t("overview.lots", { wave: wave.name })), h("div", { class: "lot-cards" }, ...cards)),
    await interviewList(page.api, wave.id),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("overview.downloads")),
      h("p", { class: "muted small" }, t("overview.downloadsHint", { wave: wave.name })),
      exportPanel(page, {
        path: `/api/calls/${enc(o.call.id)}/export-graph`,
        view: () => new URLSearchParams({ wave: wave.id }),
        callDocument: `/api/calls/${enc(o.call.id)}/export`,
      }),
    ),
  );
  main.removeAttribute("aria-busy");
}

try {
  await show();
} catch (err) {
  page.fail(err);
}
