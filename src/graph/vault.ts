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
import { defaultBudget, degradeHostileBlocks, type Finding, type NoteBudget } from "./budget.ts";
import { cleanText, type DecodedSource, decodeSource } from "./source.ts";
import { readVaultSettings } from "./vault-settings.ts";

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
  /** Per-note budget; only `noteBytes` applies in-process (see `parseNote`). Default `defaultBudget`. */
  budget?: Partial<NoteBudget>;
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
    const { note, tree } = parseNote(processor, file, readSource(file), options.questionPrefix, options.budget);
    parsed.push(note);
    if (options.keepTrees) trees.set(note.id, stripPositions(tree));
    options.onProgress?.(i + 1, files.length);
  });
  return { root, graph: buildGraph(parsed, { ...readVaultSettings(root), ...options, attachments }), trees };
}

/** Read and decode one note (see `source.ts`); an unreadable file is its error. */
export function readSource(file: VaultFile): DecodedSource | Error {
  try {
    return decodeSource(fs.readFileSync(file.absolute), file.path);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

type Processor = ReturnType<typeof createProcessor>;

/**
 * Parse one note's source into its graph facts and tree. Never throws.
 *
 * A note over `budget.noteBytes` is not parsed as Markdown: its front matter is read and its body kept as
 * plain text (`fallbackNote`), with an error. Blocks the pre-checks find too costly are parsed with their
 * delimiters left literal (`degradeHostileBlocks`), with an error per construct. The time budget is the worker
 * pool's (`src/site/worker-pool.ts`): a synchronous parse cannot be interrupted from inside.
 */
export function parseNote(
  processor: Processor,
  file: Pick<VaultFile, "id" | "path" | "logseq">,
  source: string | DecodedSource | Error,
  questionPrefix?: string,
  budget: Partial<Pick<NoteBudget, "noteBytes">> = {},
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
    const text = typeof source === "string" ? source : source instanceof Error ? "" : source.text;
    const tree: Root = { type: "root", children: text ? [{ type: "code", value: text }] : [] };
    const note: ParsedNote = { id: file.id, path: file.path, frontmatter: {}, properties: {}, facts: extractFacts(tree), diagnostics };
    // Nothing of the note was read, its publish decision included: fail closed (src/graph/publish.ts).
    const problem = unreadFrontmatter(text, reason);
    if (problem) note.frontmatterProblem = problem;
    return { note, tree };
  };
  if (source instanceof Error) return fail("read-failed", source);
  const decoded: DecodedSource = typeof source === "string" ? { text: "", diagnostics: [] } : source;
  if (typeof source === "string") decoded.text = cleanText(source, file.path, decoded.diagnostics);
  diagnostics.push(...decoded.diagnostics);
  if (decoded.binary) {
    const tree = notTextTree(decoded.binary);
    return { note: { id: file.id, path: file.path, frontmatter: {}, properties: {}, facts: extractFacts(tree), diagnostics }, tree };
  }

  const noteBytes = budget.noteBytes ?? defaultBudget.noteBytes;
  const bytes = Buffer.byteLength(decoded.text);
  if (bytes > noteBytes) {
    const over: Diagnostic = {
      path: file.path,
      line: 1,
      column: 1,
      severity: "error",
      code: "budget-size",
      message: `Note is ${formatBytes(bytes)}, over the size budget of ${formatBytes(noteBytes)} (\`budget.noteBytes\`): its front matter is read and the rest is published as plain text`,
    };
    return fallbackNote(processor, file, { ...decoded, diagnostics }, over, questionPrefix);
  }

  const degraded = degradeHostileBlocks(decoded.text);
  for (const finding of degraded.findings) diagnostics.push(findingDiagnostic(file.path, finding));
  const vfile = new VFile({ path: file.path, value: degraded.text });
  vfile.data.logseq = file.logseq === true || looksLikeLogseqPage(file.path, degraded.text);
  let tree: Root;
  try {
    tree = processor.runSync(processor.parse(vfile), vfile) as Root;
  } catch (error) {
    return fail("parse-failed", error);
  }
  diagnostics.push(...messagesOf(vfile, file.path));
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
 * A note that is over budget (`reason`, an error diagnostic): only its head is parsed (the YAML front matter
 * and Logseq `key:: value` lines, so a draft stays a draft), the rest is one block of plain text. Bounded:
 * the head (front matter) is at most 4 MiB. Never throws.
 */
export function fallbackNote(
  processor: Processor,
  file: Pick<VaultFile, "id" | "path">,
  source: DecodedSource,
  reason: Diagnostic,
  questionPrefix?: string,
): { note: ParsedNote; tree: Root } {
  const diagnostics = [...source.diagnostics, reason];
  const { head, body } = splitHead(source.text);
  const vfile = new VFile({ path: file.path, value: head });
  let tree: Root = { type: "root", children: [] };
  try {
    if (head) tree = processor.runSync(processor.parse(vfile), vfile) as Root;
    diagnostics.push(...messagesOf(vfile, file.path));
  } catch (error) {
    diagnostics.push({ path: file.path, line: 1, column: 1, severity: "error", code: "parse-failed", message: `${error instanceof Error ? error.message : String(error)}; the note is kept as plain text` });
    tree = { type: "root", children: [] };
  }
  if (body) tree.children.push({ type: "code", value: body });
  const ownQuestion = isQuestionTarget(file.id, questionPrefix) ? file.id : undefined;
  let facts: NoteFacts;
  try {
    facts = extractFacts(tree, ownQuestion);
  } catch {
    tree = { type: "root", children: [{ type: "code", value: source.text }] };
    facts = extractFacts(tree);
  }
  const note: ParsedNote = {
    id: file.id,
    path: file.path,
    frontmatter: vfile.data.frontmatter ?? {},
    properties: vfile.data.properties ?? {},
    facts,
    diagnostics,
  };
  // A front matter block the head did not close (or could not read) leaves the publish decision unknown: fail
  // closed (src/graph/publish.ts).
  const problem = vfile.data.frontmatterProblem ?? (head === "" ? unreadFrontmatter(source.text.slice(0, 65_536), reason.code) : undefined);
  if (problem) note.frontmatterProblem = problem;
  return { note, tree };
}

/** The front matter and Logseq property lines at the top of `text` (front matter up to 4 MiB), and the rest. */
function splitHead(text: string): { head: string; body: string } {
  // Front matter is read even when long (a 350,000-character title is still a title, cut with a warning): YAML
  // parses linearly. Only what follows it is kept as plain text.
  const limit = 4 * 1_048_576;
  let end = 0;
  const fence = /^---[ \t]*\r?\n/.exec(text);
  if (fence) {
    const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
    close.lastIndex = fence[0].length - 1;
    const match = close.exec(text.slice(0, limit));
    if (match) end = match.index + match[0].length;
  }
  // Logseq page properties: `key:: value` lines, before the first other line.
  const property = /^[ \t]*[\p{L}\p{N}_-]+::[^\r\n]*(?:\r?\n|$)/uy;
  property.lastIndex = end;
  while (end < limit) {
    const match = property.exec(text);
    if (!match || match[0].length === 0) break;
    end = property.lastIndex;
  }
  return { head: text.slice(0, end), body: text.slice(end) };
}

/** The page of a file that is not text: says so, shows nothing of it. */
function notTextTree(binary: { kind: string; bytes: number }): Root {
  return {
    type: "root",
    children: [
      {
        type: "paragraph",
        data: { hProperties: { className: ["not-text"] } },
        children: [{ type: "text", value: `（此文件不是文本：${binary.kind}，${formatBytes(binary.bytes)}。This file is not text: a ${binary.kind}, ${formatBytes(binary.bytes)}.）` }],
      },
    ],
  };
}

function messagesOf(vfile: VFile, path: string): Diagnostic[] {
  return vfile.messages.map((message) => ({
    path,
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal === true ? "error" : message.fatal === false ? "warning" : "info",
    code: message.ruleId ?? "parse",
    message: message.reason,
  }));
}

const constructNames: Record<Finding["construct"], string> = {
  emphasis: "emphasis delimiters (`*`, `_` runs)",
  brackets: "link brackets (`[`, `]`)",
  nesting: "nested containers (list items, `>` quotes) on one line",
};

function findingDiagnostic(path: string, finding: Finding): Diagnostic {
  const where = finding.construct === "nesting" ? "line" : "block";
  const what =
    finding.construct === "nesting"
      ? `Too deeply nested: ${finding.blocks} line${finding.blocks === 1 ? "" : "s"} with up to ${finding.count} ${constructNames.nesting}, over the budget of ${finding.limit}: the markers past it are kept as literal text`
      : `Too many ${constructNames[finding.construct]}: ${finding.blocks} ${where}${finding.blocks === 1 ? "" : "s"} with up to ${finding.count}, over the budget of ${finding.limit} per ${where} (or of the note's total): they are kept as literal text`;
  return {
    path,
    line: finding.line,
    column: finding.column,
    severity: "error",
    code: "budget-construct",
    message: `${what} (the first here)`,
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
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
