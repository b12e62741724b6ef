/**
 * The outline (DIALECT §3): a bullet whose text is only a wiki link to a `？…` page asks a question; the
 * question's answers and sub-questions are nested under it. This plugin marks such list items with
 * `data.question` (the link target); the graph derives parents from nesting.
 */
import type { ListItem, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { WikiLink } from "./types.d.ts";

export interface Options {
  /** First character(s) of a question page's name. Default: the full-width `？`. */
  questionPrefix?: string | null | undefined;
}

const emptyOptions: Options = {};

export function remarkOutline(options: Options | null | undefined) {
  const prefix = (options ?? emptyOptions).questionPrefix ?? "？";
  return (tree: Root) => {
    visit(tree, "listItem", (item: ListItem) => {
      const link = soleWikiLink(item);
      if (link && isQuestionTarget(link.data.target ?? "", prefix)) {
        item.data = { ...item.data, question: link.data.target as string };
      }
    });
  };
}

/** Whether a link target names a question page: its file name starts with the prefix. */
export function isQuestionTarget(target: string, prefix = "？"): boolean {
  const base = target.slice(target.lastIndexOf("/") + 1).trimStart();
  return base.startsWith(prefix) && base.length > prefix.length;
}

/** The wiki link that is the whole text of a bullet (whitespace aside), if there is one. */
function soleWikiLink(item: ListItem): WikiLink | undefined {
  const first = item.children[0];
  if (first?.type !== "paragraph") return undefined;
  let link: WikiLink | undefined;
  for (const child of first.children) {
    if (child.type === "text" && child.value.trim() === "") continue;
    if (child.type === "wikiLink" && !link && !(child as WikiLink).data.embed) link = child as WikiLink;
    else return undefined;
  }
  return link;
}
