/**
 * French elision: a short word before a word that starts with a vowel or a mute h
 * drops its vowel for an apostrophe ("de Alimento" becomes "d'Alimento", "que il"
 * becomes "qu'il"). Catalogue text is written elided already; the rule is for the
 * names put into it ("Cercle de réseau de {{organisation}}"). Every h counts as
 * mute: organisation names with an aspirated h are rare, and the catalogues are
 * checked to be unchanged by the rule.
 */
const ELIDED = /(^|[^\p{L}\p{N}'’-])(de|que|jusque|lorsque|puisque|le|la|ne|je|me|te|se) (?=[aeiouyhàâäæéèêëîïôöœùûü])/giu;

export function elide(text: string): string {
  return text.replace(ELIDED, (_, before: string, word: string) => `${before}${word.slice(0, -1)}'`);
}

/** The rule as an i18next post-processor, applied to every French string. */
export const elisionPostProcessor = {
  type: "postProcessor" as const,
  name: "elision",
  process(value: string, _key: string | string[], _options: unknown, translator: { language?: string }): string {
    return translator.language?.startsWith("fr") ? elide(value) : value;
  },
};
