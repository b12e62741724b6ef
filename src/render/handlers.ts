/**
 * mdast → hast for wenda's own nodes and for links whose meaning depends on the graph. Each handler builds hast
 * elements (never HTML strings). The context answers graph questions in O(1).
 */
import type { Element, ElementContent, Properties } from "hast";
import type { Image, Link, ListItem, Parents } from "mdast";
import type { InlineMath, Math as MathNode } from "mdast-util-math";
import type { Handler, State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";
import { formatClock } from "../../plugins/media/fragment.ts";
import { isImage, isVideoOrAudio, mediaOrigin } from "../../plugins/media/normalize.ts";
import type { BlockRef, Callout, Highlight, ObComment, Tag, Timestamp, WikiLink } from "../../plugins/types.d.ts";
import { normalizeTarget } from "../graph/resolve.ts";
import { callout } from "./handlers/callout.ts";
import { highlight } from "./handlers/highlight.ts";
import { math } from "./handlers/math.ts";
import type { MediaResolution } from "./media.ts";

/** What the handlers need to know about the site; built once per build from the graph. */
export interface RenderContext {
  /** The note being rendered. */
  noteId: string;
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
  /** A block by id: its text and the URL (with `#id`) of the note it is in, when published. */
  blockOf(id: string): { text: string; url: string; id: string } | undefined;
  /** `comment-1`, `comment-2`, … in document order, as the site model numbers the graph's comments. */
  nextCommentId(): string;
  /** The default title of a callout type as written (translated; a custom type shows its own name). */
  calloutTitle(written: string): string;
  /** UI strings. */
  t(key: "mediaMissing" | "imageMissing" | "unresolved" | "comment" | "playAt"): string;
}

export function createHandlers(context: RenderContext): Record<string, Handler> {
  return {
    wikiLink: (state, node: WikiLink) => wikiLink(state, node, context),
    tag: (state, node: Tag) => tag(state, node, context),
    timestamp: (state, node: Timestamp) => timestamp(state, node, context),
    obComment: (state, node: ObComment) => obComment(state, node, context),
    blockRef: (_state, node: BlockRef) => blockRef(node, context),
    link: (state, node: Link) => link(state, node, context),
    image: (state, node: Image) => image(state, node, context),
    listItem: (state, node: ListItem, parent: Parents | undefined) => listItem(state, node, parent),
    callout: (state, node: Callout) => callout(state, node, context),
    highlight: (state, node: Highlight) => highlight(state, node),
    math: (state, node: MathNode) => math(state, node),
    inlineMath: (state, node: InlineMath) => math(state, node),
    // Front matter is data, not content.
    yaml: () => undefined,
    toml: () => undefined,
  };
}

function element(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: "text", value };
}

function wikiLink(state: State, node: WikiLink, context: RenderContext): Element {
  const { target, heading, block, alias, embed, resolvedId } = node.data;
  const id = resolvedId ?? target ?? "";
  if (embed && target && (isImage(target) || isVideoOrAudio(target))) {
    return mediaEmbed(target, alias, context);
  }
  const url = context.urlOf(id);
  const label = alias ?? (target ? (context.titleOf(id) ?? target.slice(target.lastIndexOf("/") + 1)) : "") + (heading ? ` › ${heading.replace(/#/g, " › ")}` : "");
  const result = url
    ? element("a", { href: context.href(url) + fragment(heading, block), className: ["internal"] }, [text(label || url)])
    : element("span", { className: ["unresolved"], title: context.t("unresolved") }, [text(label || target || "")]);
  state.patch(node, result);
  if (!embed) return result;
  return element("div", { className: ["embed"] }, [result]);
}

function fragment(heading: string | undefined, block: string | undefined): string {
  if (block) return `#${encodeURIComponent(block)}`;
  if (heading) return `#${encodeURIComponent(slug(heading.split("#").at(-1) ?? heading))}`;
  return "";
}

