/**
 * A tokenized Logseq outline → mdast. Each block's content (dedented, property lines out) is parsed as markdown
 * with the processor's own micromark/mdast extensions, so wiki links, tags, timestamps and comments work inside
 * blocks exactly as elsewhere; positions are mapped back to the line and column of the original file. The
 * nesting becomes tight `list` / `listItem` nodes; properties become `data.properties` and, for the ones a
 * reader should see, a `logseqProperties` node; org blocks become callouts, blockquotes or code.
 */
import type { BlockContent, Code, Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from "mdast";
import type { Point } from "unist";
import type { VFile } from "vfile";
import { report } from "../diagnostic.ts";
import type { Callout, LogseqProperties, LogseqProperty, Tag } from "../types.d.ts";
import type { Outline, OutlineBlock, OutlineLine } from "./tokenize.ts";

/** Parses a piece of markdown (a block's dedented content) into a root. */
export type ParseMarkdown = (value: string) => Root;

/**
 * Properties Logseq writes for itself: never shown. Keys are compared lower-cased; `logseq.*`, `card-*` and
 * `hl-*` (PDF highlights) are prefixes.
 */
const builtinProperties = new Set([
  "id",
  "collapsed",
  "heading",
  "title",
  "public",
  "filters",
  "created-at",
  "updated-at",
  "created",
  "updated",
  "last-modified-at",
  "exclude-from-graph-view",
  "background-color",
  "background-image",
  "ls-type",
  "template",
  "template-including-parent",
  "query-table",
  "query-properties",
  "query-sort-by",
  "query-sort-desc",
]);

/** Whether a property is Logseq's own bookkeeping, hidden from the page. */
export function isBuiltinProperty(key: string): boolean {
  return builtinProperties.has(key) || key.startsWith("logseq.") || key.startsWith("card-") || key.startsWith("hl-");
}

/** Org block names → the callout kind they read as (the callout renderer knows these kinds). */
const orgCallouts: Record<string, string> = {
  NOTE: "note",
  TIP: "tip",
  IMPORTANT: "important",
  WARNING: "warning",
  CAUTION: "caution",
  PINNED: "pinned",
};
const orgBegin = /^[ \t]*#\+BEGIN_([A-Za-z]+)(?:[ \t]+(.*))?$/i;
const orgEnd = /^[ \t]*#\+END_([A-Za-z]+)[ \t]*$/i;
const fenceLine = /^[ \t]*(`{3,}|~{3,})/;

export function outlineToMdast(outline: Outline, parse: ParseMarkdown, file: VFile): Root {
  const root: Root = { type: "root", children: [] };
  const seenIds = new Map<string, number>();

  if (outline.frontmatter) root.children.push(...parseLines(outline.frontmatter, parse));

  // Page properties: `key:: value` lines before the first bullet, or a first block made only of them.
  let blocks = outline.blocks;
  let pageLines = outline.pre.filter((line) => line.property);
  const first = blocks[0];
  if (pageLines.length === 0 && first && first.children.length === 0 && first.lines.every((line) => line.property || line.text.trim() === "")) {
    pageLines = first.lines.filter((line) => line.property);
    if (pageLines.length > 0) blocks = blocks.slice(1);
  }
  if (pageLines.length > 0) {
    const properties: Record<string, string> = {};
    for (const line of pageLines) properties[line.property?.key as string] = line.property?.value as string;
    file.data.properties = properties;
    const table = propertyTable(pageLines, "page", parse);
    if (table) root.children.push(table);
  }
  root.children.push(...blockContent(outline.pre.filter((line) => !line.property), parse, file));

  if (blocks.length > 0) root.children.push(list(blocks));
  return root;

  function list(items: readonly OutlineBlock[]): List {
    // `logseq.order-list-type:: number` on every sibling: Logseq numbers them.
    const numbered = items.every((item) => item.lines.some((line) => line.property?.key === "logseq.order-list-type" && line.property.value === "number"));
    const node: List = { type: "list", ordered: numbered, start: numbered ? 1 : null, spread: false, children: items.map(listItem) };
    const start = items[0]?.bullet;
    const end = endOf(items.at(-1) as OutlineBlock);
    if (start && end) node.position = { start: { ...start }, end };
    return node;
  }

  function listItem(block: OutlineBlock): ListItem {
    // A bullet's first line is its text; it is a property only in a block made of nothing else.
    const onlyProperties = block.lines.every((line) => line.property || line.text.trim() === "");
    const propertyLines = block.lines.filter((line, i) => line.property && (i > 0 || onlyProperties));
    const content = block.lines.filter((line) => !propertyLines.includes(line));
    const children: ListItem["children"] = blockContent(content, parse, file);
    const item: ListItem = { type: "listItem", spread: false, checked: null, children };
    const end = endOf(block);
    if (end) item.position = { start: { ...block.bullet }, end };

    if (propertyLines.length > 0) {
      const properties: Record<string, string> = {};
      for (const line of propertyLines) properties[line.property?.key as string] = line.property?.value as string;
      item.data = { properties };
      const id = properties.id?.toLowerCase();
      if (id) {
        const line = propertyLines.find((entry) => entry.property?.key === "id") as OutlineLine;
        const previous = seenIds.get(id);
        if (previous !== undefined) {
          report(file, { line: line.line, column: line.column }, "warning", "logseq-id-duplicate", `Block id \`id:: ${id}\` is already used on line ${previous}; references go to the first`);
        } else {
          seenIds.set(id, line.line);
          item.data.blockId = id;
        }
      }
      if (/^true$/i.test(properties.collapsed ?? "")) item.data.collapsed = true;
      const heading = properties.heading;
      if (heading !== undefined && children[0]?.type === "paragraph") {
        const depth = /^[1-6]$/.test(heading) ? Number(heading) : /^true$/i.test(heading) ? Math.min(block.depth + 2, 6) : 0;
        if (depth > 0) children[0] = toHeading(children[0], depth as Heading["depth"]);
      }
      const table = propertyTable(propertyLines, "block", parse);
      if (table) children.push(table);
    }
    if (block.children.length > 0) children.push(list(block.children));
    // Two paragraphs in one block (a blank line between) need `<p>`s to stay apart.
    if (children.filter((child) => child.type === "paragraph").length > 1) item.spread = true;
    return item;
  }
}

