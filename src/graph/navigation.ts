/**
 * The graph phases that decide where notes live on the site and what they are called: titles and the extra
 * names a note answers to (Logseq page names, `title::`, journal dates), the home note, URLs by vault kind
 * (Logseq page names, journals, Digital Garden paths), and virtual pages for link targets without a file.
 * Pure: the vault's settings come in through `NavigationOptions`.
 */
import { isImage, isVideoOrAudio } from "../../plugins/media/normalize.ts";
import { isQuestionTarget } from "../../plugins/outline.ts";
import { type DigitalGardenSettings, defaultDigitalGardenSettings, digitalGardenPermalink } from "./digital-garden.ts";
import type { LogseqGraph } from "./logseq-graph.ts";
import { formatJournalTitle, journalDateOf, pageNameOf } from "./page-names.ts";
import { basename, type NoteIndex } from "./resolve.ts";
import type { GraphLink, GraphNote, GraphVirtualPage } from "./types.ts";
import { pathUrl, reservedSegments } from "./url.ts";

export interface NavigationOptions {
  /** The Logseq graph's settings when the vault is one (`logseq/config.edn` at its root). */
  logseq?: LogseqGraph;
  /** The Digital Garden plugin's settings (used for URLs when `publish` is `dg`). */
  digitalGarden?: DigitalGardenSettings;
  /** `home` in wenda.config.json: the home note's path, id or name. Default: found (see `homeNoteOf`). */
  home?: string;
  /** Pages for link targets without a file. Default: on for Logseq graphs, off otherwise. */
  virtualPages?: boolean;
  publish?: "all" | "dg";
}

/** What phase 1 needs to know about a note's name. */
export interface NoteNaming {
  title: string;
  /** Extra names links may use (Logseq page name, `title::`, the journal's title). */
  names: string[];
  /** Where the explorer and the URL put the note, when not its vault path: a Logseq page name, a DG garden path. */
  navPath?: string;
  /** ISO date of a journal page. */
  journal?: string;
}

interface NamedNote {
  id: string;
  path: string;
  frontmatter: Record<string, unknown>;
  properties: Record<string, string>;
}

/** Logseq page files live in `pages/` and `journals/` of the graph. */
function logseqFolder(id: string): "pages" | "journals" | undefined {
  const top = id.slice(0, id.indexOf("/"));
  return top === "pages" || top === "journals" ? top : undefined;
}

/**
 * The title rule (README "Titles"): front matter `title` or Logseq `title::`; else, in a Logseq graph, the page
 * name its file name spells (`a___b.md` → `a/b`) or a journal's date in the graph's title format; else the file
 * name.
 */
export function namingOf(note: NamedNote, options: NavigationOptions): NoteNaming {
  const own = note.frontmatter.title ?? note.properties.title;
  const explicit = typeof own === "string" && own.trim() ? own.trim() : undefined;
  const file = basename(note.id);
  const naming: NoteNaming = { title: explicit ?? file, names: [] };
  const folder = options.logseq ? logseqFolder(note.id) : undefined;
  if (options.logseq && folder) {
    const journal = folder === "journals" ? journalDateOf(file) : undefined;
    if (journal) {
      naming.journal = journal;
      const dated = formatJournalTitle(journal, options.logseq.journalTitleFormat);
      naming.title = explicit ?? dated;
      naming.names.push(dated);
    } else {
      const page = pageNameOf(file, options.logseq.fileNameFormat);
      naming.title = explicit ?? page;
      naming.navPath = explicit ?? page;
      if (page !== file) naming.names.push(page);
    }
    if (explicit && explicit !== file) naming.names.push(explicit);
  } else {
    const dgPath = note.frontmatter["dg-path"];
    if (typeof dgPath === "string" && dgPath.trim()) naming.navPath = dgPath.trim().replace(/\.md$/i, "").replace(/^\/+/, "");
  }
  return naming;
}

/**
 * DG's `dg-hide` and `dg-hide-in-filetree` (in a garden's exported notes: `hide`, `hideInFiletree`, as the
 * plugin's `FrontmatterCompiler.addDefaultPassThrough` writes them): published, but not listed in navigation.
 */
export function isHidden(frontmatter: Record<string, unknown>): boolean {
  return ["dg-hide", "dg-hide-in-filetree", "hide", "hideInFiletree"].some((key) => frontmatter[key] === true);
}

/** `dg-home: true`, or the `gardenEntry` tag the plugin gives the home note in a garden's exported notes. */
function isGardenHome(frontmatter: Record<string, unknown>): boolean {
  const tags = frontmatter.tags;
  return frontmatter["dg-home"] === true || (Array.isArray(tags) ? tags.includes("gardenEntry") : tags === "gardenEntry");
}

/**
 * The home note, in this order: `home` in the config; a note with `permalink: /` (or `dg-permalink: /`); one
 * with `dg-home: true` (or DG's `gardenEntry` tag); the Logseq graph's `:default-home` page; `index.md`, then `Home.md` at the vault root
 * (any case). Only published notes that are not question pages qualify.
 */
