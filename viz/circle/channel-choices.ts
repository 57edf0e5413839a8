import { FORMAL_CHANNELS, INFORMAL_CHANNELS, type Channel } from "../../api/schema/channels.ts";
import type { Tie } from "../../api/schema/call-document.ts";
import { h } from "../shared/dom.ts";
import { i18next } from "../shared/i18n.ts";
import type { CircleAnswers } from "./circle-answers.ts";
import type { RowExtras } from "./partner-form.ts";
import type { RosterPartner } from "./roster.ts";

const KINDS = { formal: FORMAL_CHANNELS, informal: INFORMAL_CHANNELS } as const;

/**
 * How each collaboration is organised (the wave asks `channels`): a compact group of
 * checkboxes in a partner's row of the form, formal channels apart from informal
 * ones, shown once the partner is in the current circle.
 */
export class ChannelChoices implements RowExtras {
  private readonly chosen = new Map<string, Channel[]>();

  constructor(
    ties: readonly Tie[],
    private readonly current: CircleAnswers,
    private readonly onChange: (announcement: string) => void,
  ) {
    for (const t of ties) if (t.channels?.length) this.chosen.set(t.partner, [...t.channels]);
  }

  value(): ReadonlyMap<string, readonly Channel[]> {
    return this.chosen;
  }

  render(p: RosterPartner): Node[] {
    const t = i18next.t;
    const id = `channels-${p.id}`;
    const group = h("fieldset", { class: "channels", id, "data-partner": p.id });
    group.append(h("legend", {}, t("desired:channels.legend")));
    for (const [kind, channels] of Object.entries(KINDS)) {
      const kindId = `${id}-${kind}`;
      const line = h("div", { class: "channel-kind", role: "group", "aria-labelledby": kindId });
      line.append(h("span", { id: kindId, class: "channel-kind-name" }, t(`desired:channels.${kind}`)));
      for (const channel of channels) {
        const box = h("input", { type: "checkbox", "data-channel": channel });
        box.addEventListener("change", () => this.toggle(p, channel, box.checked));
        line.append(h("label", { class: "channel-choice" }, box, h("span", {}, t(`common:channels.${channel}`))));
      }
      group.append(line);
    }
    return [group];
  }

  sync(partner: string, row: HTMLElement): void {
    const group = row.querySelector<HTMLElement>(".channels");
    if (!group) return;
    group.hidden = Object.keys(this.current.of(partner)).length === 0;
    const chosen = this.chosen.get(partner) ?? [];
    for (const box of group.querySelectorAll<HTMLInputElement>("input[data-channel]")) box.checked = chosen.includes(box.dataset.channel as Channel);
  }

  private toggle(p: RosterPartner, channel: Channel, on: boolean): void {
    const rest = (this.chosen.get(p.id) ?? []).filter((c) => c !== channel);
    this.chosen.set(p.id, on ? [...rest, channel] : rest);
    this.onChange(i18next.t(on ? "desired:channels.on" : "desired:channels.off", { name: p.name, channel: i18next.t(`common:channels.${channel}`) }));
  }
}
