/**
 * Heading ids (DIALECT §2): every heading gets `data.headingId` from github-slugger, one slugger per note, so a
 * repeated heading gets `-1`, `-2`. The graph records them and the renderer writes them, so a heading link
 * (`[[笔记#标题]]`), the heading's own element and Pagefind's sub-result anchors all use the same id. CJK is kept
 * (github-slugger keeps letters of every script).
 */
import GithubSlugger from "github-slugger";
import type { Nodes, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { Tag, WikiLink } from "./types.d.ts";

export function remarkHeadingId() {
  return (tree: Root) => {
    const slugger = new GithubSlugger();
    visit(tree, "heading", (node) => {
      const text = headingText(node).replace(/\s+/g, " ").trim();
      node.data = { ...node.data, headingId: slugger.slug(text) || slugger.slug("heading") };
    });
  };
}

/** A heading's text as a reader sees it: a wiki link reads as its alias or page name, a tag as `#tag`. */
export function headingText(node: Nodes): string {
  switch (node.type) {
    case "wikiLink": {
      const data = (node as WikiLink).data;
      return data.alias ?? data.target ?? "";
    }
    case "tag":
      return `#${(node as Tag).value}`;
    case "html":
    case "yaml":
      return "";
  }
  if ("children" in node) return (node.children as Nodes[]).map(headingText).join("");
  return "value" in node && typeof node.value === "string" ? node.value : "";
}
