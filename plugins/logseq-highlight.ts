/**
 * Logseq highlights, in Logseq pages only: `^^x^^` and `==x==` become `highlight` nodes, and Logseq's colour
 * prefix `[[#red]]==x==` (a wiki link to the heading `red` of no page, as remark-wiki-link reads it) gives the
 * highlight its `color` instead of staying a dead link. Delimiters pair within one parent's phrasing children
 * (so `^^**粗**体^^` works) and never inside code, links or other opaque nodes. A `highlight` made earlier by
 * another `==` syntax is coloured the same way.
 */
import type { Nodes, Parent, PhrasingContent, Root, Text } from "mdast";
import type { VFile } from "vfile";
import type { Highlight, WikiLink } from "./types.d.ts";

/** Logseq's highlight colours. */
const colors = new Set(["red", "yellow", "green", "blue", "purple", "gray", "grey", "orange", "pink"]);
/** Nodes whose text is not the author's phrasing to pair delimiters in. */
const opaque = new Set(["link", "linkReference", "wikiLink", "timestamp", "obComment", "code", "inlineCode", "html", "logseqMacro"]);
const delimiter = /\^\^|==/g;

export function remarkLogseqHighlight() {
  return (tree: Root, file: VFile) => {
    if (file.data.logseq !== true) return;
    walk(tree);
  };
}

function walk(node: Nodes) {
  if (!("children" in node) || opaque.has(node.type)) return;
  const parent = node as Parent;
  for (const child of parent.children) walk(child as Nodes);
  const children = parent.children as PhrasingContent[];
  if (children.some((child) => child.type === "text" && (child.value.includes("^^") || child.value.includes("==")))) {
    parent.children = pair(children) as never;
  }
  if (parent.children.some((child) => child.type === "highlight")) colour(parent);
}

/** Pair `^^`/`==` delimiters across `nodes`; an unpaired one stays text. */
function pair(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as PhrasingContent;
    if (node.type !== "text") {
      out.push(node);
      continue;
    }
    let value = node.value;
    let from = 0;
    for (;;) {
      delimiter.lastIndex = from;
      const open = delimiter.exec(value);
      if (!open) break;
      const marker = open[0];
      const start = open.index + 2;
      const close = value.indexOf(marker, start);
      if (close > start) {
        pushText(out, value.slice(0, open.index));
        out.push(highlight([{ type: "text", value: value.slice(start, close) }]));
        value = value.slice(close + 2);
        from = 0;
        continue;
      }
      let j = i + 1;
      let found = -1;
      for (; j < nodes.length; j++) {
        const later = nodes[j] as PhrasingContent;
        if (later.type !== "text") continue;
        found = later.value.indexOf(marker);
        if (found !== -1) break;
      }
      if (found === -1 || (start === value.length && j === i + 1 && found === 0)) {
        from = start;
        continue;
      }
      const inner: PhrasingContent[] = [];
      pushText(inner, value.slice(start));
      inner.push(...nodes.slice(i + 1, j));
      pushText(inner, (nodes[j] as Text).value.slice(0, found));
      pushText(out, value.slice(0, open.index));
      out.push(highlight(pair(inner)));
      value = (nodes[j] as Text).value.slice(found + 2);
      from = 0;
      i = j;
    }
    if (value === node.value) out.push(node);
    else pushText(out, value);
  }
  return out;
}

function pushText(into: PhrasingContent[], value: string) {
  if (value !== "") into.push({ type: "text", value });
}

function highlight(children: PhrasingContent[]): Highlight {
  return { type: "highlight", children };
}

/** `[[#red]]` right before a highlight is its colour. */
function colour(parent: Parent) {
  const children = parent.children as PhrasingContent[];
  for (let i = children.length - 2; i >= 0; i--) {
    const link = children[i] as PhrasingContent;
    const next = children[i + 1] as PhrasingContent;
    if (link.type !== "wikiLink" || next.type !== "highlight") continue;
    const data = (link as WikiLink).data;
    const color = data.heading?.toLowerCase();
    if (data.target !== "" || data.alias !== undefined || !color || !colors.has(color)) continue;
    next.color = color === "grey" ? "gray" : color;
    children.splice(i, 1);
  }
}
