/**
 * Headings carry the id `remarkHeadingId` gave them (the one the graph records and heading links target) and a
 * "copy link" anchor: an empty `<a href="#id">` shown on hover by CSS (its `#` is CSS content, so Pagefind does
 * not index it into the heading's text), which a reader can copy or middle-click. No script.
 */
import type { Element } from "hast";
import type { Heading } from "mdast";
import type { State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";
import type { RenderContext } from "../handlers.ts";
import { idMarker } from "../ids.ts";
import { anchorHref } from "./links.ts";

export function heading(state: State, node: Heading, context: RenderContext): Element {
  const result = defaultHandlers.heading(state, node);
  const id = node.data?.headingId;
  if (!id) return result;
  // A block id on the heading (`## 标题 ^abc`) keeps its own anchor inside: one element has one id.
  const blockId = result.properties.id;
  if (typeof blockId === "string" && blockId !== id)
    result.children.unshift({ type: "element", tagName: "span", properties: { id: blockId }, children: [] });
  result.properties.id = id;
  result.children.push({
    type: "element",
    tagName: "a",
    // The id marker: on an embedded copy of this heading the anchor follows the copy's prefixed id.
    properties: { href: `#${idMarker}${anchorHref(id).slice(1)}`, className: ["heading-anchor"], ariaLabel: context.t("headingLink") },
    children: [],
  });
  // (defaultHandlers.heading has patched the position and applied the node's data already.)
  return result;
}
