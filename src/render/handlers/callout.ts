/**
 * A callout → hast. Foldable callouts are native `<details>` / `<summary>` (open for `+`): they fold without a
 * script and with the keyboard. The icon is an empty `span` the site's CSS paints (an inline SVG mask per kind),
 * so no icon font and no request anywhere else.
 *
 * ```html
 * <details class="callout callout-tip" data-callout="hint" open>
 *   <summary class="callout-title"><span class="callout-icon"></span><span class="callout-title-inner">…</span></summary>
 *   <div class="callout-content">…</div>
 * </details>
 * ```
 * Without a fold sign it is a `div` with a `div.callout-title`. `data-callout` is the type as written, so
 * Obsidian CSS snippets that target `[data-callout="…"]` keep working.
 */
import type { Element, ElementContent } from "hast";
import type { Parents } from "mdast";
import type { State } from "mdast-util-to-hast";
import type { Callout } from "../../../plugins/types.d.ts";

/** What the callout handler needs from the render context. */
export interface CalloutContext {
  /** The default title of a callout type as written (translated; a custom type shows its own name). */
  calloutTitle(written: string): string;
}

export function callout(state: State, node: Callout, context: CalloutContext): Element {
  const [first, ...rest] = node.children;
  const titled = first?.type === "calloutTitle";
  const titleContent: ElementContent[] = titled
    ? state.all(first)
    : [{ type: "text", value: context.calloutTitle(node.written) }];
  const head: ElementContent[] = [
    { type: "element", tagName: "span", properties: { className: ["callout-icon"], ariaHidden: "true" }, children: [] },
    { type: "element", tagName: "span", properties: { className: ["callout-title-inner"] }, children: titleContent },
  ];
  const body = state.all({ ...node, children: titled ? rest : node.children } as Parents);
  const folds = node.fold !== undefined;
  const children: ElementContent[] = [
    {
      type: "element",
      tagName: folds ? "summary" : "div",
      properties: { className: ["callout-title"] },
      children: head,
    },
  ];
  if (body.length > 0) {
    children.push({
      type: "element",
      tagName: "div",
      properties: { className: ["callout-content"] },
      children: state.wrap(body, true),
    });
  }
  const result: Element = {
    type: "element",
    tagName: folds ? "details" : "div",
    properties: {
      className: ["callout", `callout-${node.kind}`],
      dataCallout: node.written,
      ...(node.fold === "open" ? { open: true } : {}),
    },
    children: state.wrap(children, true),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
