/**
 * One walk over a parsed note's mdast: what the graph needs to know about it (questions asked and their
 * nesting, tags, links, timestamps, comments, block ids), with the question each belongs to. Pure: no I/O, no
 * knowledge of other notes.
 */
import type { ListItem, Nodes, Paragraph } from "mdast";
import type { ObComment, Tag, Timestamp, WikiLink } from "../../plugins/types.d.ts";

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
  /** `node` is the link in the tree (absent once the facts have crossed to another thread). */
  links: { node?: WikiLink; target: string; line: number; column: number; heading?: string; block?: string; embed?: boolean }[];
  timestamps: { media: string; start: number; end?: number; label: string; question?: string; line: number }[];
  comments: { highlight: string; comment?: string; title?: string; question?: string; line: number }[];
  blocks: { id: string; line: number; text: string }[];
  images: { path: string; alt: string; line: number }[];
}

/**
 * Collect the facts of `tree`. `ownQuestion` is the question a question page is about: bullets at its top level
 * belong to it, so sub-questions listed on a question's own page get it as their parent.
 */
export function extractFacts(tree: Nodes, ownQuestion?: string): NoteFacts {
  const facts: NoteFacts = { questions: [], tags: [], links: [], timestamps: [], comments: [], blocks: [], images: [] };

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
          node: link,
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
      case "image":
        facts.images.push({ path: node.data?.media?.path ?? node.url, alt: node.alt ?? "", line });
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