/** Where a block ends: its last line's end, or its last child's. */
function endOf(block: OutlineBlock): Point | undefined {
  const last = block.children.at(-1);
  if (last) return endOf(last);
  const line = block.lines.at(-1);
  if (!line) return undefined;
  return { line: line.line, column: line.column + line.text.length, offset: line.offset + line.text.length };
}

function toHeading(paragraph: Paragraph, depth: Heading["depth"]): Heading {
  const heading: Heading = { type: "heading", depth, children: paragraph.children };
  if (paragraph.position) heading.position = paragraph.position;
  return heading;
}

/** The block nodes of some content lines: markdown runs and org blocks. */
function blockContent(lines: readonly OutlineLine[], parse: ParseMarkdown, file: VFile): BlockContent[] {
  const out: BlockContent[] = [];
  let run: OutlineLine[] = [];
  const flush = () => {
    if (run.some((line) => line.text.trim() !== "")) out.push(...(parseLines(run, parse) as BlockContent[]));
    run = [];
  };
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as OutlineLine;
    const marker = fenceLine.exec(line.text)?.[1];
    if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence === undefined ? marker : undefined;
    }
    const begin = fence === undefined ? orgBegin.exec(line.text) : null;
    const end = begin ? findOrgEnd(lines, i, (begin[1] as string).toUpperCase()) : -1;
    if (begin && end === -1) {
      report(file, { line: line.line, column: line.column }, "warning", "org-block-unclosed", `\`#+BEGIN_${begin[1]}\` has no \`#+END_${begin[1]}\` in its block; it is shown as text`);
    }
    if (!begin || end === -1) {
      run.push(line);
      continue;
    }
    flush();
    out.push(orgBlock((begin[1] as string).toUpperCase(), (begin[2] ?? "").trim(), lines.slice(i + 1, end), line, lines[end] as OutlineLine, parse, file));
    i = end;
  }
  flush();
  return out;
}

/** Index of the `#+END_name` closing the block opened at `start`, counting nested blocks of the same name. */
function findOrgEnd(lines: readonly OutlineLine[], start: number, name: string): number {
  let depth = 0;
  for (let i = start + 1; i < lines.length; i++) {
    const text = (lines[i] as OutlineLine).text;
    const end = orgEnd.exec(text);
    if (end && (end[1] as string).toUpperCase() === name) {
      if (depth === 0) return i;
      depth--;
    } else if ((orgBegin.exec(text)?.[1] ?? "").toUpperCase() === name) depth++;
  }
  return -1;
}

/** `#+BEGIN_X … #+END_X`: SRC and EXAMPLE are code, QUOTE a blockquote, the rest callouts. */
function orgBlock(name: string, argument: string, body: OutlineLine[], open: OutlineLine, close: OutlineLine, parse: ParseMarkdown, file: VFile): BlockContent {
  const position = {
    start: { line: open.line, column: open.column, offset: open.offset },
    end: { line: close.line, column: close.column + close.text.length, offset: close.offset + close.text.length },
  };
  if (name === "SRC" || name === "EXAMPLE") {
    const [lang, ...meta] = name === "SRC" ? argument.split(/\s+/).filter(Boolean) : [];
    const code: Code = { type: "code", lang: lang ?? null, meta: meta.length > 0 ? meta.join(" ") : null, value: dedentBody(body), position };
    return code;
  }
  const children = blockContent(body, parse, file);
  if (name === "QUOTE") return { type: "blockquote", children: children as never, position };
  const callout: Callout = { type: "callout", kind: orgCallouts[name] ?? "note", written: name.toLowerCase(), children: children as Callout["children"], position };
  return callout;
}

