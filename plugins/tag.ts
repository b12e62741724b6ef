/**
 * Tags (DIALECT §5): `#RabbitMq/单机模式`, `#集群`, Logseq's `#[[multi word]]`. Found in mdast `text` nodes
 * only, so never in code, URLs, link targets, HTML or headings' `# ` markers; text inside links is skipped.
 * A tag may follow a CJK character without a space (`多个#集群`), never a Latin letter or digit (`C#`, `a#b`).
 * It ends at whitespace or punctuation, full-width included, and needs one character that is not a digit.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import type { Tag, WikiLink } from "./types.d.ts";

/** Containers whose text is not prose: links (a tag cannot nest in a link) and our own inline constructs. */
const opaque = new Set(["link", "linkReference", "timestamp", "obComment", "wikiLink", "definition"]);

/** `#` + tag body. The look-behind allows start, whitespace, punctuation other than `#&/\\`, and CJK. */
const tagPattern =
  /(?<=^|[^\p{L}\p{N}\p{M}_#&/\\]|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])#([\p{L}\p{M}\p{N}_\-/]+)/gu;
/** A `#` that may start Logseq's `#[[page]]` tag: at the end of a text node, after the same boundary. */
const bracketTagMarker = /(?:^|[^\p{L}\p{N}\p{M}_#&/\\]|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])#$/u;

export function remarkTag() {
  return (tree: Root) => {
    walk(tree);
  };
}

function walk(parent: Parent) {
  const out: Nodes[] = [];
  let changed = false;
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as Nodes;
    if (child.type === "text") {
      const next = parent.children[i + 1] as Nodes | undefined;
      const pieces = splitTags(child, next);
      if (pieces.consumedNext) i++;
      if (pieces.nodes.length !== 1 || pieces.nodes[0] !== child) changed = true;
      out.push(...pieces.nodes);
      continue;
    }
    if ("children" in child && !opaque.has(child.type)) walk(child);
    out.push(child);
  }
  if (changed) parent.children = out as typeof parent.children;
}

/** Split one text node into text and tag nodes; `#` + a following `[[page]]` becomes one tag. */
function splitTags(text: Text, next: Nodes | undefined): { nodes: PhrasingContent[]; consumedNext: boolean } {
  const nodes: PhrasingContent[] = [];
  const value = text.value;
  let last = 0;
  for (const match of value.matchAll(tagPattern)) {
    const body = (match[1] as string).replace(/\/+$/, "");
    const start = match.index;
    if (!isTagBody(body) || isBlockIdBrace(value, start, body)) continue;
    if (start > last) nodes.push(textSlice(text, last, start));
    nodes.push(tagNode(body, text, start, start + 1 + body.length));
    last = start + 1 + body.length;
  }
  let consumedNext = false;
  const wiki = next?.type === "wikiLink" ? (next as WikiLink) : undefined;
  if (wiki && !wiki.data.embed && !wiki.data.alias && wiki.data.target && bracketTagMarker.test(value.slice(last))) {
    const end = value.length - 1;
    if (end > last) nodes.push(textSlice(text, last, end));
    nodes.push({ type: "tag", value: wiki.data.target, ...(wiki.position ? { position: wiki.position } : {}) });
    last = value.length;
    consumedNext = true;
  }
  if (last === 0 && !consumedNext) return { nodes: [text], consumedNext };
  if (last < value.length) nodes.push(textSlice(text, last, value.length));
  return { nodes, consumedNext };
}

function isTagBody(body: string): boolean {
  return body.length > 0 && /[^\d/]/.test(body);
}

/** `{ #47a9a2}` left in the middle of a paragraph is a block id, not a tag. */
function isBlockIdBrace(value: string, start: number, body: string): boolean {
  return /\{ ?$/.test(value.slice(Math.max(0, start - 2), start)) && value[start + 1 + body.length] === "}";
}

function textSlice(text: Text, from: number, to: number): Text {
  return { type: "text", value: text.value.slice(from, to), ...(slicePosition(text, from, to) ?? {}) };
}

function tagNode(value: string, text: Text, from: number, to: number): Tag {
  return { type: "tag", value, ...(slicePosition(text, from, to) ?? {}) };
}

/** Positions inside a single-line stretch of a text node (tags never span lines). */
function slicePosition(text: Text, from: number, to: number) {
  const pos = text.position;
  if (!pos) return undefined;
  const before = text.value.slice(0, from);
  const lineBreaks = before.match(/\n/g)?.length ?? 0;
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = pos.start.line + lineBreaks;
  const column = (lineBreaks === 0 ? pos.start.column : 1) + (from - lineStart);
  const offset = pos.start.offset === undefined ? undefined : pos.start.offset + from;
  const point = (col: number, off: number | undefined) => ({ line, column: col, ...(off === undefined ? {} : { offset: off }) });
  return { position: { start: point(column, offset), end: point(column + (to - from), offset === undefined ? undefined : offset + (to - from)) } };
}
