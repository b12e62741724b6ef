/**
 * A page's `<meta name="description">`: the first ~120 characters of its rendered text. Counted in characters a
 * reader sees (graphemes, so a CJK character or an emoji is one), cut at a sentence or clause mark near the end
 * when there is one, never inside a Latin word.
 */
import type { Element, Nodes } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";

/** Default length of a description, in graphemes. */
export const descriptionLength = 120;

// Only the start of a page is read: a description never needs more, and a card can be megabytes of HTML.
const htmlPrefix = 8000;
// A note's `<h1>` repeats its title (already the page's title); video timestamps and remarks are not its text.
const dropped = new Set(["h1", "script", "style", "svg", "math", "template", "button", "iframe", "video", "audio"]);
const droppedClasses = ["katex-mathml", "heading-anchor", "sr-only", "footnotes", "data-footnote-backref", "annotation", "ts"];
const clauseEnd = /[。！？；!?;，,、：:]$/u;

/** Plain text of `html`, white space collapsed, cut to `max` graphemes (with `…` when cut). */
export function describe(html: string, max = descriptionLength): string {
  if (!html) return "";
  const tree = fromHtml(html.slice(0, htmlPrefix), { fragment: true });
  prune(tree);
  const text = toText(tree).replace(/\s+/g, " ").trim();
  return cut(text, max);
}

/** `text` cut to `max` graphemes. */
export function cut(text: string, max = descriptionLength): string {
  const segments = [...new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
  if (segments.length <= max) return text;
  let end = max;
  // A clause mark in the last quarter ends the description there; else do not split a Latin word or number.
  for (let i = max; i > max * 0.75; i--) {
    if (clauseEnd.test(segments[i - 1] as string)) {
      end = i;
      break;
    }
  }
  if (end === max) {
    const word = /[\p{Script=Latin}\d]/u;
    let i = end;
    while (i > max / 2 && word.test(segments[i - 1] as string) && word.test(segments[i] as string)) i--;
    if (i > max / 2) end = i;
  }
  return `${segments.slice(0, end).join("").trimEnd().replace(/[，,、：:；;]$/u, "")}…`;
}

function prune(node: Nodes): void {
  if (!("children" in node)) return;
  node.children = node.children.filter((child) => !(child.type === "element" && isDropped(child)) && child.type !== "comment");
  for (const child of node.children) prune(child);
}

function isDropped(element: Element): boolean {
  if (dropped.has(element.tagName)) return true;
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.some((name) => droppedClasses.includes(String(name)));
}
