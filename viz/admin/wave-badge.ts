import type { TFunction } from "i18next";
import { h } from "../shared/dom.ts";
import type { WaveState } from "./call-types.ts";

export function waveStateBadge(t: TFunction, state: WaveState): HTMLElement {
  return h("span", { class: `badge badge-${state}` }, t(`waves.state.${state}`));
}
