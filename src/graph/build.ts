/**
 * The question graph, built in one pass over the parsed notes with indexes (no note ever scans the others):
 * a name index for link resolution, question nodes merged across cards, tags with their prefixes, and
 * backlinks as an inverted index.
 */
import { isQuestionTarget } from "../../plugins/outline.ts";
import { blockRefLinks, embedCycleDiagnostics } from "./embeds.ts";
import { mergeSimilarQuestions, type QuestionCandidate } from "./question-merge.ts";
import type { NoteFacts } from "./extract.ts";
import { blocksByNote, resolveLinks, resolverDataFor } from "./links.ts";
import { nameDiagnostics } from "./names.ts";
import { basename, LinkResolver } from "./resolve.ts";
import type { FrontmatterProblem } from "../../plugins/types.d.ts";
import { duplicateBlockIds } from "./checks.ts";
import { publishDecision } from "./publish.ts";
import { limitTitle, titleTooLong } from "./title-limit.ts";
import { isLogseqPublic } from "./logseq.ts";
import type {
  Diagnostic,
  Graph,
  GraphComment,
  GraphNote,
  GraphQuestion,
  GraphTag,
  GraphTimestamp,
  NoteKind,
} from "./types.ts";
import { defaultUrlOf, homeNoteOf, isHidden, type NavigationOptions, namingOf, virtualPagesOf } from "./navigation.ts";
import { permalinkUrl, questionUrl, tagUrl } from "./url.ts";

/** One note after parsing: what the graph builder needs (the tree itself stays with the caller). */
export interface ParsedNote {
  id: string;
  path: string;
  frontmatter: Record<string, unknown>;
  /** Logseq `key:: value` page properties. */
  properties: Record<string, string>;
  media?: string;
  facts: NoteFacts;
  diagnostics: Diagnostic[];
  /** Set when the note's front matter exists but could not be read: publishing then fails closed. */
  frontmatterProblem?: FrontmatterProblem;
}

export interface GraphOptions extends NavigationOptions {
  /** First character(s) of a question page's name. Default `？`. */
  questionPrefix?: string;
  /** `all` publishes every note not marked otherwise; `dg` only notes with `dg-publish: true`. Default `all`. */
  publish?: "all" | "dg";
  /** Merge questions whose titles differ only in white space, case or character width. Default `true`. */
  mergeSimilarQuestions?: boolean;
  /** Vault-relative paths of the files that are not notes (as on disk), for links to attachments. Default none. */
  attachments?: readonly string[];
}

/** The question candidates of the vault, in vault order, and how they merge (see question-merge.ts). */
function mergeQuestions(
  parsed: readonly ParsedNote[],
  notes: Map<string, GraphNote>,
  resolver: LinkResolver,
  prefix: string,
): ReturnType<typeof mergeSimilarQuestions> {
  const candidates: QuestionCandidate[] = [];
  for (const note of parsed) {
    if (notes.get(note.id)?.kind === "question") candidates.push({ id: note.id, hasPage: true, path: note.path, line: 1 });
    for (const occurrence of note.facts.questions) {
      const id = resolver.resolve({ target: occurrence.target }, note.id).id;
      candidates.push({ id, hasPage: notes.has(id), path: note.path, line: occurrence.line });
    }
  }
  return mergeSimilarQuestions(candidates, prefix);
}

