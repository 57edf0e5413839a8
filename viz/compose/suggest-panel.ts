import type { History } from "../../api/composition/composition-schema.ts";
import type { Proposal } from "../../api/schema/proposals.ts";
import type { SuggestResponse, Suggestion } from "../../api/composition/suggestion-schema.ts";
import { ApiError, apiFetch } from "../shared/api.ts";
import { field, h } from "../shared/dom.ts";
import { formatNumber } from "../shared/format.ts";

type T = (key: string, options?: Record<string, unknown>) => string;

export interface SuggestPanelHost {
  token: string;
  t: T;
  /** The proposal on screen: its members are the organisations to place, its lots the number of lots. */
  current: () => Proposal;
  history: () => History;
  nameOf: (id: string) => string;
  /** Open a suggestion as a proposal beside the hand-made ones. */
  open: (proposal: Proposal) => void;
}

/** The three weights as plain-language sliders: the left end, the right end, and the range. */
const SLIDERS = [
  { weight: "priorTies", min: 0, max: 3, initial: 1 },
  { weight: "preferences", min: 0, max: 3, initial: 1 },
  { weight: "sectorMix", min: -2, max: 2, initial: 0 },
] as const;

/**
 * "Suggest": ask the server for the best compositions of the organisations on the
 * board (weights, size bounds, coordinators kept, pairs together or apart, no
 * newcomers, time limit) and show each with its score, its parts, whether it is proven
 * optimal, and one line per lot on what holds it together; any of them opens as a
 * proposal like a hand-made one. `refresh` follows the board's organisations.
 */
