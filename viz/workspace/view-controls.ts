import type { TFunction } from "i18next";
import type { Layer, MissingMode } from "../../api/analysis/metrics-schema.ts";
import { FORMS } from "../../api/schema/forms.ts";
import { h } from "../shared/dom.ts";

export const LAYERS: Layer[] = ["all", ...FORMS];
export const MODES: MissingMode[] = ["observed", "reconstruct"];

/** A row of radio buttons that looks like a segmented switch; `onPick` runs when another is chosen. */
function radios<T extends string>(t: TFunction, name: string, values: readonly T[], current: T, label: (v: T) => string, onPick: (v: T) => void): HTMLElement {
  return h(
    "fieldset",
    { class: "segmented" },
    h("legend", {}, t(`controls.${name}`)),
    ...values.map((v) => {
      const input = h("input", { type: "radio", name, value: v, checked: v === current });
      input.addEventListener("change", () => input.checked && onPick(v));
      return h("label", { "data-value": v }, input, h("span", {}, label(v)));
    }),
  );
}

const layerSwitch = (t: TFunction, current: Layer, onPick: (l: Layer) => void) =>
  radios(t, "layer", LAYERS, current, (l) => (l === "all" ? t("controls.allForms") : t(`common:formsShort.${l}`)), onPick);

const missingSwitch = (t: TFunction, current: MissingMode, onPick: (m: MissingMode) => void) =>
  radios(t, "missing", MODES, current, (m) => t(`controls.modes.${m}`), onPick);

/**
 * The three switches of a view (wave, layer, missing-data mode); each changes
 * `view` and calls `reload`.
 */
export function viewSwitches(
  t: TFunction,
  waves: readonly WaveChoice[],
  view: { wave: string | null; layer: Layer; missing: MissingMode },
  reload: () => void,
): HTMLElement[] {
  return [
    waveSelect(t, waves, view.wave ?? "", (id) => {
      view.wave = id;
      reload();
    }, t("controls.wave"), t("controls.waveDefault")),
    layerSwitch(t, view.layer, (l) => {
      view.layer = l;
      reload();
    }),
    missingSwitch(t, view.missing, (m) => {
      view.missing = m;
      reload();
    }),
  ];
}

let hints = 0;

export interface WaveChoice {
  id: string;
  name: string;
  state: string;
  /** Whether any circle has been submitted in the wave. */
  submitted: boolean;
}

/**
 * The wave chooser: every wave of the call with its state, marking those nobody has
 * answered yet. `hint` says which wave is shown when none is chosen.
 */
export function waveSelect(t: TFunction, waves: readonly WaveChoice[], current: string, onPick: (id: string) => void, label = t("controls.wave"), hint?: string): HTMLElement {
  const text = (w: WaveChoice) => `${w.name} (${[t(`wave.state.${w.state}`), ...(w.submitted ? [] : [t("wave.noCircles")])].join(", ")})`;
  const select = h("select", { name: "wave" }, ...waves.map((w) => new Option(text(w), w.id, false, w.id === current)));
  select.addEventListener("change", () => onPick(select.value));
  const field = h("label", { class: "field" }, h("span", { class: "field-label" }, label), select);
  if (!hint) return field;
  const id = `wave-hint-${++hints}`;
  select.setAttribute("aria-describedby", id);
  return h("div", { class: "field-with-hint" }, field, h("p", { class: "field-hint muted small", id }, hint));
}

/** The view of a page from its address, so a link shows what its sender saw. */
export function viewFromUrl(): { wave: string | null; layer: Layer; missing: MissingMode } {
  const params = new URLSearchParams(location.search);
  const layer = params.get("layer") as Layer;
  return {
    wave: params.get("wave"),
    layer: LAYERS.includes(layer) ? layer : "all",
    missing: params.get("missing") === "reconstruct" ? "reconstruct" : "observed",
  };
}
