import i18next from "i18next";
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { elide, elisionPostProcessor } from "../../viz/shared/elision.ts";

const I18N = resolve(import.meta.dirname, "../../viz/i18n");
const french = (ns: string) => JSON.parse(readFileSync(resolve(I18N, "fr", `${ns}.json`), "utf8"));

function strings(value: unknown): string[] {
  return typeof value === "string" ? [value] : Object.values(value as Record<string, unknown>).flatMap(strings);
}

describe("French elision", () => {
  it("elides de, que, le, la and the like before a vowel or h", () => {
    expect(elide("Cercle de réseau de Alimento")).toBe("Cercle de réseau d'Alimento");
    expect(elide("Saisi au nom de Horeca Vlaanderen")).toBe("Saisi au nom d'Horeca Vlaanderen");
    expect(elide("De Europa WSE")).toBe("D'Europa WSE");
    expect(elide("le rapport de Énergie et que il")).toBe("le rapport d'Énergie et qu'il");
    expect(elide("jusque au 31 mars, la équipe")).toBe("jusqu'au 31 mars, l'équipe");
  });

  it("leaves alone what must stay", () => {
    for (const text of ["Cercle de réseau de Bolt", "de 8 partenaires", "envoyez-le avant le 31 mars", "Fonds de Sociaal", "mode de", "l'envoi"]) {
      expect(elide(text)).toBe(text);
    }
  });

  it("changes nothing in the French catalogues as written", () => {
    const files = readdirSync(resolve(I18N, "fr")).map((f) => f.replace(/\.json$/, ""));
    const changed = files.flatMap((ns) => strings(french(ns)).filter((s) => elide(s) !== s));
    expect(changed).toEqual([]);
  });

  it("applies to every French string i18next gives, and to no other language", async () => {
    const i18n = i18next.createInstance().use(elisionPostProcessor);
    const nl = JSON.parse(readFileSync(resolve(I18N, "nl", "circle.json"), "utf8"));
    await i18n.init({ lng: "fr", resources: { fr: { circle: french("circle") }, nl: { circle: nl } }, ns: ["circle"], defaultNS: "circle", postProcess: ["elision"], interpolation: { escapeValue: false } });
    expect(i18n.t("title", { organisation: "Alimento" })).toBe("Cercle de réseau d'Alimento");
    expect(i18n.t("title", { organisation: "Cevora" })).toBe("Cercle de réseau de Cevora");
    await i18n.changeLanguage("nl");
    expect(i18n.t("title", { organisation: "de Alimento" })).toContain("de Alimento");
  });
});
