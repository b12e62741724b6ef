/**
 * Block ids (DIALECT §4): DG writes Obsidian's ` ^47a9a2` as a line `{ #47a9a2}` at column 0 followed by a
 * blank line. CommonMark reads that line as a lazy continuation of the paragraph above, and the blank line makes
 * the surrounding lists loose. This plugin removes the id text, sets `data.blockId` on the block it names (the
 * list item when the paragraph is a bullet's text, else the paragraph, or the previous block for an id on a
 * paragraph of its own), and re-tightens the lists that only the id's blank line made loose.
 * Raw Obsidian ` ^id` at a line end and a standalone `^id` line are accepted too.
 * Works on text nodes only, so code and HTML are never touched.
 */
import type { List, ListItem, Nodes, Paragraph, Parent, Root, RootContent, Text } from "mdast";
import type { VFile } from "vfile";
import { SKIP, visit } from "unist-util-visit";
import { report } from "./diagnostic.ts";

/** `{ #id}` on its own last line (DG), or `^id` after whitespace at the very end (Obsidian). */
const trailingBlockId = /(?:(?:^|\n)[ \t]*\{ ?#([\w-]+)\}|(?:^|[ \t\n])\^([\w-]+))[ \t]*$/;

export function remarkBlockId() {
  return (tree: Root, file: VFile) => {
    /** Lines of `{ #id}` markers: the blank line after one must not make a list loose. */
    const markerLines = new Set<number>();
    const seen = new Map<string, number>();

    visit(tree, "paragraph", (paragraph: Paragraph, index, parent) => {
      const last = paragraph.children.at(-1);
      if (last?.type !== "text" || !parent || index === undefined) return;
      const match = trailingBlockId.exec(last.value);
      if (!match) return;
      const id = (match[1] ?? match[2]) as string;
      const line = markerLine(last, match.index + (match[0].startsWith("\n") ? 1 : 0));
      if (match[1] !== undefined && line !== undefined) markerLines.add(line);
      last.value = last.value.slice(0, match.index).replace(/[ \t]+$/, "");
      if (last.value === "") paragraph.children.pop();

      const target = blockTarget(paragraph, index, parent);
      if (!target) {
        report(file, last, "warning", "block-id-orphan", `Block id \`${id}\` follows no block; it is ignored`);
        // The id was the whole paragraph: drop it rather than leave an empty `<p>`.
        if (paragraph.children.length === 0) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        return undefined;
      }
      const previous = seen.get(id);
      if (previous !== undefined) {
        report(file, last, "warning", "block-id-duplicate", `Block id \`${id}\` is already used on line ${previous}`);
      } else {
        seen.set(id, target.position?.start.line ?? 0);
      }
      target.data = { ...target.data, blockId: id };
      if (paragraph.children.length === 0) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return undefined;
    });

    if (markerLines.size > 0) retighten(tree, markerLines);
  };
}

function markerLine(text: Text, offset: number): number | undefined {
  const start = text.position?.start.line;
  if (start === undefined) return undefined;
  return start + (text.value.slice(0, offset).match(/\n/g)?.length ?? 0);
}

/** The block an id names: the bullet for a bullet's own text, the paragraph, or the block before a bare id. */
function blockTarget(paragraph: Paragraph, index: number, parent: Parent): Nodes | undefined {
  const bare = paragraph.children.length === 0;
  if (!bare) return parent.type === "listItem" && index === 0 ? (parent as ListItem) : paragraph;
  const previous = parent.children[index - 1] as RootContent | undefined;
  if (previous) return previous;
  return parent.type === "listItem" ? (parent as ListItem) : undefined;
}

/** Set `spread: false` where every blank line between siblings is the one after a `{ #id}` marker. */
function retighten(tree: Root, markerLines: Set<number>) {
  const onlyMarkerGaps = (children: Nodes[]) =>
    children.every((node, i) => {
      const next = children[i + 1];
      if (!next?.position || !node.position) return true;
      for (let line = node.position.end.line + 1; line < next.position.start.line; line++) {
        if (!markerLines.has(line - 1)) return false;
      }
      return true;
    });
  visit(tree, (node) => {
    if ((node.type === "list" || node.type === "listItem") && (node as List | ListItem).spread) {
      const parent = node as List | ListItem;
      if (onlyMarkerGaps(parent.children)) parent.spread = false;
    }
  });
}
