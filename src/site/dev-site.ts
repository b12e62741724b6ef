/**
 * The vault kept in memory by `wenda dev`, updated note by note. The first load is the build's (worker threads
 * parse and render); after that a change re-parses only the files that changed (on this thread: one note is
 * quick), rebuilds the graph from the parsed notes kept here, re-renders only the notes whose HTML can differ,
 * and assembles the model again from the rendered notes kept here. The result is the model a cold load of the
 * vault gives (tests/site/dev-site.test.ts checks that after a series of edits).
 *
 * Which notes' HTML can differ: a note's HTML is a function of its tree and of what its links resolve to (the
 * site links: URLs and titles of notes and questions, tag names, block texts), plus the fragments other notes
 * embed from it. So a note is rendered again when it was re-parsed, when its published state or wanted
 * fragments changed, when its links, questions or tags changed, when a link of it targets a key whose URL,
 * title or block text changed, and when it links to a heading or block of (or embeds) a re-parsed note.
 */
import fs from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { graphOptionsOf, type WendaConfig } from "../config.ts";
import { defaultBudget } from "../graph/budget.ts";
import { buildGraph, type GraphOptions, type ParsedNote } from "../graph/build.ts";
import { wantedFragments } from "../graph/embeds.ts";
import type { Graph } from "../graph/types.ts";
import { readVaultSettings } from "../graph/vault-settings.ts";
import { scanVault, type VaultFile } from "../graph/vault.ts";
import { type MediaCopy, MediaResolver } from "../render/media.ts";
import { type RenderedNote, renderNote } from "../render/render-note.ts";
import { renderContextFor, type SiteLinks, siteLinksOf } from "../render/site-links.ts";
import { stringsFor } from "../i18n/index.ts";
import { CachingComposer } from "./dev-compose.ts";
import { gitDates, type IsoDate, type NoteDates, noteDates } from "./dates.ts";
import { assembleSiteModel, type NotePage, noteDateFields, noteHtmlFieldsOf, pageLinker, type QuestionPage, questionContent, questionHtmlFields, questionUpdated, type SiteModel, sitePreviews } from "./model.ts";
import { parseAndRenderInWorkers } from "./parallel.ts";
import { parseFiles } from "./parse-worker.ts";
import { PreviewMemo } from "./previews.ts";
import { HtmlFieldsMemo } from "./html-fields.ts";
import { TrailsMemo } from "./breadcrumbs.ts";

/** What rendering depended on, for one graph: compared before and after a change. */
interface Snapshot {
  graph: Graph;
  links: SiteLinks;
  published: Set<string>;
  wanted: Map<string, string[]>;
  /** Note id → its links, questions and tags, as one comparable string. */
  outgoing: Map<string, string>;
  /** Note id → the notes that embed it. */
  embeddedBy: Map<string, string[]>;
  /** Note id → the questions whose page shows it: those it answers, and itself when it is a question's page. */
  questionsShowing: Map<string, string[]>;
}

/** What one update did, for logs and the bench. */
export interface UpdateStats {
  parsed: number;
  rendered: number;
  ms: number;
  /** Milliseconds per phase: parse, graph (with the render snapshot), render, assemble. */
  phases: Record<"parse" | "graph" | "render" | "assemble", number>;
}

export interface DevSiteOptions {
  /** Worker threads for the first load (`WENDA_WORKERS`; 0: parse and render on this thread). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export class DevSite {
  readonly vault: string;
  readonly config: WendaConfig;
  model: SiteModel;
  #options: GraphOptions;
  #files: VaultFile[];
  #attachments: string[];
  #parsed: Map<string, ParsedNote>;
  #rendered: Map<string, RenderedNote>;
  /** Media the first load's rendering found; then each re-rendered note's own. */
  #coldCopies: MediaCopy[];
  #noteCopies = new Map<string, MediaCopy[]>();
  #snapshot: Snapshot;
  #composer: CachingComposer;
  /** Published notes' dates, redone for the notes each update re-parses; the vault's git dates, read once. */
  #dates = new Map<string, NoteDates>();
  #commits: ReadonlyMap<string, IsoDate> | undefined;
  #previews = new PreviewMemo();
  #htmlFields = new HtmlFieldsMemo();
  #trails = new TrailsMemo();

