/**
 * Digital Garden fidelity: a note's URL as the Obsidian Digital Garden plugin gives it, so a garden moved to
 * wenda keeps its addresses. The rule is the plugin's own (oleeskild/obsidian-digital-garden,
 * `src/compiler/FrontmatterCompiler.ts` `addPermalink` and `src/utils/utils.ts` `generateUrlPath`,
 * `getGardenPathForNote`, `getRewriteRules`, `sanitizePermalink`):
 *
 *   garden path = `dg-path` || the vault path rewritten by the first matching "path rewrite rule"
 *   permalink   = `dg-permalink` (with leading and trailing `/`) || "/" + generateUrlPath(garden path)
 *   generateUrlPath = drop the extension (from the last `.`), slugify each `/` segment when `slugifyEnabled`
 *                     (the plugin's default), append `/`
 *
 * The plugin's settings live in the vault: `.obsidian/plugins/digitalgarden/data.json`.
 */
import fs from "node:fs";
import path from "node:path";

export interface DigitalGardenSettings {
  /** `slugifyEnabled`. Default true, as the plugin. */
  slugify: boolean;
  /** `pathRewriteRules`, one `from:to` per line. Default none. */
  rewriteRules: { from: string; to: string }[];
}

export const defaultDigitalGardenSettings: DigitalGardenSettings = { slugify: true, rewriteRules: [] };

/** The plugin's settings in the vault at `root` (its defaults when the plugin's data file is absent). */
export function readDigitalGardenSettings(root: string): DigitalGardenSettings {
  for (const folder of ["digitalgarden", "obsidian-digital-garden"]) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(root, ".obsidian", "plugins", folder, "data.json"), "utf8"));
    } catch {
      continue;
    }
    const data = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    return {
      slugify: data.slugifyEnabled !== false,
      rewriteRules: typeof data.pathRewriteRules === "string" ? rewriteRulesOf(data.pathRewriteRules) : [],
    };
  }
  return defaultDigitalGardenSettings;
}

/** `getRewriteRules`: lines with a `:`, split at the first two parts. */
export function rewriteRulesOf(text: string): DigitalGardenSettings["rewriteRules"] {
  return text
    .split("\n")
    .filter((line) => line.includes(":"))
    .map((line) => {
      const [from = "", to = ""] = line.split(":");
      return { from, to };
    });
}

/**
 * The URL the plugin publishes the note at `vaultPath` (with `.md`) under, before the garden's own site turns
 * `//` into `/`: exactly the plugin's `permalink` front matter value.
 */
export function digitalGardenPermalink(vaultPath: string, frontmatter: Record<string, unknown>, settings: DigitalGardenSettings): string {
  const custom = frontmatter["dg-permalink"];
  if (typeof custom === "string" && custom) {
    let permalink = custom;
    if (!permalink.endsWith("/")) permalink += "/";
    if (!permalink.startsWith("/")) permalink = `/${permalink}`;
    return permalink;
  }
  const dgPath = frontmatter["dg-path"];
  const gardenPath = typeof dgPath === "string" && dgPath ? dgPath : gardenPathOf(vaultPath, settings.rewriteRules);
  return `/${generateUrlPath(gardenPath, settings.slugify)}`;
}

/** `getGardenPathForNote`: the first rule whose `from` starts the path replaces it; a leading `/` goes. */
function gardenPathOf(vaultPath: string, rules: DigitalGardenSettings["rewriteRules"]): string {
  for (const { from, to } of rules) {
    if (vaultPath.startsWith(from)) {
      const rewritten = vaultPath.replace(from, to);
      return rewritten.startsWith("/") ? rewritten.replace("/", "") : rewritten;
    }
  }
  return vaultPath;
}

/** `generateUrlPath`. */
function generateUrlPath(filePath: string, slugifyPath: boolean): string {
  const extensionLess = filePath.includes(".") ? filePath.slice(0, filePath.lastIndexOf(".")) : filePath;
  if (!slugifyPath) return `${extensionLess}/`;
  return `${extensionLess.split("/").map(slugify).join("/")}/`;
}

/**
 * `@sindresorhus/slugify` with its defaults, as the plugin calls it: transliterate, split camel case, lower-case,
 * drop `'s`/`'t` apostrophes, every run of characters other than `a-z0-9` becomes one `-`, no `-` at the ends.
 * Transliteration here covers what `normalize("NFKD")` strips (accents) plus the library's `&`→`and` and a few
 * Latin letters; CJK is not transliterated by the library either, so a Chinese segment slugifies to nothing
 * (why Chinese gardens turn `slugifyEnabled` off).
 */
export function slugify(text: string): string {
  const latin: Record<string, string> = { ß: "ss", æ: "ae", Æ: "AE", ø: "o", Ø: "O", œ: "oe", Œ: "OE", đ: "d", Đ: "D", ł: "l", Ł: "L", þ: "th", ä: "ae", ö: "oe", ü: "ue", Ä: "AE", Ö: "OE", Ü: "UE" };
  let s = text
    .replace(/&/g, " and ")
    .replace(/🦄/g, " unicorn ")
    .replace(/♥/g, " love ")
    .replace(/[ßæÆøØœŒđĐłŁþäöüÄÖÜ]/g, (c) => latin[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  s = s
    .replace(/([A-Z]{2,})(\d+)/g, "$1 $2")
    .replace(/([a-z\d]+)([A-Z]{2,})/g, "$1 $2")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-rt-z\d]+)/g, "$1 $2");
  s = s.toLowerCase().replace(/([a-zA-Z\d]+)'([ts])(\s|$)/g, "$1$2$3");
  return s
    .replace(/[^a-z\d]+/g, "-")
    .replace(/\\/g, "")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}
