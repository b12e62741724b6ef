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
import { createHandlers, type RenderContext } from "./handlers.ts";
import { restoreMath } from "./handlers/math.ts";
import { noteSchema } from "./sanitize.ts";

export interface RenderedNote {
  html: string;
  /** Question id → the answer HTML under each bullet that asks it in this note. */
  answers: Map<string, string[]>;
}

/** Elements that start a bullet's answer: everything before the first of them is the bullet's own line. */
const blockTags = new Set(["ul", "ol", "p", "div", "table", "pre", "blockquote", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details"]);

export function renderNote(tree: Root, context: RenderContext): RenderedNote {
  // Block ids on blocks other than list items (which the listItem handler handles) become ids.
  visit(tree, (node: Nodes) => {
    const id = node.data?.blockId;
    if (id && node.type !== "listItem") node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
  });
  // Obsidian keeps a paragraph's single line breaks unless "strict line breaks" is on.
  if (!context.strictLineBreaks) newlineToBreak(tree);
  let hast = toHast(tree, { handlers: createHandlers(context), allowDangerousHtml: true }) as HastRoot;
  let hasRaw = false;
  visit(hast, "raw", () => {
    hasRaw = true;
    return false;
  });
  if (hasRaw) hast = raw(hast) as HastRoot;
  hast = sanitize(hast, noteSchema) as HastRoot;
  // Trusted markup goes in after sanitizing; the sanitizer dropped every raw node before it, so the raw nodes
  // serialized below (`allowDangerousHtml`) are only these.
  restoreMath(tree, hast);

  const answers = new Map<string, string[]>();
  visit(hast, "element", (element: Element) => {
    const question = element.tagName === "li" ? element.properties.dataQuestion : undefined;
    if (typeof question !== "string") return;
    const answer = answerOf(element);
    const list = answers.get(question);
    const html = answer.length ? toHtml({ type: "root", children: answer }, { allowDangerousHtml: true }) : "";
    if (list) list.push(html);
    else answers.set(question, [html]);
  });
  return { html: toHtml(hast, { allowDangerousHtml: true }), answers };
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
