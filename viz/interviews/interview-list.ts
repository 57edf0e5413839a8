import type { InterviewListAnswer } from "../../api/schema/answers.ts";
import { h } from "../shared/dom.ts";
import { formatDate } from "../shared/format.ts";
import { i18next } from "../shared/i18n.ts";
import "./interview.css";

const enc = encodeURIComponent;

/**
 * Where the interviews of a wave stand, lot by lot: each active member with a link
 * to its interview page, its status and planned day. Folded by default under a
 * summary of the counts, so that the call overview stays a glance.
 */
export async function interviewList(api: <T>(path: string) => Promise<T>, waveId: string): Promise<HTMLElement> {
  const t = i18next.getFixedT(null, "interview");
  const list = await api<InterviewListAnswer>(`/api/waves/${enc(waveId)}/interviews`);
  const members = list.lots.flatMap((lot) => lot.members.map((m) => ({ lot, m })));
  const count = (status: string) => members.filter(({ m }) => m.status === status).length;
  return h(
    "details",
    { class: "card interview-list" },
    h("summary", {}, h("h2", {}, t("list.heading", { wave: list.wave.name })), " ", h("span", { class: "muted" }, t("list.summary", { done: count("done"), planned: count("planned"), none: count("none") }))),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("list.lot")), h("th", { scope: "col" }, t("list.organisation")), h("th", { scope: "col" }, t("status.label")), h("th", { scope: "col" }, t("status.plannedOn")))),
      h(
        "tbody",
        {},
        ...members.map(({ lot, m }) =>
          h(
            "tr",
            { "data-organisation": m.organisation },
            h("td", {}, t("lot", { number: lot.number })),
            h("th", { scope: "row" }, h("a", { href: `/interviews/${enc(list.wave.id)}/${enc(m.organisation)}` }, m.name)),
            h("td", {}, t(`list.status.${m.status}`)),
            h("td", {}, m.plannedOn ? formatDate(m.plannedOn) : ""),
          ),
        ),
      ),
    ),
  );
}
