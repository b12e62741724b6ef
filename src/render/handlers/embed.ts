/**
 * Note embeds (transclusion): Obsidian `![[note]]`, `![[note#标题]]`, `![[note#^id]]`, Logseq `{{embed [[page]]}}` and
 * `{{embed ((uuid))}}`. A note is rendered once; an embed becomes a slot in its HTML, and the page composer
 * (src/site/compose.ts) fills the slot with the target's fragment, rendered in its own note's context so its links,
 * tags, timestamps and comments keep working. Unpublished or missing targets never get a slot: they render as the
 * link they are, marked unresolved.
 */
import type { Element, ElementContent } from "hast";
import type { Nodes } from "mdast";
import type { State } from "mdast-util-to-hast";
import { slotToken } from "../ids.ts";

/** What an embed shows: a whole note, one heading's section (a `#H1#H2` chain), or one block. */
export interface EmbedRef {
  /** The embedded note's id. */
  note: string;
  heading?: string;
  block?: string;
}

/** The key of the fragment `ref` asks its note for: `""` the whole note, `h:` a heading chain, `b:` a block id. */
export function fragmentKey(ref: Pick<EmbedRef, "heading" | "block">): string {
  if (ref.block) return `b:${ref.block.toLowerCase()}`;
  if (ref.heading) return `h:${ref.heading}`;
  return "";
}

/** Where a note's embeds are collected while it renders: slot n is `embeds[n]`. */
export interface EmbedCollector {
  embeds: EmbedRef[];
}

/**
 * The element for an embed of `ref`: the slot the composer fills, and below it a link to the source (the reader can
 * always open the embedded note itself). `source` is that link, built by the caller as a normal wiki link.
 */
export function embedElement(state: State, node: Nodes, ref: EmbedRef, source: Element, collector: EmbedCollector): Element {
  const slot = collector.embeds.push(ref) - 1;
  const body: Element = { type: "element", tagName: "div", properties: { className: ["embed-body"] }, children: [{ type: "text", value: slotToken(slot) }] };
  const link: Element = { ...source, properties: { ...source.properties, className: ["embed-source", ...classes(source)] } };
  const result: Element = { type: "element", tagName: "div", properties: { className: ["embed"] }, children: [body, link] };
  state.patch(node, result);
  return state.applyData(node, result) as Element;
}

/** An embed whose target cannot be shown (missing or unpublished): the link, in the embed's box. */
export function unavailableEmbed(state: State, node: Nodes, source: ElementContent): Element {
  const result: Element = { type: "element", tagName: "div", properties: { className: ["embed", "embed-missing"] }, children: [source] };
  state.patch(node, result);
  return state.applyData(node, result) as Element;
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}
