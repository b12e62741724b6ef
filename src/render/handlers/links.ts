/**
 * Links whose meaning depends on the rest of the vault: wiki links and embeds, markdown links and images. Each
 * asks `context.resolve` (the graph's resolver snapshot, the same rules in every thread) and renders what it
 * lands on: a note's page (with the heading or block anchor), a copied attachment (image, audio, video, PDF),
 * or a placeholder that says what is missing.
 */
import type { Element, ElementContent, Properties } from "hast";
import type { Image, Link } from "mdast";
import type { State } from "mdast-util-to-hast";
import { defaultHandlers } from "mdast-util-to-hast";
import { isAudio, isImage, isVideoOrAudio } from "../../../plugins/media/normalize.ts";
import type { WikiLink } from "../../../plugins/types.d.ts";
import { questionKey } from "../../graph/question-merge.ts";
import { markdownLinkRef } from "../../graph/resolve.ts";
import type { RenderContext, ResolvedLink } from "../handlers.ts";
import { type EmbedCollector, embedElement, unavailableEmbed } from "./embed.ts";

export function wikiLink(state: State, node: WikiLink, context: RenderContext, embeds: EmbedCollector): Element {
  const { target = "", heading, block, alias, embed } = node.data;
  const ref = { target, ...(heading ? { heading } : {}), ...(block ? { block } : {}), ...(embed ? { embed } : {}) };
  const resolved = context.resolve(ref);
  let result: Element;
  if (resolved.kind === "attachment" || (resolved.kind === "missing" && resolved.attachment)) {
    result = embed
      ? attachmentEmbed(resolved, { size: alias, fragment: heading }, context)
      : attachmentLink(resolved, [text(alias ?? resolved.title)], context);
  } else {
    const label =
      alias ??
      (target ? resolved.title : "") +
        (heading ? `${target ? " › " : ""}${heading.replace(/#/g, " › ")}` : block && !target ? `^${block}` : "");
    result = noteLink(resolved, [text(label || target)], context);
    // A note embed: transcluded by the page composer when the note is published (see ./embed.ts).
    if (embed && resolved.url !== undefined && resolved.kind === "note") {
      return embedElement(state, node, { note: resolved.id, ...(heading ? { heading } : {}), ...(block ? { block } : {}) }, result, embeds);
    }
    if (embed) return unavailableEmbed(state, node, result);
  }
  state.patch(node, result);
  return state.applyData(node, result);
}

export function link(state: State, node: Link, context: RenderContext): Element | ElementContent[] {
  const ref = markdownLinkRef(node.url);
  const media = node.data?.media;
  if (!ref) {
    if (!media || media.origin === "remote") return defaultHandlers.link(state, node);
    // A `file:` URL: the media folder, never the file system.
    const found = context.media(media.path, media.origin);
    const children = state.all(node);
    const result =
      "missing" in found
        ? element("span", { className: ["media-link", "media-missing"], title: context.t("mediaMissing") }, children)
        : element("a", { href: found.url, className: ["media-link"] }, children);
    state.patch(node, result);
    return state.applyData(node, result);
  }
  const resolved = context.resolve(ref);
  const children = state.all(node);
  const result =
    resolved.kind === "attachment" || (resolved.kind === "missing" && resolved.attachment)
      ? attachmentLink(resolved, children, context)
      : noteLink(resolved, children, context);
  state.patch(node, result);
  return state.applyData(node, result);
}

export function image(state: State, node: Image, context: RenderContext): Element | ElementContent[] {
  const ref = markdownLinkRef(node.url);
  const media = node.data?.media;
  if (!ref) {
    if (!media || media.origin === "remote") return defaultHandlers.image(state, node);
    const found = context.media(media.path, media.origin);
    const result =
      "missing" in found
        ? missingMedia(node.alt || media.path, context.t("imageMissing"))
        : element("img", { src: found.url, alt: node.alt ?? "", loading: "lazy" });
    state.patch(node, result);
    return state.applyData(node, result);
  }
  // Obsidian's `![alt|100x145](附件/图.png)`: a size after the last `|` of the alt text.
  const alt = node.alt ?? "";
  const bar = alt.lastIndexOf("|");
  const size = bar !== -1 && sizeOf(alt.slice(bar + 1)) ? alt.slice(bar + 1) : undefined;
  const resolved = context.resolve({ ...ref, embed: true });
  const options: EmbedOptions = { alt: size === undefined ? alt : alt.slice(0, bar).trim(), size };
  if (ref.heading) options.fragment = ref.heading;
  const result =
    resolved.kind === "note" || resolved.kind === "question" || (resolved.kind === "missing" && !resolved.attachment)
      ? noteLink(resolved, [text(alt || resolved.title)], context)
      : attachmentEmbed(resolved, options, context);
  state.patch(node, result);
  return state.applyData(node, result);
}