export function renderSuggestPanel(root: HTMLElement, host: SuggestPanelHost): { refresh: () => void } {
  const { t } = host;
  const members = () => host.current().lots.flatMap((l) => l.members);
  const number = (name: string, value: number, min: number, max: number, step = 1) =>
    h("input", { type: "number", name, value, min, max, step, class: "narrow" });
  const lots = number("lots", Math.max(1, host.current().lots.length), 1, 100);
  const minSize = number("minSize", 2, 1, 500);
  const maxSize = number("maxSize", Math.max(2, Math.ceil(members().length / Math.max(1, host.current().lots.length)) + 2), 1, 500);
  const count = number("count", 3, 1, 10);
  const seconds = number("timeLimitSeconds", 5, 1, 60);
  const keepCoordinators = h("input", { type: "checkbox", name: "keepCoordinators", checked: true });
  const noNewcomers = h("input", { type: "checkbox", name: "noNewcomers" });
  const sliders = SLIDERS.map((s) => {
    const input = h("input", { type: "range", name: s.weight, min: s.min, max: s.max, step: 0.5, value: s.initial, id: `weight-${s.weight}` });
    // A screen reader hears the position in words, as the ends show it, not only a number.
    const say = () => input.setAttribute("aria-valuetext", weightInWords(s, Number(input.value)));
    say();
    input.addEventListener("input", say);
    const row = h(
      "div",
      { class: "weight" },
      h("label", { for: input.id, class: "weight-label" }, t(`suggest.weights.${s.weight}.label`)),
      h("span", { class: "weight-end muted", "aria-hidden": "true" }, t(`suggest.weights.${s.weight}.low`)),
      input,
      h("span", { class: "weight-end muted", "aria-hidden": "true" }, t(`suggest.weights.${s.weight}.high`)),
    );
    input.setAttribute("aria-describedby", `weight-${s.weight}-ends`);
    row.append(h("span", { id: `weight-${s.weight}-ends`, class: "visually-hidden" }, `${t(`suggest.weights.${s.weight}.low`)} – ${t(`suggest.weights.${s.weight}.high`)}`));
    return { s, input, row };
  });
  const pairs = { together: pairPicker("together"), apart: pairPicker("apart") };
  /** "0: do not matter", "1.5 of 3", "−1: towards alike sectors", "0: no preference". */
  function weightInWords(s: (typeof SLIDERS)[number], value: number): string {
    const n = formatNumber(value, 1);
    const end = (side: "low" | "high") => t(`suggest.weights.${s.weight}.${side}`);
    if (value === s.min) return `${n}: ${end("low")}`;
    if (value === s.max) return `${n}: ${end("high")}`;
    if (s.min >= 0) return t("suggest.weightOf", { value: n, max: formatNumber(s.max, 1) });
    if (value === 0) return `${n}: ${t("suggest.noPreference")}`;
    return `${n}: ${t("suggest.towards", { end: end(value < 0 ? "low" : "high") })}`;
  }
  const state = h("p", { class: "suggest-state muted", role: "status" });
  const results = h("ol", { class: "suggestions" });
  const button = h("button", { type: "submit" }, t("suggest.run"));
  const form = h(
    "form",
    { class: "suggest-form" },
    h("fieldset", { class: "weights" }, h("legend", {}, t("suggest.weightsHeading")), ...sliders.map((x) => x.row)),
    h(
      "fieldset",
      { class: "constraints" },
      h("legend", {}, t("suggest.constraintsHeading")),
      field(t("suggest.lots"), lots),
      field(t("suggest.minSize"), minSize),
      field(t("suggest.maxSize"), maxSize),
      h("label", { class: "check" }, keepCoordinators, t("suggest.keepCoordinators")),
      h("label", { class: "check" }, noNewcomers, t("suggest.noNewcomers")),
      field(t("suggest.count"), count),
      field(t("suggest.timeLimit"), seconds, t("suggest.timeLimitHint")),
    ),
    h(
      "fieldset",
      { class: "pairs" },
      h("legend", {}, t("suggest.pairsHeading")),
      pairs.together.element,
      pairs.apart.element,
    ),
    h("div", { class: "suggest-actions" }, button, state),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run();
  });
  root.replaceChildren(
    h("h2", { id: "suggest-heading" }, t("suggest.heading")),
    h("p", { class: "muted intro" }, t("suggest.intro")),
    form,
    results,
  );

  async function run(): Promise<void> {
    const proposal = host.current();
    const body = {
      organisations: members(),
      lots: Number(lots.value),
      minSize: Number(minSize.value),
      maxSize: Number(maxSize.value),
      coordinators: keepCoordinators.checked ? proposal.lots.flatMap((l) => (l.coordinator ? [l.coordinator] : [])) : [],
      together: pairs.together.value(),
      apart: pairs.apart.value(),
      noNewcomers: noNewcomers.checked,
      weights: Object.fromEntries(sliders.map((x) => [x.s.weight, Number(x.input.value)])),
      waves: host.history(),
      count: Number(count.value),
      timeLimitSeconds: Number(seconds.value),
    };
    button.disabled = true;
    state.textContent = t("suggest.running", { seconds: body.timeLimitSeconds });
    results.replaceChildren();
    try {
      const answer = await apiFetch<SuggestResponse>(host.token, "/api/composition/suggest", { method: "POST", body });
      state.textContent = t("suggest.found", { count: answer.suggestions.length, seconds: formatNumber(answer.search.seconds, 1) });
      results.replaceChildren(...answer.suggestions.map((s, i) => suggestionCard(s, i)));
    } catch (e) {
      state.textContent =
        e instanceof ApiError && e.status === 400
          ? t("suggest.impossible", { reasons: e.details.map((d) => d.message).join("; ") })
          : t("suggest.failed", { message: e instanceof Error ? e.message : String(e) });
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Pairs of organisations on the board that must share a lot (`together`) or must not
   * (`apart`): pick two, add the pair; each listed pair has its remove button.
   */
  function pairPicker(kind: "together" | "apart") {
    const list: Array<[string, string]> = [];
    const pick = (n: 1 | 2) => h("select", { name: `${kind}-${n}` });
    const first = pick(1);
    const second = pick(2);
    const listed = h("ul", { class: "pair-list" });
    const add = h("button", { type: "button", class: "secondary" }, t("suggest.addPair"));
    const draw = () => {
      listed.replaceChildren(
        ...list.map(([a, b], i) =>
          h(
            "li",
            {},
            h("span", {}, t("suggest.pair", { a: host.nameOf(a), b: host.nameOf(b) })),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                "aria-label": t("suggest.removePair", { a: host.nameOf(a), b: host.nameOf(b) }),
                title: t("suggest.removePair", { a: host.nameOf(a), b: host.nameOf(b) }),
                onclick: () => {
                  list.splice(i, 1);
                  draw();
                  add.focus();
                },
              },
              "×",
            ),
          ),
        ),
      );
    };
    const refresh = () => {
      const ids = members();
      const options = () => ids.map((id) => h("option", { value: id }, host.nameOf(id))).sort((x, y) => x.text.localeCompare(y.text));
      for (const select of [first, second]) {
        const chosen = select.value;
        select.replaceChildren(...options());
        if (ids.includes(chosen)) select.value = chosen;
      }
      // A pair whose organisation left the board cannot be asked for.
      const on = new Set(ids);
      for (let i = list.length - 1; i >= 0; i--) if (!on.has(list[i]![0]) || !on.has(list[i]![1])) list.splice(i, 1);
      draw();
    };
    add.addEventListener("click", () => {
      const [a, b] = [first.value, second.value];
      if (!a || !b || a === b || list.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) {
        state.textContent = t("suggest.pairInvalid");
        return;
      }
      list.push([a, b]);
      state.textContent = "";
      draw();
    });
    refresh();
    const element = h(
      "div",
      { class: "pair-picker" },
      h("p", { class: "pair-title" }, t(`suggest.${kind}`)),
      h("div", { class: "pair-inputs" }, field(t("suggest.pairFirst"), first), field(t("suggest.pairSecond"), second), add),
      listed,
    );
    first.setAttribute("aria-label", `${t(`suggest.${kind}`)}: ${t("suggest.pairFirst")}`);
    second.setAttribute("aria-label", `${t(`suggest.${kind}`)}: ${t("suggest.pairSecond")}`);
    return { element, refresh, value: () => list.map(([a, b]) => [a, b]) };
  }

  function suggestionCard(s: Suggestion, i: number): HTMLElement {
    const name = t("suggest.proposalName", { n: i + 1 });
    const proposal: Proposal = {
      name,
      lots: s.lots.map((lot, l) => ({ name: t("suggest.lotName", { n: l + 1 }), coordinator: lot.coordinator, members: lot.members })),
    };
    const proof = s.optimal ? t("suggest.optimal") : t("suggest.bound", { bound: formatNumber(s.bound, 2) });
    return h(
      "li",
      { class: "suggestion card" },
      h("h3", {}, name),
      h(
        "p",
        { class: "score" },
        h("strong", {}, t("suggest.score", { score: formatNumber(s.score, 2) })),
        " ",
        h("span", { class: s.optimal ? "proof optimal" : "proof" }, proof),
      ),
      h(
        "p",
        { class: "muted parts" },
        t("suggest.parts", {
          priorTies: formatNumber(s.parts.priorTies, 2),
          preferences: formatNumber(s.parts.preferences, 2),
          sectorMix: formatNumber(s.parts.sectorMix, 2),
        }),
      ),
      h(
        "ul",
        { class: "reasons" },
        ...s.lots.map((lot, l) =>
          h(
            "li",
            {},
            h("strong", {}, `${proposal.lots[l]!.name}: `),
            t("suggest.reason", {
              size: lot.size,
              ties: lot.priorTies.length,
              with: lot.wishes.with,
              without: lot.wishes.without,
              sectors: lot.sectors.length,
            }),
            lot.coordinator ? ` ${t("suggest.ledBy", { name: host.nameOf(lot.coordinator) })}` : "",
          ),
        ),
      ),
      h("button", { type: "button", class: "secondary", onclick: () => host.open(proposal) }, t("suggest.open")),
    );
  }

  return {
    refresh: () => {
      pairs.together.refresh();
      pairs.apart.refresh();
    },
  };
}
