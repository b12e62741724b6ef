/**
 * Tags (DIALECT §5): `#RabbitMq/单机模式`, `#集群`, Logseq's `#[[multi word]]`. Found in mdast `text` nodes
 * only, so never in code, URLs, link targets, HTML or headings' `# ` markers; text inside links is skipped.
 * A tag may follow a CJK character without a space (`多个#集群`), never a Latin letter or digit (`C#`, `a#b`).
 * It ends at whitespace or punctuation, full-width included, and needs one character that is not a digit.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import type { VFile } from "vfile";
import { report } from "./diagnostic.ts";
import type { Tag, WikiLink } from "./types.d.ts";

/**
 * Characters a tag name may not hold (issue 7 point 6): markup (`<>"'\``, `&`), URL and path breakers (`?#%\\`,
 * `:`), and control characters. A tag name becomes a page folder and a URL; `#[[<img src=x onerror=…>]]` is
 * therefore not a tag but stays the wiki link it was, with a `tag-invalid` warning.
 */
const unsafeTagCharacters = /[<>"'`&?#%\\:*|\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** Longest tag name, in code points; a longer `#[[…]]` is not a tag. */
export const maxTagLength = 100;

/** Containers whose text is not prose: links (a tag cannot nest in a link) and our own inline constructs. */
const opaque = new Set(["link", "linkReference", "timestamp", "obComment", "wikiLink", "definition"]);

/** `#` + tag body. The look-behind allows start, whitespace, punctuation other than `#&/\\`, and CJK. */
const tagPattern =
  /(?<=^|[^\p{L}\p{N}\p{M}_#&/\\]|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])#([\p{L}\p{M}\p{N}_\-/]+)/gu;
/** A `#` that may start Logseq's `#[[page]]` tag: at the end of a text node, after the same boundary. */
const bracketTagMarker = /(?:^|[^\p{L}\p{N}\p{M}_#&/\\]|[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}])#$/u;

export function remarkTag() {
  return (tree: Root, file?: VFile) => {
    walk(tree, file);
  };
}

function walk(parent: Parent, file: VFile | undefined) {
  const out: Nodes[] = [];
  let changed = false;
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as Nodes;
    if (child.type === "text") {
      const next = parent.children[i + 1] as Nodes | undefined;
      const pieces = splitTags(child, next, file);
      if (pieces.consumedNext) i++;
      if (pieces.nodes.length !== 1 || pieces.nodes[0] !== child) changed = true;
      out.push(...pieces.nodes);
      continue;
    }
    if ("children" in child && !opaque.has(child.type)) walk(child, file);
    out.push(child);
  }
  if (changed) parent.children = out as typeof parent.children;
}

/** Split one text node into text and tag nodes; `#` + a following `[[page]]` becomes one tag. */
function splitTags(text: Text, next: Nodes | undefined, file: VFile | undefined): { nodes: PhrasingContent[]; consumedNext: boolean } {
  const nodes: PhrasingContent[] = [];
  const value = text.value;
  let last = 0;
  for (const match of value.matchAll(tagPattern)) {
    const body = (match[1] as string).replace(/\/+$/, "");
    const start = match.index;
    if (!isTagBody(body) || isBlockIdBrace(value, start, body)) continue;
    if ([...body].length > maxTagLength) {
      if (file) {
        const place = slicePosition(text, start, start + 1 + body.length)?.position.start;
        report(file, place, "warning", "tag-invalid", `\`#${printable(body)}\` is not a tag: a tag name is at most ${maxTagLength} characters`);
      }
      continue;
    }
    if (start > last) nodes.push(textSlice(text, last, start));
    nodes.push(tagNode(body, text, start, start + 1 + body.length));
    last = start + 1 + body.length;
  }
  let consumedNext = false;
  const wiki = next?.type === "wikiLink" ? (next as WikiLink) : undefined;
  const name = wiki && !wiki.data.embed && !wiki.data.alias && bracketTagMarker.test(value.slice(last)) ? wiki.data.target : undefined;
  const problem = name ? bracketTagProblem(name) : undefined;
  if (problem && file && wiki) {
    report(file, wiki, "warning", "tag-invalid", `\`#[[${printable(name as string)}]]\` is not a tag: ${problem}; it stays a link`);
  }
  if (wiki && name && !problem) {
    const end = value.length - 1;
    if (end > last) nodes.push(textSlice(text, last, end));
    nodes.push({ type: "tag", value: name, ...(wiki.position ? { position: wiki.position } : {}) });
    last = value.length;
    consumedNext = true;
  }
  if (last === 0 && !consumedNext) return { nodes: [text], consumedNext };
  if (last < value.length) nodes.push(textSlice(text, last, value.length));
  return { nodes, consumedNext };
}

/** Why `#[[name]]` cannot be a tag, or `undefined` when it can. */
function bracketTagProblem(name: string): string | undefined {
  if (unsafeTagCharacters.test(name)) return "a tag name holds text only (no markup, URL or control characters)";
  if ([...name].length > maxTagLength) return `a tag name is at most ${maxTagLength} characters`;
  if (!/[^\s/]/.test(name)) return "the name is empty";
  if (name.split("/").some((segment) => /^\s*\.+\s*$/.test(segment))) return "a tag segment cannot be `.` or `..`";
  return undefined;
}

/** A value for a message: control characters shown as `\u…`, cut at 80 characters. */
function printable(value: string): string {
  const shown = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [...shown].length > 80 ? `${[...shown].slice(0, 80).join("")}…` : shown;
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