/** github-slugger's rule, enough for heading anchors: lowercase, spaces to `-`, punctuation out. */
function slug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

function mediaEmbed(target: string, size: string | undefined, context: RenderContext): Element {
  const resolved = context.media(target, "vault");
  if ("missing" in resolved) return missingMedia(target, context.t(isImage(target) ? "imageMissing" : "mediaMissing"));
  if (isImage(target)) {
    const properties: Properties = { src: resolved.url, alt: target, loading: "lazy" };
    const dims = size ? /^(\d+)(?:x(\d+))?$/.exec(size.trim()) : null;
    if (dims) {
      properties.width = dims[1];
      if (dims[2]) properties.height = dims[2];
    }
    return element("img", properties);
  }
  return element("video", { src: resolved.url, controls: true, preload: "metadata", className: ["embedded-media"] });
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
function obComment(_state: State, node: ObComment, context: RenderContext): Element {
  const id = context.nextCommentId();
  const note = (body: string) =>
    element("span", { className: ["annotation"], role: "note", tabIndex: 0, ariaLabel: context.t("comment") }, [
      ...(node.title ? [element("strong", {}, [text(`${node.title} `)])] : []),
      text(body),
    ]);
  if (!node.comment) return element("span", { id, className: ["ob-comment", "ob-comment-solo"] }, [note(node.value)]);
  return element("span", { id, className: ["ob-comment"] }, [element("mark", {}, [text(node.value)]), note(node.comment)]);
}

/** `((uuid))`: the block's text as an inline quote linking to it; an embed shows it as a block. */
function blockRef(node: BlockRef, context: RenderContext): Element {
  const block = context.blockOf(node.value);
  if (!block) return element("span", { className: ["block-ref", "unresolved"], title: node.value }, [text("[missing block]")]);
  const quote = element("a", { href: `${context.href(block.url)}#${encodeURIComponent(block.id)}`, className: ["block-ref"] }, [text(block.text)]);
  return node.embed ? element("blockquote", { className: ["block-embed"] }, [quote]) : quote;
}

function link(state: State, node: Link, context: RenderContext): Element {
  const media = node.data?.media;
  if (!media || media.origin === "remote") return defaultHandlers.link(state, node);
  const resolved = context.media(media.path, media.origin);
  const children = state.all(node);
  if ("missing" in resolved) {
    return element("span", { className: ["media-link", "media-missing"], title: context.t("mediaMissing") }, children);
  }
  const result = element("a", { href: resolved.url, className: ["media-link"] }, children);
  state.patch(node, result);
  return result;
}

function image(state: State, node: Image, context: RenderContext): Element {
  const media = node.data?.media;
  if (!media || media.origin === "remote") return defaultHandlers.image(state, node);
  const resolved = context.media(media.path, media.origin);
  if ("missing" in resolved) return missingMedia(node.alt || media.path, context.t("imageMissing"));
  return element("img", { src: resolved.url, alt: node.alt ?? "", loading: "lazy" });
}

function missingMedia(name: string, message: string): Element {
  return element("span", { className: ["media-placeholder"], role: "img", ariaLabel: `${message}: ${name}` }, [
    text(`${message}: ${name.slice(name.lastIndexOf("/") + 1)}`),
  ]);
}

/** List items carry their block id as `id` and, for question bullets, the question they ask. */
function listItem(state: State, node: ListItem, parent: Parents | undefined): Element {
  const result = defaultHandlers.listItem(state, node, parent);
  if (node.data?.blockId) result.properties.id = node.data.blockId;
  if (node.data?.question) {
    const first = node.children[0];
    const asked = first?.type === "paragraph" ? first.children.find((child) => child.type === "wikiLink") : undefined;
    result.properties.dataQuestion = (asked as WikiLink | undefined)?.data.resolvedId ?? normalizeTarget(node.data.question);
  }
  return result;
}
