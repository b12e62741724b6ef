/**
 * Logseq task markers and priorities, in Logseq pages only: `TODO` / `DOING` / `DONE` / `LATER` / `NOW` /
 * `WAITING` / `CANCELED` (`CANCELLED`) as the first word of a block become a `logseqMarker` node (a badge) and
 * the list item's `data.marker`; the text of a `DONE` or `CANCELED` block is struck through (a `delete` node).
 * `[#A]`, `[#B]`, `[#C]` anywhere in a block's text become `logseqPriority` nodes. Runs before `remarkTag`,
 * which would otherwise read `[#A]` as the tag `A`. Text nodes only: code never changes.
 */
import type { ListItem, Parent, PhrasingContent, Root, Text } from "mdast";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { LogseqMarker, LogseqPriority } from "./types.d.ts";

const marker = /^(TODO|DOING|DONE|LATER|NOW|WAITING|WAIT|CANCELED|CANCELLED|IN-PROGRESS)(?:[ \t]+|$)/;
const priority = /\[#([ABC])\]/g;
/** Markers whose block reads as finished: struck through. */
const finished = new Set(["DONE", "CANCELED"]);

export function remarkLogseqMarker() {
  return (tree: Root, file: VFile) => {
    if (file.data.logseq !== true) return;
    visit(tree, "listItem", (item: ListItem) => {
      const first = item.children[0];
      if (first?.type !== "paragraph" && first?.type !== "heading") return;
      const text = first.children[0];
      if (text?.type !== "text") return;
      const match = marker.exec(text.value);
      if (!match) return;
      const value = match[1] === "CANCELLED" ? "CANCELED" : (match[1] as string);
      const node: LogseqMarker = { type: "logseqMarker", value };
      if (text.position) {
        const { start } = text.position;
        node.position = { start, end: { ...start, column: start.column + (match[1] as string).length, ...(start.offset === undefined ? {} : { offset: start.offset + (match[1] as string).length }) } };
      }
      text.value = text.value.slice(match[0].length);
      const rest = first.children.filter((child) => child.type !== "text" || child.value !== "");
      first.children = finished.has(value) && rest.length > 0 ? [node, { type: "text", value: " " }, { type: "delete", children: rest }] : [node, ...(rest.length > 0 ? [{ type: "text", value: " " } as Text] : []), ...rest];
      item.data = { ...item.data, marker: value };
    });
    visit(tree, "text", (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !node.value.includes("[#")) return undefined;
      const pieces: PhrasingContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(priority)) {
        if (match.index > last) pieces.push({ type: "text", value: node.value.slice(last, match.index) });
        const badge: LogseqPriority = { type: "logseqPriority", value: match[1] as string };
        pieces.push(badge);
        last = match.index + match[0].length;
      }
      if (last === 0) return undefined;
      if (last < node.value.length) pieces.push({ type: "text", value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(pieces as never[]));
      return [SKIP, index + pieces.length];
    });
  };
}
