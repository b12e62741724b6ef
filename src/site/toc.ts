/**
 * A page's table of contents from its note's outline (src/render/outline.ts): a card lists its questions in order
 * (its headings when it asks none), a note its h2–h4 headings. Fewer than two entries make no table.
 */
import type { OutlineEntry } from "../render/outline.ts";

export interface TocEntry {
  title: string;
  /** The element's id on the page. */
  anchor: string;
  /** 0 is the top level. */
  depth: number;
}

/** Deepest nesting shown: an outline seven questions deep would be a second copy of the page. */
const maxDepth = 2;

/** The table of contents, or `undefined` when it would have fewer than two entries. */
export function tocOf(outline: readonly OutlineEntry[], kind: string, questionTitle: (id: string) => string | undefined): TocEntry[] | undefined {
  const questions = outline.filter((entry) => entry.kind === "question");
  const chosen = kind === "card" && questions.length > 0 ? questions : outline.filter((entry) => entry.kind === "heading");
  // A note whose headings start at h3 shows them at the top level.
  const top = Math.min(...chosen.map((entry) => entry.depth));
  const entries: TocEntry[] = [];
  for (const entry of chosen) {
    const depth = entry.depth - top;
    if (depth > maxDepth) continue;
    const title = entry.kind === "question" ? questionTitle(entry.ref) : entry.ref;
    if (title) entries.push({ title, anchor: entry.anchor, depth });
  }
  return entries.length >= 2 ? entries : undefined;
}
