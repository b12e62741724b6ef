/**
 * A highlight → `<mark>`; a colour the author chose (Logseq's `[[#red]]==x==`) is a class the site's CSS styles:
 * `<mark class="highlight-red">`.
 */
import type { Element } from "hast";
import type { State } from "mdast-util-to-hast";
import type { Highlight } from "../../../plugins/types.d.ts";

export function highlight(state: State, node: Highlight): Element {
  const color = node.color && /^[a-z]+$/.test(node.color) ? node.color : undefined;
  const result: Element = {
    type: "element",
    tagName: "mark",
    properties: color ? { className: [`highlight-${color}`] } : {},
    children: state.all(node),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
