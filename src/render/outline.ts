/**
 * A note's outline as the page shows it: every question bullet gets an anchor (its block id when it has one, else
 * `q-1`, `q-2` … in document order), so an answer on a question page can link to the exact bullet on its card, and
 * the card's table of contents lists its questions; headings h2–h4 (ids from plugins/heading-id.ts) make a note's.
 *
 * Runs on the sanitized tree, where every id carries the id marker (src/render/ids.ts): the anchors given here get
 * it too, and `anchor` is the id as it reads on the note's own page (prefix `""`).
 */
import type { ElementContent, Root, RootContent } from "hast";
import { applyIdPrefix, idMarker } from "./ids.ts";

/** One entry of a note's outline, in document order. */
export interface OutlineEntry {
  /** A question bullet (`ref` is the question's id) or a heading (`ref` is its text). */
  kind: "question" | "heading";
  ref: string;
  /** The element's id on the note's own page. */
  anchor: string;
  /** Nesting: questions inside question bullets, h3 under h2 (0 is the top). */
  depth: number;
}

const headingDepth: Record<string, number> = { h2: 0, h3: 1, h4: 2 };

/** Give every question bullet of `tree` an id (keeping block ids) and list the outline. */
export function outlineOf(tree: Root): OutlineEntry[] {
  const taken = new Set<string>();
  collectIds(tree, taken);
  const entries: OutlineEntry[] = [];
  let next = 0;
  const walk = (nodes: readonly (Root | RootContent)[], questionDepth: number) => {
    for (const node of nodes) {
      if (node.type !== "element" && node.type !== "root") continue;
      let depth = questionDepth;
      if (node.type === "element") {
        const question = node.tagName === "li" ? node.properties.dataQuestion : undefined;
        if (typeof question === "string") {
          if (typeof node.properties.id !== "string") {
            let id: string;
            do id = `${idMarker}q-${++next}`;
            while (taken.has(id.toLowerCase()));
            taken.add(id.toLowerCase());
            node.properties.id = id;
          }
          entries.push({ kind: "question", ref: question, anchor: anchorOf(node.properties.id as string), depth: questionDepth });
          depth = questionDepth + 1;
        } else if (node.tagName in headingDepth && typeof node.properties.id === "string") {
          const text = textOf(node).replace(/\s+/g, " ").trim();
          if (text) entries.push({ kind: "heading", ref: text, anchor: anchorOf(node.properties.id), depth: headingDepth[node.tagName] ?? 0 });
        }
      }
      walk(node.children, depth);
    }
  };
  walk([tree], 0);
  return entries;
}

/** An id as it reads on the note's own page. */
function anchorOf(id: string): string {
  return applyIdPrefix(id, "");
}

function collectIds(node: Root | RootContent, into: Set<string>) {
  if (node.type === "element" && typeof node.properties.id === "string") into.add(node.properties.id.toLowerCase());
  if (node.type === "element" || node.type === "root") for (const child of node.children) collectIds(child, into);
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  // Footnote calls and heading anchors are not part of the heading's words.
  if (node.tagName === "sup") return "";
  return node.children.map(textOf).join("");
}
