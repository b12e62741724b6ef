/**
 * One walk over a parsed note's mdast: what the graph needs to know about it (questions asked and their
 * nesting, tags, links, timestamps, comments, block ids), with the question each belongs to. Pure: no I/O, no
 * knowledge of other notes.
 */
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Html, Image, Link, ListItem, Nodes, Paragraph } from "mdast";
import { visit } from "unist-util-visit";
import type { BlockRef, ObComment, Tag, Timestamp, WikiLink } from "../../plugins/types.d.ts";
import { headingText } from "../../plugins/heading-id.ts";
import { markdownLinkRef } from "./resolve.ts";
import type { GraphHeading } from "./types.ts";

/** A question bullet: its link target and the enclosing question bullet's target. */
export interface QuestionOccurrence {
  target: string;
  parentTarget?: string;
  line: number;
  blockId?: string;
}

export interface NoteFacts {
  questions: QuestionOccurrence[];
  tags: { name: string; question?: string; line: number }[];
  /** Wiki links and embeds, and markdown links and images into the vault (`markdown`), in document order. */
  links: { target: string; line: number; column: number; heading?: string; block?: string; embed?: boolean; markdown?: boolean }[];
  headings: GraphHeading[];
  timestamps: { media: string; start: number; end?: number; label: string; question?: string; line: number }[];
  comments: { highlight: string; comment?: string; title?: string; question?: string; line: number }[];
  blocks: { id: string; line: number; text: string }[];
  /** Logseq `((uuid))` references and `{{embed ((uuid))}}` embeds, by block id (lower-cased). */
  blockRefs: { id: string; line: number; column: number; embed?: boolean }[];
  images: { path: string; alt: string; line: number }[];
}

/**
 * Collect the facts of `tree`. `ownQuestion` is the question a question page is about: bullets at its top level
 * belong to it, so sub-questions listed on a question's own page get it as their parent.
 */
export function extractFacts(tree: Nodes, ownQuestion?: string): NoteFacts {
  const facts: NoteFacts = { questions: [], tags: [], links: [], headings: [], timestamps: [], comments: [], blocks: [], blockRefs: [], images: [] };

  /** A markdown link or image into the vault is a link like a wiki link (DIALECT §2). */
  const markdownLink = (node: Link | Image) => {
    const ref = markdownLinkRef(node.url);
    if (!ref) return;
    const entry: NoteFacts["links"][number] = { ...ref, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 };
    if (node.type === "image") entry.embed = true;
    facts.links.push(entry);
  };

  /**
   * Raw HTML naming vault files (`<img src="附件/a.png">`, `<a href="笔记.md">`): links too, so a missing file is
   * diagnosed and a note linked this way has the backlink. Parsed with an HTML parser, only when the node has a
   * `src=` or `href=` at all (most raw HTML in notes is reviewer comments, which have neither).
   */
  const rawHtmlLinks = (node: Html) => {
    if (!/\b(?:src|href)\s*=/i.test(node.value)) return;
    visit(fromHtml(node.value, { fragment: true }), "element", (element: Element) => {
      const embed = element.tagName !== "a";
      const url = embed ? element.properties.src : element.properties.href;
      if (typeof url !== "string" || url.startsWith("/")) return;
      const ref = markdownLinkRef(url);
      if (!ref) return;
      const entry: NoteFacts["links"][number] = { ...ref, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 };
      if (embed) entry.embed = true;
      facts.links.push(entry);
    });
  };

  const walk = (node: Nodes, question: string | undefined) => {
    const line = node.position?.start.line ?? 0;
    let current = question;
    switch (node.type) {
      case "listItem": {
        const asked = node.data?.question;
        if (asked) {
          const occurrence: QuestionOccurrence = { target: asked, line };
          if (question !== undefined) occurrence.parentTarget = question;
          if (node.data?.blockId) occurrence.blockId = node.data.blockId;
          facts.questions.push(occurrence);
          current = asked;
        }
        break;
      }
      case "tag":
        facts.tags.push(withQuestion({ name: (node as Tag).value, line }, question));
        return;
      case "wikiLink": {
        const link = node as WikiLink;
        const entry: NoteFacts["links"][number] = {
          target: link.data.target ?? "",
          line,
          column: node.position?.start.column ?? 0,
        };
        if (link.data.heading) entry.heading = link.data.heading;
        if (link.data.block) entry.block = link.data.block;
        if (link.data.embed) entry.embed = true;
        facts.links.push(entry);
        return;
      }
      case "timestamp": {
        const ts = node as Timestamp;
        const entry: NoteFacts["timestamps"][number] = { media: ts.media, start: ts.start, label: ts.label, line };
        if (ts.end !== undefined) entry.end = ts.end;
        facts.timestamps.push(withQuestion(entry, question));
        break;
      }
      case "obComment": {
        const c = node as ObComment;
        const entry: NoteFacts["comments"][number] = { highlight: c.value, line };
        if (c.comment) entry.comment = c.comment;
        if (c.title) entry.title = c.title;
        facts.comments.push(withQuestion(entry, question));
        return;
      }
      case "blockRef": {
        const ref = node as BlockRef;
        const entry: NoteFacts["blockRefs"][number] = { id: ref.value, line, column: node.position?.start.column ?? 0 };
        if (ref.embed) entry.embed = true;
        facts.blockRefs.push(entry);
        return;
      }
      case "heading":
        if (node.data?.headingId) {
          facts.headings.push({ depth: node.depth, text: headingText(node).replace(/\s+/g, " ").trim(), id: node.data.headingId, line });
        }
        break;
      case "image":
        facts.images.push({ path: node.data?.media?.path ?? node.url, alt: node.alt ?? "", line });
        markdownLink(node);
        break;
      case "link":
        markdownLink(node);
        break;
      case "html":
        rawHtmlLinks(node);
        break;
    }
    const blockId = node.data?.blockId;
    if (blockId) facts.blocks.push({ id: blockId, line, text: blockText(node) });
    if ("children" in node) for (const child of node.children) walk(child as Nodes, current);
  };
  walk(tree, ownQuestion);
  return facts;
}

function withQuestion<T extends object>(entry: T, question: string | undefined): T & { question?: string } {
  return question === undefined ? entry : { ...entry, question };
}

/** The text a block shows first: a bullet's own paragraph, or the block's text. */
function blockText(node: Nodes): string {
  const first = node.type === "listItem" ? ((node as ListItem).children[0] as Paragraph | undefined) : node;
  return plainText(first ?? node).replace(/\s+/g, " ").trim();
}

/** Text as a reader sees it: a wiki link reads as its alias or page name, a tag as `#tag`. */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case "wikiLink": {
      const data = (node as WikiLink).data;
      return data.alias ?? data.target ?? "";
    }
    case "tag":
      return `#${(node as Tag).value}`;
    case "obComment":
      return (node as ObComment).value;
    case "image":
      return node.alt ?? "";
    case "break":
      return " ";
  }
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "value" in node && typeof node.value === "string" && node.type !== "html" && node.type !== "yaml" ? node.value : "";
}
