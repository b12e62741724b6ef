/**
 * A vault on disk → parsed notes → the question graph. The only module here that touches the file system.
 * A note that cannot be read or parsed gets an error diagnostic and is still in the graph (with its text kept
 * as a plain paragraph), so nothing is lost and nothing crashes.
 */
import fs from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { unreadFrontmatter } from "../../plugins/frontmatter.ts";
import { createProcessor } from "../../plugins/index.ts";
import { extractFacts, type NoteFacts } from "./extract.ts";
import { buildGraph, type GraphOptions, type ParsedNote } from "./build.ts";
import type { Diagnostic, Graph } from "./types.ts";
import { isQuestionTarget } from "../../plugins/outline.ts";
import { looksLikeLogseqPage, markLogseqPages } from "./logseq.ts";

export interface VaultFile {
  /** Vault-relative path without `.md`, NFC. */
  id: string;
  /** Vault-relative path, forward slashes, NFC. */
  path: string;
  /** Absolute path on disk. */
  absolute: string;
  /** Under `pages/` or `journals/` of a Logseq graph (see `src/graph/logseq.ts`). */
  logseq?: boolean;
}

/** Folders never read: tool state and dependencies. */
const skippedFolders = new Set(["node_modules", ".obsidian", ".logseq", ".git", ".trash", "logseq/bak", "logseq/.recycle"]);

/** What a vault folder holds: its notes and the other files (attachments) links may point at. */
export interface VaultListing {
  notes: VaultFile[];
  /**
   * Vault-relative paths (forward slashes) of every other file, sorted, as spelled on disk: an NFD name stays NFD
   * so it can be read, and links find it anyway (names are compared NFC-normalized).
   */
  attachments: string[];
}

/**
 * Every file under `root`: `.md` files are notes, the rest attachments; both sorted by path. Symlinks are not
 * followed (they could leave the vault). Two files whose names differ only by Unicode normalization (NFC
 * `Café.md` beside its NFD twin) would get one NFC id: the second keeps its name as written on disk, so both are
 * notes (the graph warns about the pair).
 */
export function scanVault(root: string): VaultListing {
  const notes: VaultFile[] = [];
  const attachments: string[] = [];
  const walk = (folder: string, relative: string) => {
    const entries = fs.readdirSync(folder, { withFileTypes: true });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || skippedFolders.has(entry.name) || skippedFolders.has(rel)) continue;
        walk(path.join(folder, entry.name), rel);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) {
        notes.push({ id: rel.slice(0, -3), path: rel, absolute: path.join(folder, entry.name) });
      } else if (entry.isFile() && !entry.name.startsWith(".")) {
        attachments.push(rel);
      }
    }
  };
  walk(root, "");
  // NFC ids: a name written in NFC keeps it; another spelling takes the NFC id only when no file has it (the
  // first in code-unit order, so the choice does not depend on the order the file system lists them).
  notes.sort((a, b) => compare(a.path, b.path));
  const taken = new Set(notes.map((note) => note.path).filter((name) => name === name.normalize("NFC")));
  for (const note of notes) {
    const normalized = note.path.normalize("NFC");
    if (note.path === normalized || taken.has(normalized)) continue;
    taken.add(normalized);
    note.path = normalized;
    note.id = normalized.slice(0, -3);
  }
  notes.sort((a, b) => compare(a.path, b.path));
  markLogseqPages(root, notes);
  return { notes, attachments: attachments.sort(compare) };
}

