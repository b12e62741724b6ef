/**
 * Obsidian callouts (DIALECT §9): a blockquote whose first line is `[!type]±? Title` becomes a `callout` node.
 *
 * This is a transform on the blockquote the parser made (as Starlight turns a parser-owned node into an aside),
 * not a pass over raw markdown: `> ` prefixes, nesting, lazy lines and code inside are the parser's business, and
 * the marker is read from the value of the blockquote's first text node only.
 *
 * - The type is case-insensitive; Obsidian's aliases map to their canonical kind (`hint` → `tip`); any other
 *   type is kept as written and styled as `note`.
 * - `+` / `-` right after `]` make it foldable (open / closed).
 * - The title is the rest of the first line, with its inline markdown (links, emphasis, code, math); with no
 *   title the renderer shows the translated name of the type.
 * - The remaining lines of the first paragraph, and every later block, are the body. Callouts nest.
 * - `\[!tip]` (escaped) is text, as in Obsidian.
 */
import type { Blockquote, Paragraph, PhrasingContent, Root, Text } from "mdast";
import type { Processor } from "unified";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { Callout, CalloutTitle } from "./types.d.ts";

/** Every type Obsidian knows, by name as written (lower-cased) → canonical kind. */
export const calloutKinds: Readonly<Record<string, string>> = {
  note: "note",
  abstract: "abstract",
  summary: "abstract",
  tldr: "abstract",
  info: "info",
  todo: "todo",
  tip: "tip",
  hint: "tip",
  important: "tip",
  success: "success",
  check: "success",
  done: "success",
  question: "question",
  help: "question",
  faq: "question",
  warning: "warning",
  caution: "warning",
  attention: "warning",
  failure: "failure",
  fail: "failure",
  missing: "failure",
  danger: "danger",
  error: "danger",
  bug: "bug",
  example: "example",
  quote: "quote",
  cite: "quote",
};

/** `[!type]`, an optional fold sign, then optional spaces; the rest of the value is the title's start. */
const marker = /^\[!([^\]\s]+)\]([+-]?)[ \t]*/;

/** Turns every blockquote that starts with a callout marker into a `callout`. */
export function remarkCallout(this: Processor) {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    // A note without `[!` has no callout: skip the walk (most notes).
    if (!source.includes("[!")) return;
    visit(tree, "blockquote", (node: Blockquote) => {
      const first = node.children[0];
      const head = first?.type === "paragraph" ? first.children[0] : undefined;
      if (head?.type !== "text") return;
      const match = marker.exec(head.value);
      if (!match) return;
      // `\[!tip]`: the parser has unescaped it already, the source still shows the backslash.
      const offset = head.position?.start.offset;
      if (offset !== undefined && source[offset] === "\\") return;
      toCallout(node, first as Paragraph, head, match);
    });
  };
}

/** Rewrites `node` in place (so the walk goes on into its new children, nested callouts included). */
function toCallout(node: Blockquote, first: Paragraph, head: Text, match: RegExpExecArray): void {
  const written = (match[1] as string).toLowerCase();
  const sign = match[2];
  const rest = head.value.slice(match[0].length);
  const inline: PhrasingContent[] = [
    ...(rest ? [{ type: "text", value: rest } satisfies Text] : []),
    ...first.children.slice(1),
  ];

  // The title runs to the first line ending (a soft break inside a text node, or a hard break).
  const title: PhrasingContent[] = [];
  const body: PhrasingContent[] = [];
  for (const child of inline) {
    if (body.length > 0) body.push(child);
    else if (child.type === "break") body.push({ type: "text", value: "" });
    else if (child.type === "text" && child.value.includes("\n")) {
      const at = child.value.indexOf("\n");
      if (at > 0) title.push({ type: "text", value: child.value.slice(0, at) });
      body.push({ type: "text", value: child.value.slice(at + 1) });
    } else title.push(child);
  }
  trimEdges(title);
  if (body[0]?.type === "text" && body[0].value === "") body.shift();

  const children: Callout["children"] = [];
  if (title.length > 0) {
    const calloutTitle: CalloutTitle = { type: "calloutTitle", children: title };
    children.push(calloutTitle);
  }
  if (body.length > 0) {
    const paragraph: Paragraph = { type: "paragraph", children: body };
    if (first.position) paragraph.position = first.position;
    children.push(paragraph);
  }
  children.push(...node.children.slice(1));

  const callout = node as unknown as Callout;
  callout.type = "callout";
  callout.kind = calloutKinds[written] ?? "note";
  callout.written = written;
  if (sign === "+") callout.fold = "open";
  else if (sign === "-") callout.fold = "closed";
  callout.children = children;
}

/** Drop leading and trailing whitespace of a title (its text nodes at either end). */
function trimEdges(nodes: PhrasingContent[]): void {
  const head = nodes[0];
  if (head?.type === "text") head.value = head.value.trimStart();
  const tail = nodes.at(-1);
  if (tail?.type === "text") tail.value = tail.value.trimEnd();
  if (head?.type === "text" && head.value === "") nodes.shift();
  const last = nodes.at(-1);
  if (last?.type === "text" && last.value === "") nodes.pop();
}