  private constructor(vault: string, config: WendaConfig, files: VaultFile[], attachments: string[], parsed: ParsedNote[], rendered: Map<string, RenderedNote>, copies: MediaCopy[]) {
    this.vault = vault;
    this.config = config;
    this.#options = { ...readVaultSettings(vault), ...graphOptionsOf(config) };
    this.#files = files;
    this.#attachments = attachments;
    this.#parsed = new Map(parsed.map((note) => [note.id, note]));
    this.#rendered = rendered;
    this.#coldCopies = copies;
    this.#composer = new CachingComposer(rendered, stringsFor(config.lang));
    this.#snapshot = this.#snapshotOf(this.#buildGraph());
    this.#refreshDates(new Set());
    this.model = this.#assemble();
  }

  /** Load the whole vault, as a build does. */
  static async open(vault: string, config: WendaConfig, options: DevSiteOptions = {}): Promise<DevSite> {
    const { notes: files, attachments } = scanVault(vault);
    if (options.workers === 0) {
      const trees = new Map<string, Root>();
      const { notes } = parseFiles({ type: "parse", files, questionPrefix: config.questionPrefix, budget: config.budget }, trees);
      const site = new DevSite(vault, config, files, attachments, notes, new Map(), []);
      site.#render(new Set(notes.map((note) => note.id)), trees);
      site.model = site.#assemble();
      return site;
    }
    const result = await parseAndRenderInWorkers(vault, config, { ...(options.workers ? { workers: options.workers } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return new DevSite(vault, config, files, attachments, result.parsedNotes, result.rendered, result.copies);
  }

  /** The graph the model was built from. */
  get graph(): Graph {
    return this.#snapshot.graph;
  }

  /**
   * Bring the model up to date after `changed` (absolute paths that were added, edited or removed: notes,
   * attachments, or a folder that went away). A file added or removed rescans the vault's listing; an edit only
   * re-reads that file.
   */
  update(changed: readonly string[]): UpdateStats {
    const started = performance.now();
    const known = new Map(this.#files.map((file) => [file.absolute, file]));
    const attachments = new Set(this.#attachments.map((name) => path.join(this.vault, name)));
    const edited = new Set<string>();
    let folders = false;
    for (const file of changed.map((name) => path.resolve(name))) {
      edited.add(file);
      if (known.has(file) || attachments.has(file) || isFile(file)) continue;
      // A folder that went away or moved (or whose events were dropped): every note and attachment it held.
      folders = true;
      const inside = file + path.sep;
      for (const name of [...known.keys(), ...attachments]) if (name.startsWith(inside)) edited.add(name);
    }
    // A file that appeared or went away (a rename is both): the listing, ids and attachments may all change.
    const structural = folders || [...edited].some((file) => (known.has(file) || attachments.has(file)) !== isFile(file));
    if (structural) {
      const listing = scanVault(this.vault);
      this.#files = listing.notes;
      this.#attachments = listing.attachments;
    }
    // Re-parse what changed on disk, and any file whose id or kind the rescan changed (NFC twins, Logseq pages).
    const toParse = this.#files.filter((file) => {
      const before = known.get(file.absolute);
      return edited.has(file.absolute) || !before || before.id !== file.id || before.logseq !== file.logseq;
    });
    const ids = new Set(this.#files.map((file) => file.id));
    for (const id of this.#parsed.keys()) if (!ids.has(id)) this.#parsed.delete(id);
    const previous = new Map(toParse.map((file) => [file.id, this.#parsed.get(file.id)]));
    const trees = this.#parse(toParse);
    const reparsed = new Set(toParse.map((file) => file.id));
    const parsedAt = performance.now();
    // The usual edit (text, not links, names, tags or questions): the graph is the same but for line numbers,
    // which no page shows. Only the edited notes render again, and only pages' HTML is composed again.
    if (!structural && toParse.every((file) => sameFacts(previous.get(file.id), this.#parsed.get(file.id)))) {
      this.#render(reparsed, trees);
      this.#refreshDates(reparsed);
      const renderedAt = performance.now();
      this.model = this.#withNewHtml(reparsed);
      const done = performance.now();
      return { parsed: toParse.length, rendered: reparsed.size, ms: done - started, phases: { parse: parsedAt - started, graph: 0, render: renderedAt - parsedAt, assemble: done - renderedAt } };
    }

    const before = this.#snapshot;
    const after = this.#snapshotOf(this.#buildGraph());
    const dirty = dirtyNotes(before, after, reparsed);
    const graphAt = performance.now();
    // Notes to render whose tree is gone (only facts are kept): parse them again, unchanged on disk.
    const missing = this.#files.filter((file) => dirty.has(file.id) && after.published.has(file.id) && !trees.has(file.id));
    for (const [id, tree] of this.#parse(missing)) trees.set(id, tree);
    this.#snapshot = after;
    this.#render(dirty, trees);
    this.#refreshDates(reparsed);
    const renderedAt = performance.now();
    this.model = this.#assemble();
    const done = performance.now();
    const phases = { parse: parsedAt - started, graph: graphAt - parsedAt, render: renderedAt - graphAt, assemble: done - renderedAt };
    return { parsed: toParse.length + missing.length, rendered: dirty.size, ms: done - started, phases };
  }

  /**
   * Parse `files` on this thread and keep their facts. The worker pool's watchdog cannot stop a parse here;
   * a note that ran over `budget.noteMs` still ends as the pool would leave it: published as plain text.
   */
  #parse(files: VaultFile[]): Map<string, Root> {
    const trees = new Map<string, Root>();
    if (files.length === 0) return trees;
    const budget = { ...defaultBudget, ...this.config.budget };
    const message = { type: "parse", files, questionPrefix: this.config.questionPrefix, budget: this.config.budget } as const;
    const { notes, ms } = parseFiles(message, trees);
    notes.forEach((note, i) => {
      this.#parsed.set(note.id, note);
      if ((ms[i] ?? 0) <= budget.noteMs) return;
      const file = files[i] as VaultFile;
      const stopped = parseFiles({ ...message, files: [file], timedOut: { cause: "time", noteMs: budget.noteMs } }, trees);
      this.#parsed.set(file.id, stopped.notes[0] as ParsedNote);
    });
    return trees;
  }

  #buildGraph(): Graph {
    const parsed = this.#files.flatMap((file) => this.#parsed.get(file.id) ?? []);
    return buildGraph(parsed, { ...this.#options, attachments: this.#attachments });
  }

  #snapshotOf(graph: Graph): Snapshot {
    const links = siteLinksOf(graph, this.config);
    const published = new Set(graph.notes.filter((note) => note.published).map((note) => note.id));
    const wanted = wantedFragments(graph, (id) => published.has(id));
    const byNote = new Map<string, unknown[]>();
    for (const link of graph.links) {
      const list = byNote.get(link.from) ?? [];
      list.push([link.to, link.resolved, link.attachment, link.markdown, link.embed, link.heading, link.block]);
      byNote.set(link.from, list);
    }
    const outgoing = new Map(graph.notes.map((note) => [note.id, JSON.stringify([byNote.get(note.id) ?? [], note.questions, note.tags, note.title])]));
    const embeddedBy = new Map<string, string[]>();
    for (const link of graph.links) if (link.embed && link.resolved && !link.attachment) listIn(embeddedBy, link.to).push(link.from);
    const questionsShowing = new Map<string, string[]>();
    for (const q of graph.questions) for (const id of [q.id, ...q.cards]) listIn(questionsShowing, id).push(q.id);
    return { graph, links, published, wanted, outgoing, embeddedBy, questionsShowing };
  }

  /** Render `ids` (the published ones, from `trees`); the rest leave the rendered set. */
  #render(ids: Set<string>, trees: Map<string, Root>): void {
    const { links, wanted, published } = this.#snapshot;
    const gone = [...this.#rendered.keys()].filter((id) => !published.has(id));
    this.#composer.invalidate(new Set([...ids, ...gone]));
    for (const id of ids) {
      const tree = trees.get(id);
      if (!published.has(id) || !tree) {
        this.#rendered.delete(id);
        this.#noteCopies.delete(id);
        continue;
      }
      const media = new MediaResolver(this.config, this.vault);
      this.#rendered.set(id, renderNote(tree, renderContextFor(links, id, media), wanted.get(id) ?? []));
      this.#noteCopies.set(id, [...media.copies.values()]);
    }
    for (const id of gone) this.#rendered.delete(id);
  }

  /**
   * Date the published notes that have none, and those of `reparsed` again (an edit changes the file's time, which
   * may be its date); forget the rest.
   */
  #refreshDates(reparsed: ReadonlySet<string>): void {
    const published = this.#snapshot.graph.notes.filter((note) => note.published);
    const ids = new Set(published.map((note) => note.id));
    for (const id of this.#dates.keys()) if (!ids.has(id) || reparsed.has(id)) this.#dates.delete(id);
    const undated = published.filter((note) => !this.#dates.has(note.id));
    for (const [id, dates] of noteDates(undated, this.vault, () => (this.#commits ??= gitDates(this.vault)))) this.#dates.set(id, dates);
  }

  /**
   * The model after an edit that changed only the HTML and dates of `rerendered`: each page that shows one of
   * them, or embeds one at any depth, is composed again (from the composer's memory, but for those notes); the
   * others keep their objects.
   */
  #withNewHtml(rerendered: ReadonlySet<string>): SiteModel {
    const linker = pageLinker(this.#snapshot.graph, this.config.questionPrefix);
    const composer = this.#composer;
    const dates = this.#dates;
    const note = (page: NotePage): NotePage => {
      if (page.virtual) return page;
      const html = composer.page(page.id);
      const dated = noteDateFields(dates, page.id);
      if (html === page.html && dated.updated === page.updated && dated.created === page.created) return page;
      const fields = noteHtmlFieldsOf(page.id, html, page.title, this.#htmlFields);
      const { html: _h, diagram: _d, math: _m, titleInContent: _t, description: _s, updated: _u, created: _c, ...rest } = page;
      return { ...rest, ...fields, ...dated };
    };
    const shown = withEmbedders(rerendered, this.#snapshot.embeddedBy);
    const touchedQuestions = new Set([...shown].flatMap((id) => this.#snapshot.questionsShowing.get(id) ?? []));
    const question = (page: QuestionPage): QuestionPage => {
      const q = linker.questions.get(page.id);
      if (!q || !touchedQuestions.has(q.id)) return page;
      // A question that shows an edited note may still look the same (the edit was elsewhere in the card): its
      // content is compared first (the composer's own strings where it had them), before its text is read again.
      const content = questionContent(q, this.#rendered, composer, linker);
      const updated = questionUpdated(q, linker.published, dates);
      if (updated === page.updated && content.ownHtml === page.ownHtml && content.answers.length === page.answers.length && content.answers.every((answer, i) => answer.html === page.answers[i]?.html)) return page;
      const { answers: _a, ownHtml: _o, diagram: _d, math: _m, description: _s, updated: _u, ...rest } = page;
      return { ...rest, ...questionHtmlFields(q.id, content, this.#htmlFields), ...(updated ? { updated } : {}) };
    };
    const { home, ...model } = this.model;
    const notes = model.notes.map(note);
    const questions = model.questions.map(question);
    const newHome = home ? note(home) : undefined;
    // Previews of pages whose HTML and title did not change are remembered (see PreviewMemo).
    const same = notes.every((page, i) => page === model.notes[i]) && questions.every((page, i) => page === model.questions[i]) && newHome === home;
    const previews = same ? model.previews : sitePreviews(notes, newHome, questions, model.tags, model.strings, this.#previews);
    return { ...model, notes, questions, previews, previewShards: previews.length, ...(newHome ? { home: newHome } : {}) };
  }

  #assemble(): SiteModel {
    const copies = [...this.#coldCopies, ...[...this.#noteCopies.values()].flat()];
    return assembleSiteModel(this.#snapshot.graph, this.#rendered, this.config, this.vault, copies, { composer: this.#composer, dates: this.#dates, previews: this.#previews, htmlFields: this.#htmlFields, trails: this.#trails });
  }
}

/** The list `map` holds under `key`, made empty when there is none. */
function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  const list = map.get(key);
  if (list) return list;
  const made: T[] = [];
  map.set(key, made);
  return made;
}

/** `notes` and every note that embeds one of them, at any depth. */
function withEmbedders(notes: ReadonlySet<string>, embeddedBy: ReadonlyMap<string, readonly string[]>): Set<string> {
  const found = new Set(notes);
  const queue = [...notes];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const from of embeddedBy.get(id) ?? []) {
      if (found.has(from)) continue;
      found.add(from);
      queue.push(from);
    }
  }
  return found;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The notes whose HTML can differ between two snapshots (see the module comment). */
export function dirtyNotes(before: Snapshot, after: Snapshot, reparsed: Set<string>): Set<string> {
  const dirty = new Set(reparsed);
  for (const id of after.published) if (!before.published.has(id)) dirty.add(id);
  for (const [id, signature] of after.outgoing) if (before.outgoing.get(id) !== signature) dirty.add(id);
  for (const id of new Set([...before.wanted.keys(), ...after.wanted.keys()])) {
    if ((before.wanted.get(id) ?? []).join("\n") !== (after.wanted.get(id) ?? []).join("\n")) dirty.add(id);
  }
  const keys = new Set([...changedKeys(before.links.urls, after.links.urls), ...changedKeys(before.links.titles, after.links.titles)]);
  const blocks = changedKeys(before.links.blocks, after.links.blocks);
  const tags = changedKeys(before.links.tags, after.links.tags);
  for (const link of [...before.graph.links, ...after.graph.links]) {
    const block = link.block?.toLowerCase();
    const detailed = link.embed === true || link.heading !== undefined || link.block !== undefined;
    if (keys.has(link.to) || (block !== undefined && blocks.has(block)) || (detailed && reparsed.has(link.to))) dirty.add(link.from);
  }
  for (const note of [...before.graph.notes, ...after.graph.notes]) {
    if (note.questions.some((id) => keys.has(id)) || note.tags.some((tag) => tags.has(tag.toLowerCase()))) dirty.add(note.id);
  }
  return dirty;
}

/** Two parses of a note that give the same graph: equal but for line numbers and diagnostics. */
function sameFacts(a: ParsedNote | undefined, b: ParsedNote | undefined): boolean {
  if (!a || !b) return false;
  const shape = (note: ParsedNote) => JSON.stringify(note, (key, value: unknown) => (key === "line" || key === "column" || key === "diagnostics" ? undefined : value));
  return shape(a) === shape(b);
}

/** Keys whose value differs between two records (added, removed or changed). */
function changedKeys<T>(a: Record<string, T>, b: Record<string, T>): Set<string> {
  const changed = new Set<string>();
  const same = (x: T | undefined, y: T | undefined) => x === y || (typeof x === "object" && JSON.stringify(x) === JSON.stringify(y));
  for (const key of Object.keys(a)) if (!same(a[key], b[key])) changed.add(key);
  for (const key of Object.keys(b)) if (!(key in a)) changed.add(key);
  return changed;
}
