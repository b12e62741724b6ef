/**
 * mdast → hast for wenda's own nodes and for links whose meaning depends on the graph. Each handler builds hast
 * elements (never HTML strings). The context answers graph questions in O(1).
 */
import type { Element, ElementContent, Properties } from "hast";
import type { Heading, Image, Link, ListItem, Parents } from "mdast";
import type { InlineMath, Math as MathNode } from "mdast-util-math";
import type { Handler, State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";
import { formatClock } from "../../plugins/media/fragment.ts";
import { mediaOrigin } from "../../plugins/media/normalize.ts";
import type { BlockRef, Callout, Highlight, ObComment, Tag, Timestamp, WikiLink } from "../../plugins/types.d.ts";
import { normalizeTarget } from "../graph/resolve.ts";
import type { LinkRef, LinkResolution } from "../graph/resolve.ts";
import { callout } from "./handlers/callout.ts";
import { createCodeHandler } from "./handlers/code.ts";
import { type EmbedCollector, embedElement, unavailableEmbed } from "./handlers/embed.ts";
import { heading } from "./handlers/heading.ts";
import { highlight } from "./handlers/highlight.ts";
import { image, link, wikiLink } from "./handlers/links.ts";
import { math } from "./handlers/math.ts";
import { table } from "./handlers/table.ts";
import type { MediaResolution } from "./media.ts";
import { foldCollapsed, logseqHandlers } from "./handlers/logseq.ts";

/** What a link lands on, for rendering: `url` (decoded) only when there is a published page or a copied file. */
export interface ResolvedLink {
  kind: LinkResolution["kind"];
  /** Note or question id, attachment vault path, or the target as written when missing. */
  id: string;
  /** For `missing`: the link names a file, not a note. */
  attachment?: boolean;
  /** Site URL of the page (decoded; `href` it) or of the copied file (an href already). */
  url?: string;
  /** Element id on the note's page: a heading's or a block's. */
  anchor?: string;
  /** The note's or question's title, the file's name, or the target's last segment. */
  title: string;
}

/** What the handlers need to know about the site; built once per build from the graph. */
export interface RenderContext {
  /** The note being rendered. */
  noteId: string;
  /** Resolve a link written in `from` (default: the note being rendered) against the graph's resolver snapshot. */
  resolve(ref: LinkRef, from?: string): ResolvedLink;
  /** Join a paragraph's lines (CommonMark) instead of keeping its line breaks (Obsidian's default). */
  strictLineBreaks: boolean;
  /** URL (decoded) of a published note or question by id, or `undefined`. */
  urlOf(id: string): string | undefined;
  /** Title of a note or question by id. */
  titleOf(id: string): string | undefined;
  /** URL (decoded) of a tag's page. */
  tagUrl(name: string): string;
  /** Resolve media found in the current note. */
  media(path: string, origin: "file" | "vault" | "remote"): MediaResolution;
  /** Percent-encode a decoded site URL into an href (with the base). */
  href(url: string): string;
  /** A block by id: its text, the note it is in and that note's URL, when published. */
  blockOf(id: string): { text: string; url: string; id: string; note: string } | undefined;
  /** Keep remote images, video and audio from notes (`allowRemoteMedia`); default: they become links. */
  allowRemoteMedia?: boolean;
  /** URL prefixes that are the site's own media (`media.baseUrl`), never treated as remote. */
  trustedMedia?: string[];
  /** The default title of a callout type as written (translated; a custom type shows its own name). */
  calloutTitle(written: string): string;
  /** The question marker (the config's `questionPrefix`): question links show it as an icon. Unset: links as written. */
  questionPrefix?: string;
  /** UI strings. */
  t(key: "mediaMissing" | "imageMissing" | "attachmentMissing" | "unresolved" | "comment" | "playAt" | "headingLink" | "footnotes" | "footnoteBack"): string;
}

/** Per-render state: counters and what the render collects. One per `renderNote` call. */
export interface RenderSession extends EmbedCollector {
  /** Reviewer comments so far: the n-th is `comment-n`, as the site model numbers the graph's comments. */
  comments: number;
}

export function createHandlers(context: RenderContext, session: RenderSession): Record<string, Handler> {
  return {
    ...logseqHandlers(context),
    wikiLink: (state, node: WikiLink) => wikiLink(state, node, context, session),
    tag: (state, node: Tag) => finish(state, node, tag(state, node, context)),
    timestamp: (state, node: Timestamp) => finish(state, node, timestamp(state, node, context)),
    obComment: (state, node: ObComment) => finish(state, node, obComment(state, node, context, session)),
    blockRef: (state, node: BlockRef) => blockRef(state, node, context, session),
    link: (state, node: Link) => link(state, node, context),
    image: (state, node: Image) => image(state, node, context),
    heading: (state, node: Heading) => heading(state, node, context),
    listItem: (state, node: ListItem, parent: Parents | undefined) => listItem(state, node, parent, context),
    code: createCodeHandler(),
    table,
    callout: (state, node: Callout) => callout(state, node, context),
    highlight: (state, node: Highlight) => highlight(state, node),
    math: (state, node: MathNode) => math(state, node),
    inlineMath: (state, node: InlineMath) => math(state, node),
    // Front matter is data, not content.
    yaml: () => undefined,
    toml: () => undefined,
  };
}

/** How mdast-util-to-hast's own handlers end: the node's position on the result, then its `data` (hName …). */
function finish(state: State, node: Tag | Timestamp | ObComment, result: Element): Element {
  state.patch(node, result);
  return state.applyData(node, result) as Element;
}

function element(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

function tag(_state: State, node: Tag, context: RenderContext): Element {
  return element("a", { href: context.href(context.tagUrl(node.value)), className: ["tag"] }, [text(`#${node.value}`)]);
}

/**
 * A time chip. It links to the card page at `#t=`; on the card page a script seeks the player instead of
 * navigating. When the video is not published the chip still shows the time and says so.
 */
function timestamp(_state: State, node: Timestamp, context: RenderContext): Element {
  const label = node.label || formatClock(node.start);
  const origin = mediaOrigin(node.media);
  const media = node.media ? context.media(node.media, origin) : ({ missing: "no media" } as const);
  const data: Properties = { dataStart: String(node.start) };
  if (node.end !== undefined) data.dataEnd = String(node.end);
  if ("missing" in media) {
    return element("span", { className: ["ts", "ts-missing"], ...data, title: context.t("mediaMissing") }, [
      text(label),
      element("span", { className: ["ts-note"] }, [text(context.t("mediaMissing"))]),
    ]);
  }
  if (origin === "remote") {
    return element("a", { href: withRemoteTime(media.url, node.start), className: ["ts", "ts-remote"], ...data, rel: ["noopener"] }, [text(label)]);
  }
  const cardUrl = context.urlOf(context.noteId);
  const href = `${cardUrl ? context.href(cardUrl) : ""}#t=${node.start}`;
  return element("a", { href, className: ["ts"], ...data, dataMedia: media.url, title: `${context.t("playAt")} ${label}` }, [text(label)]);
}

function withRemoteTime(url: string, start: number): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.set("t", String(Math.floor(start)));
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * A reviewer comment as an annotation: the highlighted passage is marked and the comment sits beside it. When
 * the reviewer typed the remark as the highlight (span empty or `Comment`), the highlight is the comment.
 */
function obComment(_state: State, node: ObComment, context: RenderContext, session: RenderSession): Element {
  const id = `comment-${++session.comments}`;
  const note = (body: string) =>
    element("span", { className: ["annotation"], role: "note", tabIndex: 0, ariaLabel: context.t("comment") }, [
      ...(node.title ? [element("strong", {}, [text(`${node.title} `)])] : []),
      text(body),
    ]);
  if (!node.comment) return element("span", { id, className: ["ob-comment", "ob-comment-solo"] }, [note(node.value)]);
  return element("span", { id, className: ["ob-comment"] }, [element("mark", {}, [text(node.value)]), note(node.comment)]);
}

/** `((uuid))`: the block's text as an inline quote linking to it; an embed shows it as a block. */
function blockRef(state: State, node: BlockRef, context: RenderContext, session: RenderSession): Element {
  const block = context.blockOf(node.value);
  if (!block) {
    const missing = element("span", { className: ["block-ref", "unresolved"], title: node.value }, [text("[missing block]")]);
    if (node.embed) return unavailableEmbed(state, node, missing);
    state.patch(node, missing);
    return state.applyData(node, missing) as Element;
  }
  const quote = element("a", { href: `${context.href(block.url)}#${encodeURIComponent(block.id)}`, className: ["block-ref"] }, [text(node.label ?? block.text)]);
  if (!node.embed) {
    state.patch(node, quote);
    return state.applyData(node, quote) as Element;
  }
  return embedElement(state, node, { note: block.note, block: block.id }, quote, session);
}

/** List items carry their block id as `id` and, for question bullets, the question they ask. */
function listItem(state: State, node: ListItem, parent: Parents | undefined, context: RenderContext): Element {
  const result = defaultHandlers.listItem(state, node, parent);
  if (node.data?.blockId) result.properties.id = node.data.blockId;
  if (node.data?.question) {
    const first = node.children[0];
    const asked = first?.type === "paragraph" ? first.children.find((child) => child.type === "wikiLink") : undefined;
    result.properties.dataQuestion = context.resolve({ target: (asked as WikiLink | undefined)?.data.target ?? node.data.question }).id;
  }
  return foldCollapsed(node, result);
}
