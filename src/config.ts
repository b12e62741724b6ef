/**
 * `wenda.config.json` (or `.mjs`): site title, UI language, the vault-root prefix of `file:` URLs, and where
 * media live. Every field is optional; see README "Configuration".
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { defaultBudget, type NoteBudget } from "./graph/budget.ts";

export type UiLanguage = "zh-CN" | "en";

export interface WendaConfig {
  /** Site title. Default: `问答`. */
  title: string;
  /** UI language: `zh-CN` (default) or `en`. */
  lang: UiLanguage;
  /**
   * Language the search index treats all text as. Pagefind keeps one index per page language, so every page is
   * indexed as this one language (Chinese notes stay searchable from an English UI). Default `zh-cn`.
   */
  searchLanguage: string;
  /** Prefix of `file:` paths that is the vault root, e.g. `Z:/我的阅读黑曜石Vault/`. Default: none. */
  vaultRoot: string;
  media: {
    /** Absolute path of a local folder mirroring the media paths under `vaultRoot`; copied into the site. */
    dir?: string;
    /** Or a base URL media are served from (`https://cdn.example.com/media/`). */
    baseUrl?: string;
    /** Explicit media path (after `vaultRoot`) → file inside `dir` (or path under `baseUrl`). */
    map: Record<string, string>;
  };
  /** URL prefix when the site is served from a sub-folder. Default `/`. */
  base: string;
  /** First character(s) of a question page's name. Default `？`. */
  questionPrefix: string;
  /** `all` (default) or `dg`: publish only notes with `dg-publish: true`. */
  publish: "all" | "dg";
  /** Merge questions whose titles differ only in white space, case or character width. Default `true`. */
  mergeSimilarQuestions: boolean;
  /**
   * Let notes load images, video and audio from other hosts. Default `false`: such an element becomes a link
   * the reader can follow, so no note makes the reader's browser fetch from elsewhere (`src/render/remote-media.ts`).
   */
  allowRemoteMedia: boolean;
  /**
   * Obsidian's "Strict line breaks": `true` joins the lines of a paragraph as CommonMark does. Default `false`, as
   * in Obsidian: a single line break inside a paragraph is kept (`<br>`).
   */
  strictLineBreaks: boolean;
  /** Per-note size and time budget (see `src/graph/budget.ts`). Default 1 MiB and 10,000 ms. */
  budget: NoteBudget;
  /** The home note (path, id or name), rendered at `/`. Default: found (README "Home and navigation"). */
  home?: string;
  /** Pages for link targets without a file. Default: on for Logseq graphs, off otherwise. */
  virtualPages?: boolean;
  /**
   * The site's address (`https://notes.example.com`), for absolute URLs: canonical links, Open Graph, the sitemap
   * and the feed. Default: none (pages carry no canonical URL; no sitemap.xml or feed.xml is written).
   */
  site?: string;
}

/** The graph options a config sets. */
export function graphOptionsOf(config: WendaConfig): Pick<WendaConfig, "questionPrefix" | "publish" | "mergeSimilarQuestions" | "home" | "virtualPages"> {
  const options: ReturnType<typeof graphOptionsOf> = {
    questionPrefix: config.questionPrefix,
    publish: config.publish,
    mergeSimilarQuestions: config.mergeSimilarQuestions,
  };
  if (config.home !== undefined) options.home = config.home;
  if (config.virtualPages !== undefined) options.virtualPages = config.virtualPages;
  return options;
}

export const defaultConfig: WendaConfig = {
  title: "问答",
  lang: "zh-CN",
  searchLanguage: "zh-cn",
  vaultRoot: "",
  media: { map: {} },
  base: "/",
  questionPrefix: "？",
  publish: "all",
  mergeSimilarQuestions: true,
  allowRemoteMedia: false,
  strictLineBreaks: false,
  budget: { ...defaultBudget },
};

/** The config files a vault may hold, in the order they are looked for. */
export const configNames = ["wenda.config.json", "wenda.config.mjs", "wenda.config.js"];