export function buildGraph(parsed: readonly ParsedNote[], options: GraphOptions = {}): Graph {
  const prefix = options.questionPrefix ?? "？";
  const diagnostics: Diagnostic[] = parsed.flatMap((note) => note.diagnostics);
  const warn = (path: string, line: number, column: number, code: string, message: string) =>
    diagnostics.push({ path, line, column, severity: "warning", code, message });

  // 1. Notes.
  const notes = new Map<string, GraphNote>();
  for (const note of parsed) {
    const aliases = aliasesOf(note);
    const decision = publishDecision(note, options.publish ?? "all");
    if (decision.diagnostic) diagnostics.push(decision.diagnostic);
    // Logseq page names (namespaces, journals) and `title::` are names the note answers to, like aliases.
    const naming = namingOf(note, options);
    for (const name of naming.names) if (!aliases.includes(name)) aliases.push(name);
    const kind: NoteKind = isQuestionTarget(note.id, prefix)
      ? "question"
      : note.media !== undefined || note.facts.questions.length > 0
        ? "card"
        : "page";
    const graphNote: GraphNote = {
      id: note.id,
      path: note.path,
      title: limitedTitle(note, naming.title, diagnostics),
      url: "",
      kind,
      published: decision.published && isLogseqPublic(note.properties),
      aliases,
      tags: [],
      questions: [],
      backlinks: [],
      headings: note.facts.headings,
      frontmatter: note.frontmatter,
    };
    if (note.media !== undefined) graphNote.media = note.media;
    if (naming.navPath !== undefined) graphNote.navPath = naming.navPath;
    if (naming.journal !== undefined) graphNote.journal = naming.journal;
    if (isHidden(note.frontmatter)) graphNote.hidden = true;
    notes.set(note.id, graphNote);
  }
  diagnostics.push(...nameDiagnostics([...notes.values()]));

  // 2. Links, resolved once through the resolver the renderer uses (links.ts); question targets resolve to their
  // page when it exists. A question without a file is still one node: a bare `[[？X]]` joins the `[[folder/？X]]`
  // written elsewhere.
  const attachments = [...(options.attachments ?? [])];
  const data = resolverDataFor(parsed, {
    notes: [...notes.values()].map((note) => ({ id: note.id, aliases: note.aliases })),
    attachments,
    headings: Object.fromEntries(parsed.filter((note) => note.facts.headings.length).map((note) => [note.id, note.facts.headings])),
    blocks: blocksByNote(parsed.flatMap((note) => note.facts.blocks.map((block) => ({ id: block.id, note: note.id })))),
    questionPrefix: prefix,
  });
  // Questions spelled alike (spaces, case, width) are one question: the resolver sends every spelling to it.
  const merged = options.mergeSimilarQuestions === false ? undefined : mergeQuestions(parsed, notes, new LinkResolver(data), prefix);
  if (merged) {
    data.mergedQuestions = merged.byKey;
    diagnostics.push(...merged.diagnostics);
  }
  const resolver = new LinkResolver(data);
  const resolveTarget = (target: string, from: string) => resolver.resolve({ target }, from);
  const { links, backlinks, diagnostics: linkDiagnostics } = resolveLinks(parsed, resolver);
  diagnostics.push(...linkDiagnostics);
  for (const note of parsed) diagnostics.push(...duplicateBlockIds(note.path, note.facts.blocks, note.diagnostics));

  // 3. Questions: one node per target, merged across cards and with the question's own page.
  const timestamps: GraphTimestamp[] = [];
  const comments: GraphComment[] = [];
  const questions = new Map<string, GraphQuestion>();
  const questionOf = (id: string): GraphQuestion => {
    let question = questions.get(id);
    if (!question) {
      const page = notes.get(id);
      question = {
        id,
        title: page?.title ?? limitTitle(basename(id)).text,
        url: "",
        hasPage: page !== undefined,
        published: false,
        parents: [],
        children: [],
        cards: [],
        tags: [],
        timestamps: [],
        comments: [],
        occurrences: [],
        backlinks: [],
      };
      questions.set(id, question);
    }
    return question;
  };
  for (const note of parsed) {
    const graphNote = notes.get(note.id) as GraphNote;
    if (graphNote.kind === "question") {
      const own = questionOf(note.id);
      if (graphNote.published) own.published = true;
    }
    const ids = new Map<string, string>();
    const idOf = (target: string) => {
      const known = ids.get(target);
      if (known !== undefined) return known;
      const id = resolveTarget(target, note.id).id;
      ids.set(target, id);
      return id;
    };
    for (const occurrence of note.facts.questions) {
      const question = questionOf(idOf(occurrence.target));
      pushUnique(question.cards, note.id);
      pushUnique(graphNote.questions, question.id);
      if (graphNote.published) question.published = true;
      const where: GraphQuestion["occurrences"][number] = { card: note.id, line: occurrence.line };
      if (occurrence.blockId) where.blockId = occurrence.blockId;
      question.occurrences.push(where);
      if (occurrence.parentTarget !== undefined) {
        const parent = questionOf(idOf(occurrence.parentTarget));
        if (parent.id !== question.id) {
          pushUnique(question.parents, parent.id);
          pushUnique(parent.children, question.id);
        }
      }
    }
    for (const ts of note.facts.timestamps) {
      const entry: GraphTimestamp = { card: note.id, media: ts.media, start: ts.start, label: ts.label, line: ts.line };
      if (ts.end !== undefined) entry.end = ts.end;
      if (ts.question !== undefined) entry.question = idOf(ts.question);
      timestamps.push(entry);
      if (entry.question !== undefined) questionOf(entry.question).timestamps.push(entry);
    }
    for (const c of note.facts.comments) {
      const entry: GraphComment = { card: note.id, highlight: c.highlight, line: c.line };
      if (c.comment) entry.comment = c.comment;
      if (c.title) entry.title = c.title;
      if (c.question !== undefined) entry.question = idOf(c.question);
      comments.push(entry);
      if (entry.question !== undefined) questionOf(entry.question).comments.push(entry);
    }
  }
  // Block refs link to the note holding the block, and count as its backlinks.
  const refs = blockRefLinks(parsed);
  links.push(...refs.links);
  diagnostics.push(...refs.diagnostics);
  for (const ref of refs.links) {
    if (!ref.resolved || ref.to === ref.from) continue;
    const from = backlinks.get(ref.to);
    if (from) from.add(ref.from);
    else backlinks.set(ref.to, new Set([ref.from]));
  }
  // Each question lists the spellings merged into it (the renderer's resolver is rebuilt from the graph).
  for (const [alias, into] of merged?.into ?? []) {
    const question = questions.get(into);
    if (!question) continue;
    question.merged ??= [];
    question.merged.push(alias);
  }
  diagnostics.push(...embedCycleDiagnostics({ links, notes: [...notes.values()] }));

  for (const question of questions.values()) {
    const where = question.occurrences[0];
    const limited = question.hasPage || !where ? undefined : limitTitle(basename(question.id));
    const card = where ? notes.get(where.card) : undefined;
    if (limited?.cut && where && card) diagnostics.push(titleTooLong(card.path, where.line, limited.length, "The question's name"));
  }
  for (const [id, from] of backlinks) {
    const question = questions.get(id);
    if (question) question.backlinks = [...from].filter((source) => !question.cards.includes(source));
    const note = notes.get(id);
    if (note) note.backlinks = [...from];
  }

  // 4. Tags: case-insensitive, shown with the first casing seen; every prefix is a tag too.
  type TagEntry = GraphTag & { noteSet: Set<string>; questionSet: Set<string> };
  const tags = new Map<string, TagEntry>();
  const tagOf = (name: string): TagEntry => {
    const key = name.toLowerCase();
    let tag = tags.get(key);
    if (!tag) {
      const slash = name.lastIndexOf("/");
      const parent: string | null = slash === -1 ? null : tagOf(name.slice(0, slash)).name;
      tag = { name, parent, children: [], notes: [], questions: [], count: 0, url: tagUrl(name), noteSet: new Set(), questionSet: new Set() };
      tags.set(key, tag);
      if (parent !== null) tagOf(parent).children.push(name);
    }
    return tag;
  };
  for (const note of parsed) {
    const graphNote = notes.get(note.id) as GraphNote;
    for (const use of note.facts.tags) {
      const name = use.name.replace(/^\/+|\/+$/g, "");
      if (!name) continue;
      const tag = tagOf(name);
      tag.count++;
      pushUnique(graphNote.tags, tag.name);
      const question = use.question === undefined ? undefined : questions.get(resolveTarget(use.question, note.id).id);
      if (question) pushUnique(question.tags, tag.name);
      // The tag and each of its prefixes list the note and question.
      for (let t: typeof tag | undefined = tag; t; t = t.parent === null ? undefined : tags.get(t.parent.toLowerCase())) {
        t.noteSet.add(note.id);
        if (question) t.questionSet.add(question.id);
      }
    }
  }

  // 5. URLs, unique, checked against each other.
  const taken = new Map<string, string>();
  const claim = (url: string, owner: string) => {
    let candidate = url;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${url.slice(0, -1)}-${n}/`;
    taken.set(candidate.toLowerCase(), owner);
    return candidate;
  };
  const noteNamed = (name: string) => {
    const found = resolver.resolve({ target: name }, "");
    return found.kind === "note" ? found.id : undefined;
  };
  const home = homeNoteOf([...notes.values()], noteNamed, options);
  if (home !== undefined) (notes.get(home) as GraphNote).url = claim("/", home);
  for (const note of notes.values()) {
    if (note.kind === "question" || note.url !== "") continue;
    const raw = note.frontmatter.permalink ?? note.frontmatter["dg-permalink"];
    if (raw === undefined) continue;
    const permalink = permalinkUrl(raw);
    if ("url" in permalink) {
      const owner = taken.get(permalink.url.toLowerCase());
      if (owner === undefined) note.url = claim(permalink.url, note.id);
      else warn(note.path, 1, 1, "permalink-duplicate", `Permalink \`${String(raw)}\` is already used by \`${owner}\`; this note gets its path URL`);
    } else {
      warn(note.path, 1, 1, "permalink-invalid", `Permalink \`${String(raw)}\` ${permalink.problem}; this note gets its path URL`);
    }
  }
  for (const question of [...questions.values()].sort((a, b) => compare(a.id, b.id))) {
    question.url = claim(questionUrl(question.title, prefix), question.id);
    const page = notes.get(question.id);
    if (page) page.url = question.url;
  }
  for (const note of notes.values()) if (note.url === "") note.url = claim(defaultUrlOf(note, options), note.id);
  const virtual = virtualPagesOf(links, [...notes.values()], { ...options, questionPrefix: prefix }, claim);

  return {
    version: 1,
    notes: [...notes.values()],
    questions: [...questions.values()],
    tags: [...tags.values()].map(({ noteSet, questionSet, ...tag }) => ({ ...tag, notes: [...noteSet], questions: [...questionSet] })),
    blocks: parsed.flatMap((note) => note.facts.blocks.map((block) => ({ ...block, note: note.id }))),
    links,
    timestamps,
    images: parsed.flatMap((note) => note.facts.images.map((image) => ({ note: note.id, ...image }))),
    attachments,
    comments,
    diagnostics,
    virtual,
    ...(options.logseq ? { logseq: { journals: options.logseq.journals, ...(options.logseq.defaultHome ? { defaultHome: options.logseq.defaultHome } : {}) } } : {}),
  };
}

/** A title longer than the limit is cut, with a warning (title-limit.ts). */
function limitedTitle(note: ParsedNote, title: string, diagnostics: Diagnostic[]): string {
  const limited = limitTitle(title);
  if (limited.cut) diagnostics.push(titleTooLong(note.path, 1, limited.length, "The title"));
  return limited.text;
}

function aliasesOf(note: ParsedNote): string[] {
  const raw = note.frontmatter.aliases ?? note.frontmatter.alias ?? note.properties.alias;
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",") : [];
  return list
    .filter((alias): alias is string => typeof alias === "string")
    .map((alias) => alias.trim().replace(/^\[\[|\]\]$/g, ""))
    .filter((alias) => alias !== "");
}

/** DG's `dg-publish`, `draft: true` and `publish: false` (DIALECT §1); see `publish.ts`. */
export { isPublished } from "./publish.ts";

function pushUnique<T>(list: T[], value: T) {
  if (!list.includes(value)) list.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