/** A link to a note or question page, or an "unresolved" span when it has no published page. */
function noteLink(resolved: ResolvedLink, children: ElementContent[], context: RenderContext): Element {
  if (resolved.url === undefined) {
    return element("span", { className: ["unresolved"], title: context.t("unresolved") }, children);
  }
  return element(
    "a",
    { href: context.href(resolved.url) + anchorHref(resolved.anchor), className: ["internal"] },
    questionLabel(children, resolved.title, context.questionPrefix),
  );
}

/**
 * A question link written as its own title (`？ RabbitMq 的 高可用 实现`): shown as the question's display title,
 * without the stray spaces after the marker, the marker in a `.q-mark` (drawn as a question icon). Any other
 * label (an alias in the author's words) stays as written.
 */
function questionLabel(children: ElementContent[], title: string, prefix = ""): ElementContent[] {
  const only = children.length === 1 && children[0]?.type === "text" ? children[0].value.trim() : undefined;
  if (!prefix || only === undefined || !only.startsWith(prefix) || questionKey(only, prefix) !== questionKey(title, prefix)) return children;
  return title.startsWith(prefix)
    ? [element("span", { className: ["q-mark"] }, [text(prefix)]), text(title.slice(prefix.length))]
    : [text(title)];
}

/** `[[file.pdf]]`, `[x](附件/a.zip)`: a link to the copied file. */
function attachmentLink(resolved: ResolvedLink, children: ElementContent[], context: RenderContext): Element {
  if (resolved.url === undefined) {
    return element(
      "span",
      { className: ["media-link", "media-missing"], title: `${context.t("attachmentMissing")}: ${resolved.id}` },
      children,
    );
  }
  return element("a", { href: resolved.url, className: ["media-link"] }, children);
}

interface EmbedOptions {
  /** `100` or `100x145` (Obsidian's `|size`); anything else is alt text. */
  size?: string | undefined;
  alt?: string;
  /** The `#…` after the file name: `page=3`, `height=400` for a PDF; ignored otherwise (`#icon` on an SVG). */
  fragment?: string | undefined;
}

/** `![[图.png|100]]`, `![](附件/a.mp3)`, `![[doc.pdf#page=3]]`: the file shown in the page. */
function attachmentEmbed(resolved: ResolvedLink, options: EmbedOptions, context: RenderContext): Element {
  const name = resolved.id.slice(resolved.id.lastIndexOf("/") + 1);
  if (resolved.url === undefined) {
    return missingMedia(
      resolved.id,
      context.t(isImage(name) ? "imageMissing" : isVideoOrAudio(name) ? "mediaMissing" : "attachmentMissing"),
    );
  }
  const dims = sizeOf(options.size);
  const alt = options.alt || (dims || options.size === undefined ? name : options.size);
  if (isImage(name)) {
    const properties: Properties = { src: resolved.url, alt, loading: "lazy" };
    if (dims) {
      properties.width = dims.width;
      if (dims.height) properties.height = dims.height;
    }
    return element("img", properties);
  }
  if (isAudio(name))
    return element("audio", { src: resolved.url, controls: true, preload: "metadata", className: ["embedded-media"] });
  if (isVideoOrAudio(name)) {
    const properties: Properties = {
      src: resolved.url,
      controls: true,
      preload: "metadata",
      className: ["embedded-media"],
    };
    if (dims) properties.width = dims.width;
    return element("video", properties);
  }
  if (/\.pdf$/i.test(name)) return pdfEmbed(resolved.url, name, options.fragment);
  return attachmentLink(resolved, [text(name)], context);
}

/**
 * A PDF in the page: an `<object>` of the copied file (the browser's own viewer; `#page=3` opens that page),
 * with a link to the file inside for browsers without one. `#height=400` sets its height.
 */
function pdfEmbed(url: string, name: string, fragment: string | undefined): Element {
  const params = new URLSearchParams(fragment ?? "");
  const page = /^\d+$/.test(params.get("page") ?? "") ? params.get("page") : null;
  const height = /^\d+$/.test(params.get("height") ?? "") ? params.get("height") : null;
  const properties: Properties = {
    data: page ? `${url}#page=${page}` : url,
    type: "application/pdf",
    className: ["pdf-embed"],
    title: name,
  };
  if (height) properties.height = height;
  return element("object", properties, [element("a", { href: url, className: ["media-link"] }, [text(name)])]);
}

function sizeOf(size: string | undefined): { width: string; height?: string } | undefined {
  const dims = size ? /^\s*(\d+)(?:\s*x\s*(\d+))?\s*$/.exec(size) : null;
  if (!dims) return undefined;
  return dims[2] ? { width: dims[1] as string, height: dims[2] } : { width: dims[1] as string };
}

/** `#id` for an href: CJK kept readable (valid in HTML hrefs), only what would break the URL escaped. */
export function anchorHref(anchor: string | undefined): string {
  if (!anchor) return "";
  return `#${anchor.replace(/[\s"'<>\\^`{|}%#\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c))}`;
}

function missingMedia(name: string, message: string): Element {
  return element("span", { className: ["media-placeholder"], role: "img", ariaLabel: `${message}: ${name}` }, [
    text(`${message}: ${name.slice(name.lastIndexOf("/") + 1)}`),
  ]);
}

function element(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: "text", value };
}