/** Find and read the config for `vault` (or `explicit`), with relative paths made absolute. */
export async function loadConfig(vault: string, explicit?: string): Promise<WendaConfig> {
  const file = explicit ? path.resolve(explicit) : configNames.map((name) => path.join(vault, name)).find((f) => fs.existsSync(f));
  if (!file) return { ...defaultConfig, media: { map: {} }, budget: { ...defaultBudget } };
  if (!fs.existsSync(file)) throw new Error(`config file \`${file}\` does not exist`);
  let raw: unknown;
  try {
    raw = file.endsWith(".json")
      ? JSON.parse(fs.readFileSync(file, "utf8"))
      : ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: unknown }).default;
  } catch (error) {
    throw new Error(`cannot read \`${file}\`: ${error instanceof Error ? error.message : String(error)}`);
  }
  return normalizeConfig(raw, path.dirname(file));
}

/** Validate a raw config object; `dir` is where relative paths start. */
export function normalizeConfig(raw: unknown, dir: string): WendaConfig {
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const media = (input.media && typeof input.media === "object" ? input.media : {}) as Record<string, unknown>;
  const str = (value: unknown, fallback: string) => (typeof value === "string" && value.trim() ? value.trim() : fallback);
  const config: WendaConfig = {
    title: str(input.title, defaultConfig.title),
    lang: input.lang === "en" ? "en" : "zh-CN",
    searchLanguage: str(input.searchLanguage, defaultConfig.searchLanguage).toLowerCase(),
    vaultRoot: normalizeRoot(str(input.vaultRoot, "")),
    media: { map: {} },
    base: `/${str(input.base, "/").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/"),
    questionPrefix: str(input.questionPrefix, defaultConfig.questionPrefix),
    publish: input.publish === "dg" ? "dg" : "all",
    mergeSimilarQuestions: input.mergeSimilarQuestions !== false,
    allowRemoteMedia: input.allowRemoteMedia === true,
    strictLineBreaks: input.strictLineBreaks === true,
    budget: normalizeBudget(input.budget),
  };
  if (typeof input.home === "string" && input.home.trim()) config.home = input.home.trim();
  if (typeof input.virtualPages === "boolean") config.virtualPages = input.virtualPages;
  const site = normalizeSite(input.site);
  if (site) config.site = site;
  if (typeof media.dir === "string" && media.dir) config.media.dir = path.resolve(dir, media.dir);
  if (typeof media.baseUrl === "string" && /^https?:\/\//.test(media.baseUrl)) {
    config.media.baseUrl = media.baseUrl.endsWith("/") ? media.baseUrl : `${media.baseUrl}/`;
  }
  if (media.map && typeof media.map === "object") {
    for (const [key, value] of Object.entries(media.map as Record<string, unknown>)) {
      if (typeof value === "string") config.media.map[key.replace(/\\/g, "/").replace(/^\/+/, "")] = value;
    }
  }
  return config;
}

/** `budget: { noteBytes, noteMs }`: positive numbers, else the defaults. */
function normalizeBudget(raw: unknown): NoteBudget {
  const input = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const positive = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback);
  return { noteBytes: positive(input.noteBytes, defaultBudget.noteBytes), noteMs: positive(input.noteMs, defaultBudget.noteMs) };
}

/** `Z:\\Vault` → `Z:/Vault/`: the same normal form as media paths. */
function normalizeRoot(root: string): string {
  if (!root) return "";
  const slashed = root.replace(/\\/g, "/").replace(/\/{2,}/g, "/").replace(/^file:\/*/i, "");
  const drive = /^([a-z]):/i.exec(slashed);
  const cased = drive ? (drive[1] as string).toUpperCase() + slashed.slice(1) : slashed;
  return cased.endsWith("/") ? cased : `${cased}/`;
}

/** `https://notes.example.com/` → `https://notes.example.com`: an http(s) address without a trailing slash, else none. */
export function normalizeSite(raw: unknown): string | undefined {
  if (typeof raw !== "string" || !/^https?:\/\/[^/\s]+/i.test(raw.trim())) return undefined;
  try {
    const url = new URL(raw.trim());
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}
