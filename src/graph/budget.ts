/**
 * Every note is bounded (issue 7): a size budget and a time budget, and cheap pre-checks for the input shapes
 * that make micromark superlinear, so that they never cost the whole time budget.
 *
 * Why a pre-pass over the raw text (STYLE: "no regex over raw markdown" unless it says why): the parser is
 * what is slow. micromark resolves emphasis and link brackets by splicing its event list once per match, so
 * one paragraph with n `*`/`_` runs or n `[` costs n² (20,000 `*a` or `[a](`: 10–20 s), and every line pays
 * for each open container (a 10,000-deep list: over a minute). No parser option bounds either, and a
 * construct cannot see the paragraph it is in. So this scan, linear in the text, finds the blocks with too
 * many delimiters and the lines nested too deep, and rewrites only those: delimiters get a backslash (they
 * stay visible, as literal text), container markers past the depth limit likewise. It never touches fenced or
 * indented code or the front matter, and a block under the limits is left byte for byte.
 * It only estimates what micromark will see (lazy lines, HTML blocks and multi-line code spans are
 * approximated): a shape it misses is still caught by the worker pool's watchdog (`noteMs`).
 */
import type { Diagnostic } from "./types.ts";

/** The per-note budget, `budget` in `wenda.config.json`. */
export interface NoteBudget {
  /** Largest note parsed as Markdown, in bytes of UTF-8; a larger one is published as plain text. Default 1 MiB. */
  noteBytes: number;
  /**
   * Longest one note may take to parse, in milliseconds: the worker pool stops a worker that runs over it and
   * publishes the note as plain text. Not enforced in-process (`WENDA_WORKERS=0`). Default 10,000.
   */
  noteMs: number;
}

/** A note of 1 MiB parses in about a second here; a pathological shape the pre-checks miss is stopped at 10 s. */
export const defaultBudget: NoteBudget = { noteBytes: 1_048_576, noteMs: 10_000 };

/** Why a worker stopped on a note: over `noteMs`, or the worker died (out of memory, a crash). */
export interface StoppedParse {
  cause: "time" | "crash";
  /** The budget (time) or the worker's error (crash). */
  noteMs: number;
  detail?: string;
}

/** The error a note gets when its parse was stopped (`fallbackNote` publishes it as plain text). */
export function overBudgetDiagnostic(path: string, stopped: StoppedParse): Diagnostic {
  const rest = "its front matter is read and the rest is published as plain text";
  return {
    path,
    line: 1,
    column: 1,
    severity: "error",
    code: stopped.cause === "time" ? "budget-time" : "parse-failed",
    message:
      stopped.cause === "time"
        ? `Parsing this note took over the time budget of ${stopped.noteMs} ms (\`budget.noteMs\`) and was stopped; ${rest}`
        : `The parser stopped on this note (${stopped.detail ?? "the worker exited"}); ${rest}`,
  };
}

/** Limits of the pre-checks. Below them a block costs a few milliseconds at most. */
export interface BlockLimits {
  /** Containers (list items, block quotes) one line may open or continue. Default 64. */
  depth: number;
  /** `*` / `_` delimiter runs in one block. Default 1000. */
  emphasis: number;
  /** `[` and `]` (outside well-formed `[[wiki links]]`) in one block. Default 1000. */
  brackets: number;
  /** Lazy continuation lines in one paragraph before they are indented (a lossless rewrite). Default 200. */
  lazy: number;
  /** Sum over blocks of the squared counts, the n² the resolvers pay for the whole note. Default 2·10⁷. */
  work: number;
}

export const defaultLimits: BlockLimits = { depth: 64, emphasis: 1000, brackets: 1000, lazy: 200, work: 20_000_000 };

/** One kind of degraded construct in a note, at its first block. */
export interface Finding {
  construct: "emphasis" | "brackets" | "nesting";
  /** 1-based line and column of the first block or line degraded. */
  line: number;
  column: number;
  /** Blocks (or lines, for nesting) degraded. */
  blocks: number;
  /** The largest count seen in one of them (delimiters, or containers on one line). */
  count: number;
  limit: number;
}

interface Block {
  line: number;
  column: number;
  first: number;
  last: number;
  emphasis: number;
  brackets: number;
  degradeEmphasis: boolean;
  degradeBrackets: boolean;
  /** Where a continuation line of this block's paragraph starts: the item's content column or `>` quotes. */
  home: { columns: number; quotes: number };
  /** Lazy continuation lines (less indented than the paragraph, or with fewer `>`). */
  lazy: number[];
}

interface Line {
  start: number;
  /** After the container prefix (quotes, list markers, indentation). */
  content: number;
  end: number;
  block: number;
  /** Offsets of container markers to escape (past the depth limit). */
  escapes?: number[];
  /** Replace the line's start up to `end` with `prefix` (default none) and `columns` spaces. */
  reindent?: { end: number; columns: number; prefix?: string };
}

