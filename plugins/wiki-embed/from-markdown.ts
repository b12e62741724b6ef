/**
 * mdast for `wikiEmbed` tokens: the inner wiki link becomes a `wikiLink` node as usual (mdast-util-wiki-link);
 * on leaving the embed we flag that node, the last child of the current parent, as an embed.
 */
import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import type { WikiLink } from "../types.d.ts";

export const wikiEmbedFromMarkdown: FromMarkdownExtension = {
  exit: {
    wikiEmbed() {
      const parent = this.stack[this.stack.length - 1];
      const last = parent && "children" in parent ? parent.children[parent.children.length - 1] : undefined;
      if (last?.type === "wikiLink") (last as WikiLink).data.embed = true;
    },
  },
};
