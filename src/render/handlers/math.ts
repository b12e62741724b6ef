/**
 * Math → hast. The handler emits a placeholder holding the formula's source (`span.math-inline`, or for display
 * math `div.math-display`, `span.math-display` inside a line); once the note is sanitized, `restoreMath` puts
 * KaTeX's HTML (rendered at parse time, see plugins/math/index.ts) inside each placeholder. KaTeX's markup needs
 * inline styles the note sanitizer rightly refuses, so it goes in after sanitizing, as a raw node.
 *
 * A placeholder written by hand in a note's raw HTML (`<span class="math math-inline">x</span>`) can only ever
 * receive the KaTeX output of a formula of the same note with the same source: never anything else.
 */
import type { Element, Root as HastRoot } from "hast";
import type { Nodes, Root } from "mdast";
import type { InlineMath, Math as MathNode } from "mdast-util-math";
import type { State } from "mdast-util-to-hast";
import { SKIP, visit } from "unist-util-visit";

export function math(state: State, node: MathNode | InlineMath): Element {
  const display = node.type === "math" || node.data?.mathDisplay === true;
  const result: Element = {
    type: "element",
    tagName: node.type === "math" ? "div" : "span",
    properties: { className: ["math", display ? "math-display" : "math-inline"] },
    children: [{ type: "text", value: node.value }],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** Fill the math placeholders of `hast` with the KaTeX HTML of `tree`'s formulas. */
export function restoreMath(tree: Root, hast: HastRoot): void {
  const rendered = new Map<string, string>();
  visit(tree, (node: Nodes) => {
    if ((node.type === "math" || node.type === "inlineMath") && node.data?.katex) {
      rendered.set(key(node.type === "math" || node.data.mathDisplay === true, node.value), node.data.katex);
    }
  });
  if (rendered.size === 0) return;
  visit(hast, "element", (element: Element) => {
    const classes = element.properties.className;
    if (!Array.isArray(classes) || !classes.includes("math")) return;
    const only = element.children[0];
    if (element.children.length !== 1 || only?.type !== "text") return;
    const html = rendered.get(key(classes.includes("math-display"), only.value));
    if (html === undefined) return;
    element.children = [{ type: "raw", value: html }];
    return SKIP;
  });
}

/**
 * Whether rendered HTML shows math, so its page links KaTeX's stylesheet. Read from the HTML itself, as the one
 * witness that holds whatever a page is composed of (a note, answers cut from cards, embedded fragments).
 */
export function showsMath(...html: (string | undefined)[]): boolean {
  return html.some((part) => part?.includes('class="katex') === true);
}

function key(display: boolean, source: string): string {
  return `${display ? "D" : "I"}\u0000${source}`;
}
