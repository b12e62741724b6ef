/**
 * Syntax highlighting at build time with Shiki: one highlighter per thread (each render worker has its own),
 * created on the first code block that names a language, with each grammar loaded the first time a block uses
 * it. Rendering is synchronous (mdast-util-to-hast handlers cannot await), so this uses Shiki's synchronous core
 * (`createHighlighterCoreSync` with the JavaScript regex engine: no WebAssembly to await) and loads Shiki and its
 * grammars, which are ES modules, with `require()`: Node 20.19+ and 22.12+ load ES modules synchronously.
 * Where that is missing, code blocks stay plain (a warning once per thread), they never fail a build.
 *
 * Output: Shiki's dual themes without a default colour, so every token carries only CSS variables
 * (`--shiki-light:#D73A49;--shiki-dark:#F97583`) and the site's stylesheet picks one per colour scheme. The
 * sanitizer lets exactly that shape of `style` through (see `shikiStyle` in sanitize.ts).
 */
import { createRequire } from "node:module";
import type { Element, Root } from "hast";
import type { HighlighterCore, LanguageRegistration } from "shiki/core";

/** The two themes: GitHub's, which read well on the site's own light and dark backgrounds. */
export const themes = { light: "github-light", dark: "github-dark" } as const;

/** Languages a fence may name that mean "no highlighting". */
const plainLanguages = new Set([
  "",
  "text",
  "txt",
  "plain",
  "plaintext",
  "none",
  "nohighlight",
  "output",
  "console-output",
]);

const require = createRequire(import.meta.url);

/**
 * No time limit per line: Shiki's default (500 ms) stops a line early when it runs out, and keeps the grammar
 * state of the half-tokenized line, so under load (the first block of a language also compiles its grammar's
 * regexes) whole blocks came out in a wrong scope, differently from build to build. Lines longer than
 * `tokenizeMaxLineLength` (minified code, the usual slow case) are left plain instead.
 */
const limits = { tokenizeTimeLimit: 0, tokenizeMaxLineLength: 1000 } as const;

interface Loaded {
  highlighter: HighlighterCore;
  /** Fence name or alias (lowercase) → Shiki language id. */
  ids: Map<string, string>;
  /** Language ids whose grammar is loaded, or failed to load (then `false`). */
  languages: Map<string, boolean>;
}

let loaded: Loaded | false | undefined;

function load(): Loaded | false {
  if (loaded !== undefined) return loaded;
  try {
    const { createHighlighterCoreSync } = require("shiki/core") as typeof import("shiki/core");
    const { createJavaScriptRegexEngine } =
      require("shiki/engine/javascript") as typeof import("shiki/engine/javascript");
    const { bundledLanguagesInfo } = require("shiki/langs") as typeof import("shiki/langs");
    const theme = (name: string) =>
      (require(`shiki/themes/${name}.mjs`) as { default: import("shiki/core").ThemeRegistration }).default;
    const highlighter = createHighlighterCoreSync({
      themes: [theme(themes.light), theme(themes.dark)],
      langs: [],
      // `forgiving`: a grammar pattern the JavaScript engine cannot translate matches nothing instead of throwing.
      engine: createJavaScriptRegexEngine({ forgiving: true }),
    });
    const ids = new Map<string, string>();
    for (const info of bundledLanguagesInfo) {
      ids.set(info.id, info.id);
      for (const alias of info.aliases ?? []) ids.set(alias, info.id);
    }
    loaded = { highlighter, ids, languages: new Map() };
  } catch (error) {
    console.warn(
      `[wenda] syntax highlighting is off: Shiki could not be loaded synchronously (Node 20.19+ or 22.12+ needed): ${String(error)}`,
    );
    loaded = false;
  }
  return loaded;
}

/** The Shiki language id for a fence's language, or `undefined` when it is plain text or unknown to Shiki. */
export function languageId(lang: string | null | undefined): string | undefined {
  const name = (lang ?? "").trim().toLowerCase();
  if (plainLanguages.has(name)) return undefined;
  const state = load();
  return state ? state.ids.get(name) : undefined;
}

function ensureLanguage(state: Loaded, id: string): boolean {
  const known = state.languages.get(id);
  if (known !== undefined) return known;
  let ok = false;
  try {
    const grammar = (require(`shiki/langs/${id}.mjs`) as { default: LanguageRegistration[] }).default;
    state.highlighter.loadLanguageSync(grammar);
    ok = true;
  } catch (error) {
    console.warn(`[wenda] no syntax highlighting for \`${id}\`: ${String(error)}`);
  }
  state.languages.set(id, ok);
  return ok;
}

/**
 * `code` highlighted as the `<pre>` element Shiki builds, or `undefined` when the language is plain or unknown,
 * its grammar cannot load, or highlighting throws: the caller then renders plain `<pre><code>`.
 */
export function highlight(code: string, lang: string | null | undefined): Element | undefined {
  const id = languageId(lang);
  const state = load();
  if (!id || !state || !ensureLanguage(state, id)) return undefined;
  try {
    const root = state.highlighter.codeToHast(code, { lang: id, themes, defaultColor: false, ...limits }) as Root;
    const pre = root.children[0];
    if (pre?.type !== "element") return undefined;
    hastProperties(pre);
    return pre;
  } catch (error) {
    console.warn(`[wenda] highlighting \`${id}\` failed, shown as plain text: ${String(error)}`);
    return undefined;
  }
}

/**
 * Shiki writes HTML attribute names (`class`, `tabindex`) into hast properties; hast (and so the sanitizer and
 * the serializer) expects property names (`className` as a list, `tabIndex`). Rename them in place.
 */
function hastProperties(node: Element): void {
  const { properties } = node;
  if (typeof properties.class === "string") {
    properties.className = properties.class.split(" ").filter(Boolean);
    delete properties.class;
  }
  if (properties.tabindex !== undefined) {
    properties.tabIndex = Number(properties.tabindex);
    delete properties.tabindex;
  }
  for (const child of node.children) if (child.type === "element") hastProperties(child);
}