/** Code lines without the indentation they all share. */
function dedentBody(body: readonly OutlineLine[]): string {
  const texts = body.map((line) => line.text);
  const indents = texts.filter((text) => text.trim() !== "").map((text) => (/^[ \t]*/.exec(text) as RegExpExecArray)[0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return texts.map((text) => text.slice(Math.min(common, text.length))).join("\n");
}

/** Parse lines as one markdown document and map its positions back onto the source lines. */
function parseLines(lines: readonly OutlineLine[], parse: ParseMarkdown): RootContent[] {
  const tree = parse(lines.map((line) => line.text).join("\n"));
  keepLineBreaks(tree);
  relocate(tree, lines);
  return tree.children;
}

/** Rewrite every position in `tree` (relative to the joined `lines`) into source coordinates. */
function relocate(tree: Nodes, lines: readonly OutlineLine[]) {
  const map = (point: Point): Point => {
    const line = lines[Math.min(point.line, lines.length) - 1] as OutlineLine;
    const column = line.column + point.column - 1;
    return { line: line.line, column, offset: line.offset + point.column - 1 };
  };
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.position) node.position = { start: map(node.position.start), end: map(node.position.end) };
    if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
  }
}

/**
 * Line breaks inside a block are the author's (Logseq shows them): a `\n` in text becomes a `break` node.
 * Only phrasing text is touched; code keeps its newlines.
 */
function keepLineBreaks(tree: Nodes) {
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    if (children.some((child) => child.type === "text" && child.value.includes("\n"))) {
      const next: Nodes[] = [];
      for (const child of children) {
        if (child.type === "text" && child.value.includes("\n")) next.push(...splitAtNewlines(child));
        else next.push(child);
      }
      (node as { children: Nodes[] }).children = next;
    }
    for (const child of children) stack.push(child);
  }
}

function splitAtNewlines(text: Text): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const parts = text.value.split("\n");
  const start = text.position?.start;
  parts.forEach((part, i) => {
    // micromark puts a line's leading whitespace outside the text; the piece after a break starts a line.
    const value = i === 0 ? part : part.replace(/^[ \t]+/, "");
    if (i > 0) out.push({ type: "break" });
    if (value === "") return;
    const node: PhrasingContent = { type: "text", value };
    if (start && i === 0) node.position = { start, end: { line: start.line, column: start.column + part.length, ...(start.offset === undefined ? {} : { offset: start.offset + part.length }) } };
    else if (start) {
      const column = 1 + part.length - value.length;
      node.position = { start: { line: start.line + i, column }, end: { line: start.line + i, column: column + value.length } };
    }
    out.push(node);
  });
  return out;
}

/** The properties a reader sees, as a `logseqProperties` node (built-ins left out); `undefined` when none. */
function propertyTable(lines: readonly OutlineLine[], scope: "page" | "block", parse: ParseMarkdown): LogseqProperties | undefined {
  const children: LogseqProperty[] = [];
  for (const line of lines) {
    const property = line.property;
    if (!property || isBuiltinProperty(property.key) || property.value === "") continue;
    const at: OutlineLine = { text: line.text.slice(property.valueStart), line: line.line, column: line.column + property.valueStart, offset: line.offset + property.valueStart };
    const value = property.key === "tags" ? tagValues(at) : inlineValue(at, parse);
    children.push({
      type: "logseqProperty",
      key: property.key,
      children: value,
      position: { start: { line: line.line, column: line.column, offset: line.offset }, end: { line: line.line, column: line.column + line.text.length, offset: line.offset + line.text.length } },
    });
  }
  if (children.length === 0) return undefined;
  const first = children[0]?.position;
  const last = children.at(-1)?.position;
  return { type: "logseqProperties", scope, children, ...(first && last ? { position: { start: first.start, end: last.end } } : {}) };
}

/** A property value as inline markdown: `[[links]]`, `#tags`, dates, URLs stay what they are. */
function inlineValue(line: OutlineLine, parse: ParseMarkdown): PhrasingContent[] {
  const nodes = parseLines([line], parse);
  const paragraph = nodes.length === 1 && nodes[0]?.type === "paragraph" ? nodes[0] : undefined;
  return paragraph ? paragraph.children : [{ type: "text", value: line.text.trim() }];
}

/** `tags:: 面试, [[消息 队列]], #Redis`: each comma-separated item is a tag (Logseq makes each a page ref). */
function tagValues(line: OutlineLine): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const raw of line.text.split(/,(?![^[]*\]\])/)) {
    const name = raw.trim().replace(/^#/, "").replace(/^\[\[(.*)\]\]$/, "$1").trim();
    const column = line.column + at + raw.indexOf(raw.trim());
    at += raw.length + 1;
    if (name === "") continue;
    if (out.length > 0) out.push({ type: "text", value: " " });
    const tag: Tag = { type: "tag", value: name, position: { start: { line: line.line, column }, end: { line: line.line, column: column + raw.trim().length } } };
    out.push(tag);
  }
  return out;
}
