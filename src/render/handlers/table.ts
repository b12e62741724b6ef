/**
 * GFM tables (mdast `table`) as mdast-util-to-hast renders them (`<thead>`, `<tbody>`, `align` on cells), in a
 * wrapper that scrolls sideways on a narrow screen while the page itself does not. The wrapper is focusable so
 * the keyboard can scroll it too.
 */
import type { Element } from "hast";
import type { Table } from "mdast";
import type { State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";

export function table(state: State, node: Table): Element {
  const result = defaultHandlers.table(state, node);
  return {
    type: "element",
    tagName: "div",
    properties: { className: ["table-wrap"], tabIndex: 0 },
    children: [result],
  };
}