const backslash = 92;

/**
 * Rewrite the blocks of `text` that are over `limits` so they parse in linear time (their delimiters stay as
 * literal text). Returns `text` itself, unchanged, when nothing is over.
 */
export function degradeHostileBlocks(text: string, limits: BlockLimits = defaultLimits): { text: string; findings: Finding[] } {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  const nesting = { lines: 0, line: 0, column: 0, count: 0 };
  /** Content columns of the list items open, innermost last. */
  const stack: number[] = [];
  let fence: { char: number; size: number } | undefined;
  const frontmatterEnd = frontmatterLines(text, lines);
  let current: Block | undefined;
  let table = false;
  let indentedCode = false;

  lines.forEach((line, index) => {
    if (index < frontmatterEnd) return;
    const prefix = readPrefix(text, line);
    line.content = prefix.content;
    const rest = text.slice(prefix.content, Math.min(line.end, prefix.content + 8));
    if (fence) {
      const run = runLength(text, prefix.content, fence.char);
      if (run >= fence.size && text.slice(prefix.content + run, line.end).trim() === "") fence = undefined;
      return;
    }
    const blank = prefix.content >= line.end || text.slice(prefix.content, line.end).trim() === "";
    if (blank) {
      current = undefined;
      table = false;
      return;
    }
    if (indentedCode && prefix.containers.length === 0 && prefix.indent >= (stack.at(-1) ?? 0) + 4) return;
    const markers = prefix.containers.length - prefix.quotes;
    indentedCode = false;

    // Depth: pop the items this line's indentation leaves (a paragraph's lazy line leaves none), then push
    // the ones it opens; past the limit, markers are escaped.
    const continuing = current !== undefined && markers === 0;
    if (!continuing) while (stack.length > 0 && (stack.at(-1) as number) > prefix.indent) stack.pop();
    let depth = stack.length;
    for (const container of prefix.containers) {
      depth += 1;
      if (depth > limits.depth) {
        line.escapes ??= [];
        line.escapes.push(container.offset);
      } else if (container.contentColumn !== undefined) stack.push(container.contentColumn);
    }
    if (depth > limits.depth) {
      if (nesting.lines === 0) Object.assign(nesting, position(lines, index, line.start));
      nesting.lines += 1;
      nesting.count = Math.max(nesting.count, depth);
      const firstMarker = prefix.containers[0];
      // An escaped marker indented past its item would be indented code, showing the backslash: outdent it.
      if (firstMarker && prefix.quotes === 0 && prefix.indent >= (stack.at(-1) ?? 0) + 4) {
        line.reindent = { end: firstMarker.offset, columns: stack.at(-1) ?? 0 };
      }
    }

    const fenceChar = text.charCodeAt(prefix.content);
    if ((fenceChar === 96 || fenceChar === 126) && runLength(text, prefix.content, fenceChar) >= 3) {
      const size = runLength(text, prefix.content, fenceChar);
      if (fenceChar === 126 || !text.slice(prefix.content + size, line.end).includes("`")) {
        fence = { char: fenceChar, size };
        current = undefined;
        return;
      }
    }
    if (current === undefined && prefix.containers.length === 0 && prefix.indent >= (stack.at(-1) ?? 0) + 4) {
      indentedCode = true;
      return;
    }

    const heading = /^#{1,6}(?:[ \t]|$)/.test(rest);
    if (/^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(text.slice(prefix.content, line.end)) && text.slice(prefix.content, line.end).includes("|")) {
      table = true;
    }
    const starts =
      current === undefined || markers > 0 || prefix.quotes > current.home.quotes || heading || table;
    if (starts) {
      current = {
        ...position(lines, index, prefix.content),
        first: index,
        last: index,
        emphasis: 0,
        brackets: 0,
        degradeEmphasis: false,
        degradeBrackets: false,
        home: { columns: stack.at(-1) ?? 0, quotes: prefix.quotes },
        lazy: [],
      };
      blocks.push(current);
    }
    const block = current as Block;
    if (!starts && (prefix.quotes < block.home.quotes || (block.home.quotes === 0 && prefix.indent < block.home.columns))) {
      block.lazy.push(index);
    }
    block.last = index;
    line.block = blocks.length - 1;
    scanInline(text, prefix.content, line.end, (kind) => {
      if (kind === "emphasis") block.emphasis += 1;
      else block.brackets += 1;
    });
    if (heading) current = undefined;
  });

  // Over a per-block limit, or the blocks that cost most until the note's total is under `work`.
  let work = 0;
  for (const block of blocks) {
    block.degradeEmphasis = block.emphasis > limits.emphasis;
    block.degradeBrackets = block.brackets > limits.brackets;
    work += (block.degradeEmphasis ? 0 : block.emphasis ** 2) + (block.degradeBrackets ? 0 : block.brackets ** 2);
  }
  if (work > limits.work) {
    const costly = blocks.filter((b) => !b.degradeEmphasis || !b.degradeBrackets);
    costly.sort((a, b) => Math.max(b.emphasis, b.brackets) - Math.max(a.emphasis, a.brackets));
    for (const block of costly) {
      if (work <= limits.work) break;
      if (!block.degradeEmphasis) work -= block.emphasis ** 2;
      if (!block.degradeBrackets) work -= block.brackets ** 2;
      block.degradeEmphasis = block.emphasis > 0;
      block.degradeBrackets = block.brackets > 0;
    }
  }

  const findings: Finding[] = [];
  const finding = (construct: "emphasis" | "brackets", limit: number, picked: Block[]) => {
    const first = picked[0];
    if (!first) return;
    const count = Math.max(...picked.map((b) => b[construct]));
    findings.push({ construct, line: first.line, column: first.column, blocks: picked.length, count, limit });
  };
  finding("emphasis", limits.emphasis, blocks.filter((b) => b.degradeEmphasis));
  finding("brackets", limits.brackets, blocks.filter((b) => b.degradeBrackets));
  if (nesting.lines > 0) {
    findings.push({ construct: "nesting", line: nesting.line, column: nesting.column, blocks: nesting.lines, count: nesting.count, limit: limits.depth });
  }
  // Lazy lines cost n² in one paragraph inside a container, and indenting them to where the paragraph is
  // changes nothing else: done silently (columns shift on those lines only).
  let lazy = false;
  for (const block of blocks) {
    if (block.lazy.length <= limits.lazy || (block.home.quotes > 0 && block.home.columns > 0)) continue;
    lazy = true;
    for (const index of block.lazy) {
      const line = lines[index] as Line;
      if (line.escapes || line.reindent) continue;
      line.reindent = block.home.quotes > 0
        ? { end: line.start, columns: 0, prefix: "> ".repeat(block.home.quotes) }
        : { end: textStart(text, line), columns: block.home.columns };
    }
  }
  if (findings.length === 0 && !lazy) return { text, findings };
  return { text: rewrite(text, lines, blocks), findings };
}

