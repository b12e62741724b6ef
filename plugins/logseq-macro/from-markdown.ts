/**
 * mdast for `logseqMacro` tokens. Embeds become the nodes every other embed is: `{{embed [[page]]}}` a `wikiLink`
 * with `data.embed` (as Obsidian's `![[page]]`), `{{embed ((uuid))}}` a `blockRef` with `embed`. Every other
 * macro is a `logseqMacro` node with its name and raw arguments.
 */
import type { Extension as FromMarkdownExtension, Token } from "mdast-util-from-markdown";
import type { BlockRef, LogseqMacro, WikiLink } from "../types.d.ts";

const pageEmbed = /^\[\[([^\]|]+?)(?:\|([^\]]*))?\]\]$/;
const blockEmbed = /^\(\(([\w-]+)\)\)$/;

export const logseqMacroFromMarkdown: FromMarkdownExtension = {
  enter: {
    logseqMacro(token: Token) {
      const node: LogseqMacro = { type: "logseqMacro", value: "", name: "", arguments: "" };
      this.enter(node as never, token);
    },
  },
  exit: {
    logseqMacroName(token: Token) {
      (this.stack.at(-1) as LogseqMacro).name = this.sliceSerialize(token).toLowerCase();
    },
    logseqMacroArguments(token: Token) {
      (this.stack.at(-1) as LogseqMacro).arguments = this.sliceSerialize(token).trim();
    },
    logseqMacro(token: Token) {
      const node = this.stack.at(-1) as LogseqMacro;
      node.value = this.sliceSerialize(token);
      if (node.name === "embed") embedNode(node);
      this.exit(token);
    },
  },
};

/** Turn an embed macro, in place, into the node its argument names (left a macro when it names neither). */
function embedNode(macro: LogseqMacro) {
  const page = pageEmbed.exec(macro.arguments);
  const block = blockEmbed.exec(macro.arguments);
  const node = macro as unknown as Record<string, unknown>;
  if (!page && !block) return;
  delete node.name;
  delete node.arguments;
  if (page) {
    const target = (page[1] as string).trim();
    // As remark-wiki-link reports it: the alias is the value when none was written; `remarkWikiLinkObsidian`
    // then normalizes `data` like any wiki link's.
    const link: Omit<WikiLink, "position"> = { type: "wikiLink", value: target, data: { alias: page[2]?.trim() ?? target, embed: true } };
    Object.assign(node, link);
  } else if (block) {
    const ref: Omit<BlockRef, "position"> = { type: "blockRef", value: (block[1] as string).toLowerCase(), embed: true };
    Object.assign(node, ref);
  }
}
