/**
 * Fragments a note lends to embeds elsewhere: one heading's section (the heading and everything after it up to the
 * next heading of the same or a higher rank) or one block (the element carrying the block id; a list item keeps
 * its list around it). Cut from the note's finished hast, so an embed shows exactly what the note's own page does.
 */
import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { idMarker } from "./ids.ts";

const headingRank: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Heading text as links compare it: case, spaces and punctuation do not matter (Obsidian matches loosely too). */
export function headingKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, "");
}

interface Place {
  parent: Root | Element;
  index: number;
  element: Element;
}

/** Every heading of `tree` in document order, with where it sits. */
function headingsOf(tree: Root): Place[] {
  const found: Place[] = [];
  const walk = (parent: Root | Element) => {
    parent.children.forEach((child, index) => {
      if (child.type !== "element") return;
      if (headingRank[child.tagName]) found.push({ parent, index, element: child });
      else walk(child);
    });
  };
  walk(tree);
  return found;
}

/** The section under the heading a `H1#H2` chain names, or `undefined` when the note has no such heading. */
function sectionOf(tree: Root, chain: string): ElementContent[] | undefined {
  const parts = chain.split("#").map(headingKey).filter((part) => part !== "");
  if (parts.length === 0) return undefined;
  const headings = headingsOf(tree);
  const keys = headings.map((place) => headingKey(toText(place.element)));
  // Each part of the chain is looked for after the previous one, deeper than it (Obsidian's `#H1#H2`).
  let at = -1;
  let rank = 0;
  for (const part of parts) {
    let next = -1;
    for (let i = at + 1; i < headings.length; i++) {
      const r = headingRank[(headings[i] as Place).element.tagName] as number;
      if (at !== -1 && r <= rank) break;
      if (keys[i] === part) {
        next = i;
        break;
      }
    }
    // A chain that does not hold (`#H2` written without its parent in between) still finds its last heading.
    if (next === -1) next = keys.indexOf(parts.at(-1) as string);
    if (next === -1) return undefined;
    at = next;
    rank = headingRank[(headings[at] as Place).element.tagName] as number;
  }
  const place = headings[at] as Place;
  const section: ElementContent[] = [place.element];
  for (const sibling of place.parent.children.slice(place.index + 1)) {
    if (sibling.type === "element" && headingRank[sibling.tagName] !== undefined && (headingRank[sibling.tagName] as number) <= rank) break;
    section.push(sibling as ElementContent);
  }
  return section;
}

/** The element whose id is block `id` (case-insensitive), with its list around it when it is a list item. */
function blockOf(tree: Root, id: string): ElementContent[] | undefined {
  const wanted = `${idMarker}${id}`.toLowerCase();
  let found: Element | undefined;
  let list: Element | undefined;
  const walk = (parent: Root | Element) => {
    for (const child of parent.children) {
      if (found) return;
      if (child.type !== "element") continue;
      const own = child.properties.id;
      if (typeof own === "string" && own.toLowerCase().replace(/^\u0002+/, idMarker) === wanted) {
        found = child;
        if (child.tagName === "li" && parent.type === "element") list = parent;
        return;
      }
      walk(child);
    }
  };
  walk(tree);
  if (!found) return undefined;
  if (found.tagName !== "li") return [found];
  const tagName = list?.tagName === "ol" ? "ol" : "ul";
  return [{ type: "element", tagName, properties: { className: ["embedded-block"] }, children: [found] }];
}

/** HTML for each wanted fragment key (`h:chain`, `b:id`) that the note has. */
export function cutFragments(tree: Root, wanted: readonly string[]): Map<string, string> {
  const fragments = new Map<string, string>();
  for (const key of wanted) {
    const content = key.startsWith("h:") ? sectionOf(tree, key.slice(2)) : key.startsWith("b:") ? blockOf(tree, key.slice(2)) : undefined;
    if (content) fragments.set(key, toHtml({ type: "root", children: content }, { allowDangerousHtml: true }));
  }
  return fragments;
}
