/**
 * Logseq block references (DIALECT §8): `((6571a2b3-…))` refers to the block with `id:: 6571a2b3-…`. Found in
 * text nodes only (never in code). The renderer shows the block's text as an inline quote linking to it, or
 * `[missing block]`; `{{embed ((uuid))}}` is the same reference, shown as a block. `[label](((uuid)))` is a
 * reference shown with the author's label (CommonMark reads it as a link whose destination is `((uuid))`).
 */
import type { Link, Parent, PhrasingContent, Root, Text } from "mdast";
import { toString as textOf } from "mdast-util-to-string";
import { SKIP, visit } from "unist-util-visit";
import type { BlockRef } from "./types.d.ts";

const reference = /\{\{\s*embed\s+\(\(([\w-]+)\)\)\s*\}\}|\(\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)\)/gi;

const labelled = /^\(\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)\)$/i;

export function remarkBlockRef() {
  return (tree: Root) => {
    visit(tree, "link", (node: Link, index, parent: Parent | undefined) => {
      const id = labelled.exec(node.url)?.[1];
      if (!parent || index === undefined || !id) return undefined;
      const ref: BlockRef = { type: "blockRef", value: id.toLowerCase() };
      const label = textOf(node).trim();
      if (label) ref.label = label;
      if (node.position) ref.position = node.position;
      parent.children[index] = ref as never;
      return SKIP;
    });
    visit(tree, "text", (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !node.value.includes("((")) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(reference)) {
        if (match.index > last) pieces.push({ type: "text", value: node.value.slice(last, match.index) });
        const ref: BlockRef = { type: "blockRef", value: (match[1] ?? match[2] ?? "").toLowerCase(), ...placeOf(node, match.index) };
        if (match[1]) ref.embed = true;
        pieces.push(ref);
        last = match.index + match[0].length;
      }
      if (last === 0) return undefined;
      if (last < node.value.length) pieces.push({ type: "text", value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(pieces as never[]));
      return [SKIP, index + pieces.length];
    });
  };
}

/** The position of a reference found at `offset` in `text` (for diagnostics: line and column of its start). */
function placeOf(text: Text, offset: number): { position?: Text["position"] } {
  const start = text.position?.start;
  if (!start) return {};
  const before = text.value.slice(0, offset);
  const breaks = before.split("\n").length - 1;
  const column = breaks === 0 ? start.column + offset : offset - before.lastIndexOf("\n");
  const point = { line: start.line + breaks, column };
  return { position: { start: point, end: point } };
}
