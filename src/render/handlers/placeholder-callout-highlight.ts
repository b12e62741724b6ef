/**
 * PLACEHOLDER until h-obsidian's callout and highlight handlers land (they own both node types): a `highlight` as
 * `<mark>` and a `callout` as `<div class="callout callout-KIND">`, enough for the Logseq fixtures' HTML. Delete
 * this file and its registration in `createHandlers` when the real handlers are merged.
 */
import type { Element } from "hast";
import type { Handler, State } from "mdast-util-to-hast";
import type { Callout, Highlight } from "../../../plugins/types.d.ts";

export const placeholderHandlers: Record<string, Handler> = {
  highlight: (state: State, node: Highlight) => {
    const result: Element = { type: "element", tagName: "mark", properties: node.color ? { className: [`highlight-${node.color}`] } : {}, children: state.all(node) };
    state.patch(node, result);
    return result;
  },
  callout: (state: State, node: Callout) => {
    const result: Element = { type: "element", tagName: "div", properties: { className: ["callout", `callout-${node.kind}`] }, children: state.wrap(state.all(node), true) };
    state.patch(node, result);
    return result;
  },
};
