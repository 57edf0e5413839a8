import i18next, { type TFunction } from "i18next";
import { elisionPostProcessor } from "./elision.ts";

/**
 * Message catalogues: viz/i18n/<language>/<namespace>.json. Every page string comes
 * from there. The chosen language is remembered in the browser.
 */
export const LANGUAGES = ["nl", "en", "fr", "de"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { nl: "Nederlands", en: "English", fr: "Français", de: "Deutsch" };

const catalogues = import.meta.glob<Record<string, unknown>>("../i18n/*/*.json", { eager: true, import: "default" });
const STORAGE_KEY = "netwerkcirkel.language";

function resources() {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, messages] of Object.entries(catalogues)) {
    const [, lang, ns] = /\/i18n\/([a-z]{2})\/([\w-]+)\.json$/.exec(path)!;
    (out[lang!] ??= {})[ns!] = messages;
  }
  return out;
}

function storedLanguage(allowed: readonly Language[] = LANGUAGES): Language {
  const saved = localStorage.getItem(STORAGE_KEY) as Language | null;
  if (saved && allowed.includes(saved)) return saved;
  const browser = navigator.language.slice(0, 2) as Language;
  return allowed.includes(browser) ? browser : "nl";
}

/** Start i18next for a page with its namespaces; Dutch is the default and the fallback. */
export async function initI18n(namespaces: string[], allowed: readonly Language[] = LANGUAGES): Promise<TFunction> {
  const lng = storedLanguage(allowed);
  const t = await i18next.use(elisionPostProcessor).init({
    lng,
    fallbackLng: "nl",
    supportedLngs: [...allowed],
    ns: ["common", ...namespaces],
    defaultNS: namespaces[0] ?? "common",
    resources: resources(),
    interpolation: { escapeValue: false },
    postProcess: ["elision"],
  });
  document.documentElement.lang = lng;
  return t;
}

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18next };
