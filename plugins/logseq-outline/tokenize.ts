/**
 * The Logseq outline grammar, line by line (a dedicated tokenizer: CommonMark's list rules cannot express it).
 *
 * A Logseq page is a tree of blocks. A block starts at a `- ` bullet (or a bare `-`) at some indentation of tabs
 * and/or spaces; every following line up to the next bullet belongs to it, whatever its indentation: a line at
 * column 0, a `## 标题` line, a blank line. A bullet's parent is the nearest bullet above it with a smaller
 * indentation. Inside a fence (```` ``` ```` / `~~~`) or an org block (`#+BEGIN_X … #+END_X`) that is closed
 * later in the file, a `- ` line is content, not a bullet (an unclosed one cannot swallow the rest of the page:
 * it ends with its block). Outside those, `key:: value` lines are properties of their block.
 *
 * Lines before the first bullet form the page's pre-block (page properties and/or text). Content lines are
 * dedented to the block's text column, so the block's markdown parses as if it were a document of its own.
 * Tabs count to the next multiple of 4 columns, as in CommonMark; nesting only compares widths, so any
 * consistent unit (one tab, two or four spaces) works.
 */

/** A content line of a block, dedented, with where its text starts in the source. */
export interface OutlineLine {
  /** The text after the block's indentation (for the bullet line: after `- `). */
  text: string;
  /** 1-based source line. */
  line: number;
  /** 1-based source column of `text[0]`. */
  column: number;
  /** Source offset of `text[0]`. */
  offset: number;
  /** Set when the line is a `key:: value` property. */
  property?: OutlineProperty;
  /** True inside a fence or org block (never a property, never a bullet). */
  verbatim?: boolean;
}

/** A `key:: value` line: the key lower-cased as Logseq stores it, the value as written. */
export interface OutlineProperty {
  key: string;
  value: string;
  /** Index in `OutlineLine.text` where the value starts. */
  valueStart: number;
}

export interface OutlineBlock {
  /** 0 for a top-level bullet. */
  depth: number;
  /** Where the `-` is: 1-based line and column, and offset. */
  bullet: { line: number; column: number; offset: number };
  lines: OutlineLine[];
  children: OutlineBlock[];
}

export interface Outline {
  /** Lines before the first bullet (front matter excluded). */
  pre: OutlineLine[];
  /** Front matter lines (`---` … `---`), verbatim, when the file starts with some. */
  frontmatter?: OutlineLine[];
  blocks: OutlineBlock[];
}

/** `key:: value`: Logseq keys are words (CJK included) with `-`, `_`, `.`, `/` (`logseq.order-list-type`). */
const propertyLine = /^([\p{L}_][\p{L}\p{M}\p{N}_\-./?]*)::(?:[ \t]+(.*)|[ \t]*)$/u;
const fenceOpen = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const fenceClose = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const orgBegin = /^[ \t]*#\+BEGIN_([A-Za-z]+)\b/i;
const orgEnd = /^[ \t]*#\+END_([A-Za-z]+)[ \t]*$/i;

/** Width in columns of leading whitespace `indent` (tabs to the next multiple of 4). */
function widthOf(indent: string): number {
  let width = 0;
  for (const char of indent) width = char === "\t" ? width + 4 - (width % 4) : width + 1;
  return width;
}

/**
 * Remove up to `columns` columns of leading whitespace from `text`. Returns the number of characters removed
 * and the padding (spaces) a tab that straddled the limit leaves.
 */
function dedent(text: string, columns: number): { cut: number; pad: number } {
  let width = 0;
  let cut = 0;
  while (cut < text.length && width < columns) {
    const char = text[cut];
    if (char === " ") width++;
    else if (char === "\t") width += 4 - (width % 4);
    else break;
    cut++;
  }
  return { cut, pad: width > columns ? width - columns : 0 };
}

interface SourceLine {
  text: string;
  offset: number;
}

