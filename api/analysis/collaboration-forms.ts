import { type Form } from "../schema/call-document.ts";
import { FORMS } from "../schema/forms.ts";
import { formsOf } from "../schema/forms.ts";
import type { LotGraph } from "./lot-graph.ts";
import type { NetworkFigures } from "./metrics-schema.ts";

/**
 * The mix and depth of collaboration over the arcs of the `all` layer graph:
 * per form, the share of arcs whose tie has it and the mean score it got; per
 * form, the share of arcs whose deepest form (information < support < cocreation)
 * it is. Shares are null without arcs, a mean score without arcs having the form.
 */
export function collaborationForms(all: LotGraph): Pick<NetworkFigures, "forms" | "depth"> {
  const having = { information: 0, support: 0, cocreation: 0 } satisfies Record<Form, number>;
  const scores = { information: 0, support: 0, cocreation: 0 } satisfies Record<Form, number>;
  const deepest = { information: 0, support: 0, cocreation: 0 } satisfies Record<Form, number>;
  all.forEachEdge((_edge, { tieForms }) => {
    const forms = formsOf(tieForms);
    for (const form of forms) {
      having[form]++;
      scores[form] += tieForms[form]!;
    }
    // formsOf lists forms shallow to deep.
    deepest[forms[forms.length - 1]!]++;
  });
  const m = all.size;
  const share = (count: number): number | null => (m === 0 ? null : count / m);
  const entries = <T>(value: (form: Form) => T) =>
    Object.fromEntries(FORMS.map((form) => [form, value(form)])) as Record<Form, T>;
  return {
    forms: entries((form) => ({
      share: share(having[form]),
      meanContribution: having[form] === 0 ? null : scores[form] / having[form],
    })),
    depth: entries((form) => share(deepest[form])),
  };
}