/** Lines the YAML front matter takes (remark-frontmatter: `---` on the first line, closed by `---`), or 0. */
function frontmatterLines(text: string, lines: Line[]): number {
  const first = lines[0];
  if (!first || !/^---[ \t]*$/.test(text.slice(first.start, first.end))) return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (/^---[ \t]*$/.test(text.slice(line.start, line.end))) return i + 1;
  }
  return 0;
}

/** Lines of `text` (CRLF, LF or CR ends one), with `block` -1 until a block claims them. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : -1;
    if (code === 10 || code === 13 || code === -1) {
      lines.push({ start, content: start, end: i, block: -1 });
      if (code === 13 && text.charCodeAt(i + 1) === 10) i += 1;
      start = i + 1;
    }
  }
  return lines;
}

function position(lines: Line[], index: number, offset: number): { line: number; column: number } {
  return { line: index + 1, column: offset - (lines[index] as Line).start + 1 };
}

interface Prefix {
  /** Offset of the first character after the containers and their whitespace. */
  content: number;
  /** Columns of whitespace before the first container or the content (tabs to multiples of 4). */
  indent: number;
  quotes: number;
  containers: { offset: number; contentColumn?: number }[];
}

/** The block quote markers and list item markers that open a line, with their columns. */
function readPrefix(text: string, line: Line): Prefix {
  const containers: Prefix["containers"] = [];
  let i = line.start;
  let column = 0;
  let quotes = 0;
  let indent = -1;
  const isSpace = (code: number) => code === 32 || code === 9;
  const endsMarker = (at: number) => at >= line.end || isSpace(text.charCodeAt(at));
  for (;;) {
    while (i < line.end && isSpace(text.charCodeAt(i))) {
      column = text.charCodeAt(i) === 9 ? column + 4 - (column % 4) : column + 1;
      i += 1;
    }
    if (indent === -1) indent = column;
    if (i >= line.end) break;
    const code = text.charCodeAt(i);
    if (code === 62 /* > */) {
      quotes += 1;
      containers.push({ offset: i });
      i += 1;
      column += 1;
      continue;
    }
    if ((code === 45 || code === 42 || code === 43) /* - * + */ && endsMarker(i + 1)) {
      containers.push({ offset: i, contentColumn: column + 2 });
      i += 1;
      column += 1;
      continue;
    }
    if (code >= 48 && code <= 57) {
      let j = i;
      while (j < line.end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j += 1;
      const delimiter = text.charCodeAt(j);
      if ((delimiter === 46 || delimiter === 41) /* . ) */ && endsMarker(j + 1)) {
        // Escaping the `.` or `)` is what makes `1.` text.
        containers.push({ offset: j, contentColumn: column + (j - i) + 2 });
        column += j + 1 - i;
        i = j + 1;
        continue;
      }
    }
    break;
  }
  return { content: i, indent: Math.max(indent, 0), quotes, containers };
}

/** Offset of the first character of `line` that is not a space or tab. */
function textStart(text: string, line: Line): number {
  let i = line.start;
  while (i < line.end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i += 1;
  return i;
}

function runLength(text: string, at: number, code: number): number {
  let n = 0;
  while (text.charCodeAt(at + n) === code) n += 1;
  return n;
}

/**
 * Calls `found` for each emphasis delimiter run and each `[` that micromark would track in `text[from, to)`:
 * backslash escapes, code spans on the line and well-formed `[[wiki links]]` (a linear construct that takes
 * its brackets) are skipped. Returns nothing; `escape` mode is `rewriteInline`.
 */
function scanInline(text: string, from: number, to: number, found: (kind: "emphasis" | "brackets", at: number, size: number) => void): void {
  /** Backtick run length → where the search for a closing run of that length may start (or Infinity: none). */
  const closers = new Map<number, number>();
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (code === backslash) {
      i += 2;
      continue;
    }
    if (code === 96 /* ` */) {
      const size = runLength(text, i, 96);
      const close = closingRun(text, i + size, to, size, closers);
      i = close === -1 ? i + size : close + size;
      continue;
    }
    if (code === 91 /* [ */) {
      const end = text.charCodeAt(i + 1) === 91 ? wikiLinkEnd(text, i, to) : -1;
      if (end !== -1) {
        i = end;
        continue;
      }
      found("brackets", i, 1);
      i += 1;
      continue;
    }
    if (code === 93 /* ] */) {
      // gfm-footnote looks back through the events from every `]` for a `[^`: n² on its own.
      found("brackets", i, 1);
      i += 1;
      continue;
    }
    if (code === 42 || code === 95 /* * _ */) {
      const size = Math.min(runLength(text, i, code), to - i);
      found("emphasis", i, size);
      i += size;
      continue;
    }
    i += 1;
  }
}

/** Offset of a backtick run of exactly `size` in `[from, to)`, or -1; `closers` keeps it linear per size. */
function closingRun(text: string, from: number, to: number, size: number, closers: Map<number, number>): number {
  const start = Math.max(from, closers.get(size) ?? from);
  if (start === Number.POSITIVE_INFINITY) return -1;
  for (let i = start; i < to; ) {
    if (text.charCodeAt(i) !== 96) {
      i += 1;
      continue;
    }
    const run = runLength(text, i, 96);
    if (run === size) {
      closers.set(size, i + size);
      return i;
    }
    i += run;
  }
  closers.set(size, Number.POSITIVE_INFINITY);
  return -1;
}

/** End (after `]]`) of the wiki link starting at `at`, as `plugins/wiki-link/syntax.ts` reads it, or -1. */
function wikiLinkEnd(text: string, at: number, to: number): number {
  const limit = Math.min(to, at + 2 + 2000);
  for (let i = at + 2; i < limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 91 && text.charCodeAt(i + 1) === 91) return -1;
    if (code === 93) return text.charCodeAt(i + 1) === 93 && i > at + 2 ? i + 2 : -1;
  }
  return -1;
}

/** `text` with the degraded blocks' delimiters and the too-deep markers escaped. */
function rewrite(text: string, lines: Line[], blocks: Block[]): string {
  const parts: string[] = [];
  let copied = 0;
  const insertAt = (offsets: number[]) => {
    for (const offset of offsets) {
      parts.push(text.slice(copied, offset), "\\");
      copied = offset;
    }
  };
  for (const line of lines) {
    if (line.reindent) {
      parts.push(text.slice(copied, line.start), line.reindent.prefix ?? "", " ".repeat(line.reindent.columns));
      copied = line.reindent.end;
    }
    if (line.escapes) insertAt(line.escapes);
    const block = line.block === -1 ? undefined : blocks[line.block];
    if (block && (block.degradeEmphasis || block.degradeBrackets)) {
      const offsets: number[] = [];
      scanInline(text, line.content, line.end, (kind, at, size) => {
        if (kind === "brackets" ? block.degradeBrackets : block.degradeEmphasis) for (let k = 0; k < size; k++) offsets.push(at + k);
      });
      insertAt(offsets);
    }
  }
  parts.push(text.slice(copied));
  return parts.join("");
}