function splitLines(source: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let start = 0;
  for (let i = 0; i <= source.length; i++) {
    const code = source.charCodeAt(i);
    if (i === source.length || code === 10 || code === 13) {
      lines.push({ text: source.slice(start, i), offset: start });
      if (code === 13 && source.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  // A final newline does not start a line of its own.
  if (lines.length > 1 && lines.at(-1)?.text === "" && /[\r\n]$/.test(source)) lines.pop();
  return lines;
}

/**
 * Closers found later in the file, so an opener only counts when it is closed: per fence character the
 * longest closing fence at or after each line, and per org name the last `#+END_` line.
 */
class Closers {
  private readonly fenceAfter = new Map<string, Int32Array>();
  private readonly orgLast = new Map<string, number>();

  constructor(lines: readonly SourceLine[]) {
    const backtick = new Int32Array(lines.length + 1);
    const tilde = new Int32Array(lines.length + 1);
    for (let i = lines.length - 1; i >= 0; i--) {
      backtick[i] = backtick[i + 1] as number;
      tilde[i] = tilde[i + 1] as number;
      const text = (lines[i] as SourceLine).text;
      const close = fenceClose.exec(text);
      if (close) {
        const marker = close[1] as string;
        const list = marker[0] === "`" ? backtick : tilde;
        list[i] = Math.max(list[i] as number, marker.length);
      }
      const end = orgEnd.exec(text);
      if (end) {
        const name = (end[1] as string).toUpperCase();
        if (!this.orgLast.has(name)) this.orgLast.set(name, i);
      }
    }
    this.fenceAfter.set("`", backtick);
    this.fenceAfter.set("~", tilde);
  }

  fenceClosedAfter(line: number, marker: string): boolean {
    return ((this.fenceAfter.get(marker[0] as string) as Int32Array)[line + 1] as number) >= marker.length;
  }

  orgClosedAfter(line: number, name: string): boolean {
    return (this.orgLast.get(name) ?? -1) > line;
  }
}

/** Split `source` into the page's blocks. Pure and linear in the number of lines. */
export function tokenizeOutline(source: string): Outline {
  const lines = splitLines(source);
  const closers = new Closers(lines);
  const outline: Outline = { pre: [], blocks: [] };
  let index = 0;

  // Front matter: `---` on the first line, closed by `---` (else it is text).
  if (lines[0]?.text === "---") {
    const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line.text));
    if (close > 0) {
      outline.frontmatter = lines.slice(0, close + 1).map((line, i) => ({ text: line.text, line: i + 1, column: 1, offset: line.offset }));
      index = close + 1;
    }
  }

  /** Open blocks, outermost first, with their bullet's indentation width. */
  const stack: { width: number; block: OutlineBlock }[] = [];
  let current: { lines: OutlineLine[]; textColumn: number } = { lines: outline.pre, textColumn: 0 };
  /** The fence or org block the current line is inside, if any. */
  let verbatim: { fence: string } | { org: string } | undefined;

  for (; index < lines.length; index++) {
    const { text, offset } = lines[index] as SourceLine;
    const lineNumber = index + 1;

    if (verbatim === undefined) {
      const bullet = /^([ \t]*)-(?:[ \t]|$)/.exec(text);
      if (bullet) {
        const indent = bullet[1] as string;
        const width = widthOf(indent);
        while (stack.length > 0 && (stack.at(-1) as { width: number }).width >= width) stack.pop();
        const marker = bullet[0].length;
        const block: OutlineBlock = {
          depth: stack.length,
          bullet: { line: lineNumber, column: indent.length + 1, offset: offset + indent.length },
          lines: [],
          children: [],
        };
        const parent = stack.at(-1);
        (parent ? parent.block.children : outline.blocks).push(block);
        stack.push({ width, block });
        // The text column: after `- ` (a tab after `-` counts as one separator too).
        current = { lines: block.lines, textColumn: width + 2 };
        pushLine(current.lines, text.slice(marker), lineNumber, marker + 1, offset + marker, index);
        continue;
      }
    }
    const { cut, pad } = dedent(text, current.textColumn);
    const body = pad > 0 ? " ".repeat(pad) + text.slice(cut) : text.slice(cut);
    pushLine(current.lines, body, lineNumber, cut + 1 - pad, offset + cut - pad, index);
  }
  return outline;

  /** Record a content line, tracking fences and org blocks, and recognizing properties outside them. */
  function pushLine(into: OutlineLine[], text: string, line: number, column: number, offset: number, index: number) {
    const entry: OutlineLine = { text, line, column, offset };
    if (verbatim !== undefined) {
      entry.verbatim = true;
      if ("fence" in verbatim) {
        const close = fenceClose.exec(text);
        if (close && (close[1] as string)[0] === verbatim.fence[0] && (close[1] as string).length >= verbatim.fence.length) verbatim = undefined;
      } else {
        const end = orgEnd.exec(text);
        if (end && (end[1] as string).toUpperCase() === verbatim.org) verbatim = undefined;
      }
      into.push(entry);
      return;
    }
    const fence = fenceOpen.exec(text);
    if (fence && !((fence[1] as string)[0] === "`" && (fence[2] as string).includes("`"))) {
      if (closers.fenceClosedAfter(index, fence[1] as string)) verbatim = { fence: fence[1] as string };
      into.push(entry);
      return;
    }
    const begin = orgBegin.exec(text);
    if (begin) {
      const name = (begin[1] as string).toUpperCase();
      if (closers.orgClosedAfter(index, name)) verbatim = { org: name };
      into.push(entry);
      return;
    }
    const property = propertyLine.exec(text);
    if (property) {
      const value = property[2] ?? "";
      entry.property = {
        key: (property[1] as string).toLowerCase(),
        value: value.trim(),
        valueStart: value === "" ? text.length : text.length - value.length,
      };
    }
    into.push(entry);
  }
}