/** Every `.md` file under `root`, sorted by path (see `scanVault`). */
export function listVault(root: string): VaultFile[] {
  return scanVault(root).notes;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface LoadOptions extends GraphOptions {
  /** Keep each note's mdast (positions stripped) for rendering. Default false. */
  keepTrees?: boolean;
  /** Called after each note is parsed. */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedVault {
  root: string;
  graph: Graph;
  /** Note id → annotated mdast, when `keepTrees` was set. */
  trees: Map<string, Root>;
}

/** Read, parse and link a whole vault. */
export function loadVault(root: string, options: LoadOptions = {}): LoadedVault {
  const { notes: files, attachments } = scanVault(root);
  const processor = createProcessor({ questionPrefix: options.questionPrefix });
  const parsed: ParsedNote[] = [];
  const trees = new Map<string, Root>();
  files.forEach((file, i) => {
    const { note, tree } = parseNote(processor, file, readSource(file), options.questionPrefix);
    parsed.push(note);
    if (options.keepTrees) trees.set(note.id, stripPositions(tree));
    options.onProgress?.(i + 1, files.length);
  });
  return { root, graph: buildGraph(parsed, { ...options, attachments }), trees };
}

export function readSource(file: VaultFile): string | Error {
  try {
    return fs.readFileSync(file.absolute, "utf8");
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Parse one note's source into its graph facts and tree. Never throws. */
export function parseNote(
  processor: ReturnType<typeof createProcessor>,
  file: Pick<VaultFile, "id" | "path" | "logseq">,
  source: string | Error,
  questionPrefix?: string,
): { note: ParsedNote; tree: Root } {
  const diagnostics: Diagnostic[] = [];
  const fail = (code: string, error: unknown): { note: ParsedNote; tree: Root } => {
    // A tree nested deeper than the stack allows (thousands of `>` or bullets) may parse but cannot be walked.
    const reason =
      error instanceof RangeError && /call stack/i.test(error.message)
        ? `Note is nested too deeply to read (${error.message})`
        : error instanceof Error
          ? error.message
          : String(error);
    diagnostics.push({ path: file.path, line: 1, column: 1, severity: "error", code, message: `${reason}; the note is kept as plain text` });
    const text = typeof source === "string" ? source : "";
    const tree: Root = { type: "root", children: text ? [{ type: "code", value: text }] : [] };
    const note: ParsedNote = { id: file.id, path: file.path, frontmatter: {}, properties: {}, facts: extractFacts(tree), diagnostics };
    // Nothing of the note was read, its publish decision included: fail closed (src/graph/publish.ts).
    const problem = unreadFrontmatter(text, reason);
    if (problem) note.frontmatterProblem = problem;
    return { note, tree };
  };
  if (source instanceof Error) return fail("read-failed", source);
  const vfile = new VFile({ path: file.path, value: source.replace(/^\uFEFF/, "") });
  vfile.data.logseq = file.logseq === true || looksLikeLogseqPage(file.path, source);
  let tree: Root;
  try {
    tree = processor.runSync(processor.parse(vfile), vfile) as Root;
  } catch (error) {
    return fail("parse-failed", error);
  }
  for (const message of vfile.messages) {
    diagnostics.push({
      path: file.path,
      line: message.line ?? 1,
      column: message.column ?? 1,
      severity: message.fatal === true ? "error" : message.fatal === false ? "warning" : "info",
      code: message.ruleId ?? "parse",
      message: message.reason,
    });
  }
  const ownQuestion = isQuestionTarget(file.id, questionPrefix) ? file.id : undefined;
  let facts: NoteFacts;
  try {
    facts = extractFacts(tree, ownQuestion);
  } catch (error) {
    return fail("parse-failed", error);
  }
  const note: ParsedNote = {
    id: file.id,
    path: file.path,
    frontmatter: vfile.data.frontmatter ?? {},
    properties: vfile.data.properties ?? {},
    facts,
    diagnostics,
  };
  if (vfile.data.media !== undefined) note.media = vfile.data.media;
  if (vfile.data.frontmatterProblem) note.frontmatterProblem = vfile.data.frontmatterProblem;
  return { note, tree };
}

/**
 * Positions are only needed for facts and diagnostics, already taken; dropping them halves a kept tree.
 * Iterative: a deeply nested note must not overflow the stack here.
 */
export function stripPositions<T extends { position?: unknown; children?: unknown[] }>(node: T): T {
  const stack: T[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    delete current.position;
    if (current.children) for (const child of current.children) stack.push(child as T);
  }
  return node;
}
