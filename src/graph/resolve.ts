/**
 * Link resolution as Obsidian does it (DIALECT §2): exact vault path, then case-insensitive path, then a unique
 * file name, then a tie-break (same folder as the source, then shortest path) reported as ambiguous. Aliases
 * (`aliases:` front matter, Logseq `alias::`) resolve like file names. Built once; each lookup is O(1) but the
 * tie-break.
 *
 * `LinkResolver` answers a whole link (note or attachment, heading or block) from a `ResolverData` snapshot:
 * plain data built from the graph, so the graph (for diagnostics and backlinks) and the renderer (in this thread
 * or a worker) resolve every link with the same rules and the same answer, and nothing is written into trees.
 */
import { isImage, isVideoOrAudio, parseMediaUrl, safeDecode } from "../../plugins/media/normalize.ts";
import { questionKey } from "./question-merge.ts";
import { isQuestionTarget } from "../../plugins/outline.ts";
import { findHeading } from "./headings.ts";
import type { GraphHeading } from "./types.ts";

export interface Resolution {
  id: string;
  /** Other candidates when the name was ambiguous. */
  ambiguous?: string[];
}

export class NoteIndex {
  readonly #exact = new Map<string, string>();
  readonly #folded = new Map<string, string>();
  readonly #byName = new Map<string, string[]>();

