/**
 * Heading links as Obsidian matches them (DIALECT §2): `[[笔记#标题]]`, `[[#标题]]` and `#H1#H2` chains. A link's
 * heading text matches a heading case-insensitively, ignoring spaces and punctuation (Obsidian drops `#`, `|`,
 * `^`, `:` and friends when it writes a heading link, and people type `消息队列 高可用` for `消息队列（高可用）`).
 * A chain finds each part inside the section of the part before it.
 */
import type { GraphHeading } from "./types.ts";

/** What two heading spellings must agree on to match: NFC, lower case, no whitespace, punctuation or symbols. */
export function headingKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

/**
 * The heading `chain` (`H1#H2`, as written after the first `#`) lands on, or `undefined`. Each part is looked
 * for inside the previous part's section (after it, before the next heading of the same or a higher level).
 * When the whole chain does not match but its last part names a heading, that one is used: the link still
 * lands where its author meant.
 */
export function findHeading(headings: readonly GraphHeading[], chain: string): GraphHeading | undefined {
  const parts = chain
    .split("#")
    .map(headingKey)
    .filter((part) => part !== "");
  if (parts.length === 0) return undefined;
  const keys = headings.map((heading) => headingKey(heading.text));
  let from = 0;
  let to = headings.length;
  let found: GraphHeading | undefined;
  for (const part of parts) {
    let hit = -1;
    for (let i = from; i < to; i++) {
      if (keys[i] === part) {
        hit = i;
        break;
      }
    }
    if (hit === -1) {
      found = undefined;
      break;
    }
    found = headings[hit] as GraphHeading;
    from = hit + 1;
    let end = from;
    while (end < to && (headings[end] as GraphHeading).depth > found.depth) end++;
    to = end;
  }
  if (found) return found;
  const last = parts.at(-1) as string;
  const index = keys.indexOf(last);
  return index === -1 ? undefined : headings[index];
}
