import "../shared/base.css";
import "./circle.css";
import { ApiError } from "../shared/api.ts";
import { LANGUAGES, LANGUAGE_NAMES, i18next, initI18n, setLanguage, type Language } from "../shared/i18n.ts";
import { CirclePage, relabelFailure, showFailure, type FailureKind } from "./circle-page.ts";
import { sourceFromPath } from "./circle-source.ts";
import { signInAgain } from "../shared/session.ts";
import { h } from "../shared/dom.ts";

/** Texts written straight into the HTML, marked with data-i18n. */
function translateMarked(): void {
  for (const node of document.querySelectorAll<HTMLElement>("[data-i18n]")) node.textContent = i18next.t(node.dataset.i18n!);
}

function failureOf(e: unknown, mode: "respondent" | "paper"): FailureKind {
  if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) return "unavailable";
  if (e.status === 401 || e.status === 403) return mode === "paper" ? "session" : "link";
  // An invitation link either works or is unknown; only staff learn that a circle does not exist.
  return mode === "paper" ? "missing" : "link";
}

async function start(): Promise<void> {
  await initI18n(["circle", "desired"]);
  let page: CirclePage | null = null;
  const source = sourceFromPath(location.pathname);
  const select = document.getElementById("language") as HTMLSelectElement;
  select.append(...LANGUAGES.map((l) => h("option", { value: l }, LANGUAGE_NAMES[l])));
  select.value = i18next.language;
  select.addEventListener("change", async () => {
    await setLanguage(select.value as Language);
    translateMarked();
    page?.relabel();
    relabelFailure();
    // The organisation's messages follow the language its consultant chose; a failure here changes nothing on the page.
    if (page) void source?.rememberLanguage(select.value).catch(() => undefined);
  });
  translateMarked();

  if (!source) return showFailure("link");
  let loaded;
  try {
    loaded = await Promise.all([source.context(), source.circle()]);
  } catch (e) {
    // Staff opening a paper circle without a session sign in and come back here.
    if (source.mode === "paper" && e instanceof ApiError && e.status === 401) signInAgain();
    return showFailure(failureOf(e, source.mode));
  }
  page = new CirclePage(source, ...loaded);
}

void start();