  /** Add a note by id (vault path without `.md`) and extra names it answers to. */
  add(id: string, aliases: readonly string[] = []): void {
    this.#exact.set(id, id);
    if (!this.#folded.has(fold(id))) this.#folded.set(fold(id), id);
    for (const name of [basename(id), ...aliases]) {
      const key = fold(name);
      const list = this.#byName.get(key);
      if (!list) this.#byName.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    }
  }

  has(id: string): boolean {
    return this.#exact.has(id);
  }

  /** Resolve `target` (as written in a link) from the note `fromId`; `undefined` when nothing matches. */
  resolve(target: string, fromId: string): Resolution | undefined {
    const clean = normalizeTarget(target);
    if (clean === "") return { id: fromId };
    const exact = this.#exact.get(clean) ?? this.#folded.get(fold(clean));
    if (exact) return { id: exact };
    // Relative paths (`./x`, `../x`) from the source's folder.
    if (clean.startsWith("./") || clean.startsWith("../")) {
      const joined = joinPath(dirname(fromId), clean);
      const hit = joined && (this.#exact.get(joined) ?? this.#folded.get(fold(joined)));
      if (hit) return { id: hit };
    }
    // A name with `/` in it (a Logseq namespace page `面试/Redis`, a `title::`) matches whole.
    const whole = clean.includes("/") ? this.#byName.get(fold(clean)) : undefined;
    if (whole?.length === 1) return { id: whole[0] as string };
    const candidates = this.#byName.get(fold(basename(clean)));
    if (!candidates) return undefined;
    // A target with folders must match the end of the candidate's path.
    const matching = clean.includes("/") ? candidates.filter((id) => fold(id).endsWith(fold(`/${clean}`))) : candidates;
    if (matching.length === 0) return undefined;
    if (matching.length === 1) return { id: matching[0] as string };
    const folder = dirname(fromId);
    // The last tie-break compares code units, not `localeCompare`: that follows the machine's locale (`LANG`),
    // and the same vault must resolve the same way everywhere (zh-CN sorts 甲 before 乙, en-US after).
    const sorted = [...matching].sort(
      (a, b) =>
        Number(dirname(b) === folder) - Number(dirname(a) === folder) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
    );
    return { id: sorted[0] as string, ambiguous: sorted.slice(1) };
  }
}

/** Trim, NFC-normalize, drop `.md` and leading `/`. */
export function normalizeTarget(target: string): string {
  return target.normalize("NFC").trim().replace(/\.md$/i, "").replace(/^\/+/, "");
}

function fold(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** Join a relative path onto a folder; `undefined` if it climbs out of the vault. */
export function joinPath(folder: string, relative: string): string | undefined {
  const parts = folder ? folder.split("/") : [];
  for (const part of relative.split("/")) {
    if (part === "." || part === "") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/** What a resolver is built from: plain data (it crosses to worker threads), derived from the graph. */
export interface ResolverData {
  /** Every note, in vault order, with the extra names it answers to. */
  notes: { id: string; aliases: string[] }[];
  /** Vault-relative paths of the files that are not notes (images, PDFs, audio, video, anything), as on disk. */
  attachments: string[];
  /** Note id → its headings, in document order (notes without headings are left out). */
  headings: Record<string, GraphHeading[]>;
  /** Note id → the block ids written in it (notes without blocks are left out). */
  blocks: Record<string, string[]>;
  /** Questions without a file, named with their folder (`库/？X`): a bare `[[？X]]` joins the first of them. */
  questions: string[];
  /** First character(s) of a question's name. */
  questionPrefix: string;
  /** `questionKey` → the question that every spelling with that key joins (see question-merge.ts). */
  mergedQuestions?: Record<string, string>;
}

/** A link as written: `[[target#heading|…]]`, `[[target#^block]]`, `![[…]]`, or a markdown `[x](target#heading)`. */
export interface LinkRef {
  target: string;
  /** Heading chain after `#` (`H1#H2`). */
  heading?: string;
  /** Block id after `#^`. */
  block?: string;
  embed?: boolean;
  /** A markdown link or image: its path is tried relative to the note's folder first. */
  markdown?: boolean;
}

export type LinkResolution =
  /** A note: `anchor` is the id of the heading or block it lands on; `missing` says which one was not found. */
  | { kind: "note"; id: string; anchor?: string; missing?: "heading" | "block"; ambiguous?: string[] }
  /** A question that has no file: its node id. */
  | { kind: "question"; id: string }
  /** A file of the vault that is not a note: its vault path. */
  | { kind: "attachment"; id: string; ambiguous?: string[] }
  /** Nothing matches: `id` is the target as written (cleaned); `attachment` when it names a file, not a note. */
  | { kind: "missing"; id: string; attachment: boolean };

export class LinkResolver {
  readonly #notes = new NoteIndex();
  readonly #attachments = new NoteIndex();
  readonly #pageless = new Map<string, string>();
  readonly #data: ResolverData;

  constructor(data: ResolverData) {
    this.#data = data;
    for (const note of data.notes) this.#notes.add(note.id, note.aliases);
    for (const file of data.attachments) this.#attachments.add(file);
    for (const id of data.questions) {
      const key = basename(id).toLowerCase();
      if (!this.#pageless.has(key)) this.#pageless.set(key, id);
    }
  }

  /** Resolve `ref` written in note `from`. */
  resolve(ref: LinkRef, from: string): LinkResolution {
    const clean = normalizeTarget(ref.target);
    const named = namesAttachment(ref.target, ref.markdown === true);
    if (named) {
      const file = this.#attachment(ref.target.normalize("NFC").trim().replace(/^\/+/, ""), from, ref.markdown === true);
      if (file) return file.ambiguous ? { kind: "attachment", id: file.id, ambiguous: file.ambiguous } : { kind: "attachment", id: file.id };
    }
    const note = (ref.markdown && clean !== "" ? this.#relative(this.#notes, clean, from) : undefined) ?? this.#notes.resolve(clean, from);
    if (note) return this.#landing(note, ref);
    if (isQuestionTarget(clean, this.#data.questionPrefix)) {
      const id = (!clean.includes("/") && this.#pageless.get(clean.toLowerCase())) || clean;
      const into = this.#data.mergedQuestions?.[questionKey(basename(id), this.#data.questionPrefix)];
      if (into !== undefined && into !== id) return this.#notes.has(into) ? this.#landing({ id: into }, ref) : { kind: "question", id: into };
      return { kind: "question", id };
    }
    return { kind: "missing", id: named ? ref.target.normalize("NFC").trim() : clean, attachment: named };
  }

  /** Whether `id` is a note. */
  hasNote(id: string): boolean {
    return this.#notes.has(id);
  }

  #attachment(path: string, from: string, markdown: boolean): Resolution | undefined {
    return (markdown ? this.#relative(this.#attachments, path, from) : undefined) ?? this.#attachments.resolve(path, from);
  }

  /** A markdown path relative to the note's folder, exactly (Obsidian writes them so). */
  #relative(index: NoteIndex, path: string, from: string): Resolution | undefined {
    const joined = joinPath(dirname(from), path);
    return joined !== undefined && index.has(joined) ? { id: joined } : undefined;
  }

  #landing(note: Resolution, ref: LinkRef): LinkResolution {
    const result: LinkResolution = { kind: "note", id: note.id };
    if (note.ambiguous) result.ambiguous = note.ambiguous;
    if (ref.block) {
      const wanted = ref.block.toLowerCase();
      const block = this.#data.blocks[note.id]?.find((id) => id.toLowerCase() === wanted);
      if (block) result.anchor = block;
      else result.missing = "block";
    } else if (ref.heading) {
      const heading = findHeading(this.#data.headings[note.id] ?? [], ref.heading);
      if (heading) result.anchor = heading.id;
      else result.missing = "heading";
    }
    return result;
  }
}

/**
 * The parts of a markdown link's URL that can name a note or attachment (`a.md`, `a%20b.md`, `../dir/a.md#标题`,
 * `附件/图%201.png`): a vault-relative path, percent-decoded, and its fragment. `undefined` for web addresses,
 * `file:` URLs, other schemes and same-page `#…` links.
 */
export function markdownLinkRef(url: string): Omit<LinkRef, "embed"> | undefined {
  const parsed = parseMediaUrl(url);
  if (parsed?.origin !== "vault") return undefined;
  const ref: Omit<LinkRef, "embed"> = { target: parsed.path, markdown: true };
  const fragment = safeDecode(parsed.fragment).trim();
  if (fragment.startsWith("^")) ref.block = fragment.slice(1);
  else if (fragment) ref.heading = fragment;
  return ref;
}

/** Attachments by their extension: `.md` (or none) names a note; a markdown link's any other extension a file. */
function namesAttachment(target: string, markdown: boolean): boolean {
  const name = basename(target.trim());
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return false;
  const extension = name.slice(dot + 1).toLowerCase();
  if (extension === "md") return false;
  if (isImage(name) || isVideoOrAudio(name) || extension === "pdf") return true;
  return markdown && /^[a-z\d]{1,8}$/.test(extension) && !/^\d+$/.test(extension);
}
