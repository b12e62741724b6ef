/**
 * Fenced and indented code (mdast `code`) → hast. A fence with a language Shiki knows is highlighted at build time
 * (light and dark, see ../highlight.ts); ```mermaid becomes a diagram the site's own Mermaid bundle draws in the
 * browser, its source staying visible when scripts are off; anything else is plain `<pre><code>`.
 */
import type { Element } from "hast";
import type { Code } from "mdast";
import type { Handler, State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";
import { highlight } from "../highlight.ts";

/** Per note: at most this many blocks are highlighted, the rest are plain (a note of pasted logs stays cheap). */
export const maxHighlightedBlocks = 100;
/** Per note: at most this many characters of code are highlighted; a block that would exceed it is plain. */
export const maxHighlightedChars = 100_000;

/** The class of a Mermaid diagram's `<pre>`; the page loads Mermaid only when its HTML has one. */
export const diagramClass = "mermaid";

/** Whether rendered note HTML holds a Mermaid diagram (the page then loads the site's Mermaid bundle). */
export function hasDiagram(html: string): boolean {
  return html.includes(`<pre class="${diagramClass}"`);
}

/** A fresh `code` handler with its own per-note budget: call once per rendered note. */
export function createCodeHandler(): Handler {
  let blocks = 0;
  let chars = 0;
  return (state: State, node: Code) => {
    const lang = node.lang?.trim().toLowerCase();
    if (lang === "mermaid") return diagram(state, node);
    if (lang && blocks < maxHighlightedBlocks && chars + node.value.length <= maxHighlightedChars) {
      const pre = highlight(node.value, lang);
      if (pre) {
        blocks++;
        chars += node.value.length;
        state.patch(node, pre);
        return state.applyData(node, pre);
      }
    }
    return defaultHandlers.code(state, node);
  };
}

function diagram(state: State, node: Code): Element {
  const result: Element = {
    type: "element",
    tagName: "pre",
    properties: { className: [diagramClass] },
    children: [{ type: "text", value: node.value }],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
