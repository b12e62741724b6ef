/**
 * A vault on disk → parsed notes → the question graph. The only module here that touches the file system.
 * A note that cannot be read or parsed gets an error diagnostic and is still in the graph (with its text kept
 * as a plain paragraph), so nothing is lost and nothing crashes.
 */
import fs from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { createProcessor } from "../../plugins/index.ts";
import { extractFacts, type NoteFacts } from "./extract.ts";
import { buildGraph, type GraphOptions, type ParsedNote } from "./build.ts";
import type { Diagnostic, Graph } from "./types.ts";
import { isQuestionTarget } from "../../plugins/outline.ts";
import { readVaultSettings } from "./vault-settings.ts";

export interface VaultFile {
  /** Vault-relative path without `.md`, NFC. */
  id: string;
  /** Vault-relative path, forward slashes, NFC. */
  path: string;
  /** Absolute path on disk. */
  absolute: string;
}

/** Folders never read: tool state and dependencies. */
const skippedFolders = new Set(["node_modules", ".obsidian", ".logseq", ".git", ".trash", "logseq/bak", "logseq/.recycle"]);

/** Every `.md` file under `root`, sorted by path; symlinks are not followed (they could leave the vault). */
export function listVault(root: string): VaultFile[] {
  const files: VaultFile[] = [];
  const walk = (folder: string, relative: string) => {
    const entries = fs.readdirSync(folder, { withFileTypes: true });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || skippedFolders.has(entry.name) || skippedFolders.has(rel)) continue;
        walk(path.join(folder, entry.name), rel);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) {
        const normalized = rel.normalize("NFC");
        files.push({ id: normalized.slice(0, -3), path: normalized, absolute: path.join(folder, entry.name) });
      }
    }
  };
  walk(root, "");
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
  const files = listVault(root);
  const processor = createProcessor({ questionPrefix: options.questionPrefix });
  const parsed: ParsedNote[] = [];
  const trees = new Map<string, Root>();
  files.forEach((file, i) => {
    const { note, tree } = parseNote(processor, file, readSource(file), options.questionPrefix);
    parsed.push(note);
    if (options.keepTrees) trees.set(note.id, stripPositions(tree));
    options.onProgress?.(i + 1, files.length);
  });
  return { root, graph: buildGraph(parsed, { ...readVaultSettings(root), ...options }), trees };
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
  file: Pick<VaultFile, "id" | "path">,
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
    return { note: { id: file.id, path: file.path, frontmatter: {}, properties: {}, facts: extractFacts(tree), diagnostics }, tree };
  };
  if (source instanceof Error) return fail("read-failed", source);
  const vfile = new VFile({ path: file.path, value: source.replace(/^\uFEFF/, "") });
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