export function homeNoteOf(notes: readonly GraphNote[], noteNamed: (name: string) => string | undefined, options: NavigationOptions): string | undefined {
  const eligible = (note: GraphNote | undefined) => note?.published === true && note.kind !== "question";
  const byId = new Map(notes.map((note) => [note.id, note]));
  const named = (name: string | undefined) => {
    if (!name) return undefined;
    const hit = noteNamed(name);
    const note = hit ? byId.get(hit) : undefined;
    return eligible(note) ? note?.id : undefined;
  };
  const rootSlash = (value: unknown) => typeof value === "string" && value.trim().replace(/^\/+|\/+$/g, "") === "" && value.includes("/");
  return (
    named(options.home) ??
    notes.find((note) => eligible(note) && (rootSlash(note.frontmatter.permalink) || rootSlash(note.frontmatter["dg-permalink"])))?.id ??
    notes.find((note) => eligible(note) && isGardenHome(note.frontmatter))?.id ??
    named(options.logseq?.defaultHome) ??
    notes.find((note) => eligible(note) && note.id.toLowerCase() === "index")?.id ??
    notes.find((note) => eligible(note) && note.id.toLowerCase() === "home")?.id
  );
}

/** The URL of a note without a permalink: by journal date, Logseq page name, DG garden path, else vault path. */
export function defaultUrlOf(note: GraphNote, options: NavigationOptions): string {
  if (note.journal) return `/journals/${note.journal}/`;
  if (options.logseq && note.navPath) return pathUrl(note.navPath);
  if (options.publish === "dg") {
    const permalink = digitalGardenPermalink(note.path, note.frontmatter, options.digitalGarden ?? defaultDigitalGardenSettings);
    // The garden's static site writes `//a/` to `/a/`: empty segments collapse. A path slugified to nothing
    // (all-Chinese names with `slugifyEnabled`) has no usable URL there; it keeps its vault path here.
    const segments = permalink.split("/").map((segment) => segment.normalize("NFC").replace(/[\\:*?"<>|#%\u0000-\u001f\u007f]/g, "").trim());
    const kept = segments.filter((segment) => segment !== "" && segment !== "." && segment !== "..");
    if (kept.length > 0) return pathUrlKeepingSpaces(kept);
  }
  return pathUrl(note.navPath ?? note.id);
}

/** DG keeps spaces in unslugified URLs (`/面试/Redis 集群/`); reserved first segments still get a `-`. */
function pathUrlKeepingSpaces(segments: string[]): string {
  if (reservedSegments.has((segments[0] as string).toLowerCase())) segments[0] = `${segments[0]}-`;
  return `/${segments.join("/")}/`;
}

function isMediaTarget(target: string): boolean {
  return isImage(target) || isVideoOrAudio(target) || /\.pdf$/i.test(target);
}

/**
 * Virtual pages: one per link target with no file (case-insensitive, as Logseq), listing the published notes
 * that link there; and, in a Logseq graph, one per namespace without its own page (`a` for `a/b`). Questions
 * are left out: a question without a file already has its question page.
 */
export function virtualPagesOf(
  links: readonly GraphLink[],
  notes: readonly GraphNote[],
  options: NavigationOptions & { questionPrefix: string },
  claim: (url: string, owner: string) => string,
): GraphVirtualPage[] {
  const enabled = options.virtualPages ?? options.logseq !== undefined;
  if (!enabled) return [];
  const published = new Set(notes.filter((note) => note.published).map((note) => note.id));
  const pages = new Map<string, GraphVirtualPage>();
  const pageOf = (name: string) => {
    const key = name.normalize("NFC").toLowerCase();
    let page = pages.get(key);
    if (!page) {
      page = { id: name, title: name, url: "", names: [], references: [], namespace: false };
      pages.set(key, page);
    }
    if (!page.names.includes(name)) page.names.push(name);
    return page;
  };
  for (const link of links) {
    if (link.resolved || link.embed || !published.has(link.from)) continue;
    if (link.to === "" || isQuestionTarget(link.to, options.questionPrefix) || isMediaTarget(link.to)) continue;
    const page = pageOf(link.to);
    if (!page.references.includes(link.from)) page.references.push(link.from);
  }
  if (options.logseq) {
    // Namespaces: every prefix of a page name that no page has.
    const existing = new Set<string>();
    for (const note of notes) if (note.published && note.navPath) existing.add(note.navPath.toLowerCase());
    const names = [...notes.filter((n) => n.published && n.navPath).map((n) => n.navPath as string), ...[...pages.values()].map((p) => p.title)];
    for (const name of names) {
      const parts = name.split("/");
      for (let i = 1; i < parts.length; i++) {
        const prefix = parts.slice(0, i).join("/");
        if (prefix === "" || existing.has(prefix.toLowerCase())) continue;
        pageOf(prefix).namespace = true;
      }
    }
  }
  const list = [...pages.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const page of list) page.url = claim(pathUrl(page.title), page.id);
  return list;
}
