/**
 * One note's tree → HTML, once per build: hast through our handlers, raw HTML re-parsed and sanitized, then
 * serialized. The answer under each question bullet is cut from the same tree, so question pages show card
 * content without parsing or rendering it again.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import { raw } from "hast-util-raw";
import { sanitize } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import type { Nodes, Root } from "mdast";
import { newlineToBreak } from "mdast-util-newline-to-break";
import { toHast } from "mdast-util-to-hast";
import { visit } from "unist-util-visit";
import { cutFragments } from "./fragments.ts";
import { createHandlers, type RenderContext } from "./handlers.ts";
import type { EmbedRef } from "./handlers/embed.ts";
import { applyIdPrefix, idMarker, stripMarkers } from "./ids.ts";
import { resolveRawLinks } from "./raw-links.ts";
import { guardRemoteMedia } from "./remote-media.ts";
import { footnoteOptions, readableFootnoteIds } from "./handlers/footnote.ts";
import { restoreMath } from "./handlers/math.ts";
import { noteSchema } from "./sanitize.ts";
import { type OutlineEntry, outlineOf } from "./outline.ts";

/**
 * A note rendered once, as fragments the page composer puts together (src/site/compose.ts). Every HTML string here
 * carries id markers and embed slots (see ids.ts); none is a finished page.
 */
export interface RenderedNote {
  html: string;
  /** Question id → the answer under each bullet that asks it in this note. */
  answers: Map<string, Answer[]>;
  /** The note's embeds in document order: slot n, in `html`, `answers` and `fragments` alike, is `embeds[n]`. */
  embeds: EmbedRef[];
  /** Fragment key (`h:chain`, `b:id`, see `fragmentKey`) → the section or block other notes embed. */
  fragments: Map<string, string>;
  /** Question bullets and h2–h4 headings in document order, with their ids on the note's own page. */
  outline: OutlineEntry[];
}

/** The answer HTML under one question bullet, and the bullet's id on its card's own page. */
export interface Answer {
  html: string;
  anchor: string;
}

/** Elements that start a bullet's answer: everything before the first of them is the bullet's own line. */
const blockTags = new Set(["ul", "ol", "p", "div", "table", "pre", "blockquote", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details"]);

/**
 * Render `tree` (which this call may annotate). `wanted` lists the fragment keys other notes embed from this one.
 */
export function renderNote(tree: Root, context: RenderContext, wanted: readonly string[] = []): RenderedNote {
  visit(tree, (node: Nodes) => {
    // Markers are the composer's; a note's text can never carry one.
    if ("value" in node && typeof node.value === "string") node.value = stripMarkers(node.value);
    // Block ids on blocks other than list items (which the listItem handler handles) become ids.
    const id = node.data?.blockId;
    if (id && node.type !== "listItem") node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
  });
  const session = { embeds: [] as EmbedRef[], comments: 0 };
  // Obsidian keeps a paragraph's single line breaks unless "strict line breaks" is on.
  if (!context.strictLineBreaks) newlineToBreak(tree);
  // Footnote ids and their hrefs get the id marker, like every other id (the sanitizer adds it to ids).
  let hast = toHast(tree, {
    handlers: createHandlers(context, session),
    allowDangerousHtml: true,
    clobberPrefix: idMarker,
    ...footnoteOptions(context.t),
  }) as HastRoot;
  readableFootnoteIds(hast);
  // Before raw HTML is re-parsed: the HTML parser would split a paragraph around the embed's block instead.
  unwrapBlockEmbeds(hast);
  let hasRaw = false;
  visit(hast, "raw", () => {
    hasRaw = true;
    return false;
  });
  if (hasRaw) {
    hast = raw(hast) as HastRoot;
    resolveRawLinks(hast, context);
  }
  hast = guardRemoteMedia(hast, { allow: context.allowRemoteMedia, trusted: context.trustedMedia });
  hast = sanitize(hast, noteSchema) as HastRoot;
  dropRepeatedIds(hast);
  // Trusted markup goes in after sanitizing; the sanitizer dropped every raw node before it, so the raw nodes
  // serialized below (`allowDangerousHtml`) are only these.
  restoreMath(tree, hast);
  const outline = outlineOf(hast);

  const answers = new Map<string, Answer[]>();
  visit(hast, "element", (element: Element) => {
    const question = element.tagName === "li" ? element.properties.dataQuestion : undefined;
    if (typeof question !== "string") return;
    const answer = answerOf(element);
    const list = answers.get(question);
    const html = answer.length ? toHtml({ type: "root", children: answer }, { allowDangerousHtml: true }) : "";
    const cut = { html, anchor: applyIdPrefix(String(element.properties.id), "") };
    if (list) list.push(cut);
    else answers.set(question, [cut]);
  });
  return { html: toHtml(hast, { allowDangerousHtml: true }), answers, embeds: session.embeds, fragments: cutFragments(hast, wanted), outline };
}

/**
 * One element per id: a block id written twice (`{ #dup}` on two blocks, two `id::` lines) keeps it on the first,
 * where links land (the graph warns about the repeat).
 */
function dropRepeatedIds(tree: HastRoot) {
  const seen = new Set<string>();
  visit(tree, "element", (element: Element) => {
    const id = element.properties.id;
    if (typeof id !== "string") return;
    const key = id.toLowerCase();
    if (seen.has(key)) delete element.properties.id;
    else seen.add(key);
  });
}

/**
 * An embed is a block: a paragraph holding one is split around it (`文字 ![[note]] 文字` → paragraph, embed,
 * paragraph), and one holding nothing else is replaced by it, as Obsidian shows them.
 */
function unwrapBlockEmbeds(tree: HastRoot) {
  visit(tree, "element", (element: Element, index, parent) => {
    if (element.tagName !== "p" || !parent || index === undefined) return;
    if (!element.children.some(isEmbed)) return;
    const pieces: ElementContent[] = [];
    let run: ElementContent[] = [];
    const flush = () => {
      if (run.some((child) => !(child.type === "text" && child.value.trim() === ""))) pieces.push({ ...element, children: run });
      run = [];
    };
    for (const child of element.children) {
      if (isEmbed(child)) {
        flush();
        pieces.push(child);
      } else run.push(child);
    }
    flush();
    parent.children.splice(index, 1, ...pieces);
    return index + pieces.length;
  });
}

function isEmbed(node: ElementContent): node is Element {
  return node.type === "element" && node.tagName === "div" && classList(node).includes("embed");
}

function classList(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The children of a question bullet after its own line (the link). Sub-questions inside stay as their link line
 * only: their answers live on their own pages (and repeating them would copy a card once per nesting level).
 */
function answerOf(item: Element): ElementContent[] {
  return bodyOf(item).map((child) => (child.type === "element" ? collapseSubQuestions(child) : child));
}

function collapseSubQuestions(node: Element): Element {
  if (node.tagName === "li" && typeof node.properties.dataQuestion === "string") {
    const body = bodyOf(node);
    return { ...node, children: node.children.filter((child) => !body.includes(child)) };
  }
  return { ...node, children: node.children.map((child) => (child.type === "element" ? collapseSubQuestions(child) : child)) };
}

function bodyOf(item: Element): ElementContent[] {
  const index = item.children.findIndex((child) => child.type === "element" && blockTags.has(child.tagName));
  if (index === -1) return [];
  // A loose bullet wraps its own line in a <p>: skip that one.
  const first = item.children[index] as Element;
  const start = first.tagName === "p" && index === item.children.findIndex((c) => c.type === "element") ? index + 1 : index;
  return item.children.slice(start);
}
