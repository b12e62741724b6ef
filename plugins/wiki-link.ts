/**
 * Obsidian wiki links through remark-wiki-link, configured for Obsidian (DIALECT §2):
 * - `|` is the alias divider, and DG's table-escaped `\|` is the same divider (the library leaves the `\` on the
 *   target: we drop it);
 * - the target splits at the first `#` into page and heading chain (`#H1#H2`) or block id (`#^id`);
 * - page names keep their case, spaces and `？` (the library's resolver lowercases: we pass our own and resolve
 *   later against the vault index, in the graph);
 * - `![[…]]` embeds are parsed too (see `wiki-embed/`).
 * Links inside code are never seen: they are micromark constructs, not a text pass.
 *
 * remark-wiki-link's mdast half is used as is; its micromark construct is swapped for ours
 * (`wiki-link/syntax.ts`), which emits the same tokens in linear time (theirs is quadratic in `[[`).
 */
import type { Root } from "mdast";
import remarkWikiLink from "remark-wiki-link";
import type { Extension } from "micromark-util-types";
import type { Processor } from "unified";
import { visit } from "unist-util-visit";
import type { WikiLink } from "./types.d.ts";
import { wikiEmbedFromMarkdown } from "./wiki-embed/from-markdown.ts";
import { wikiEmbedSyntax } from "./wiki-embed/syntax.ts";
import { wikiLinkConstruct } from "./wiki-link/syntax.ts";

const leftSquareBracket = 91;

/** Registers the wiki-link and embed syntaxes and normalizes every `wikiLink` node's `data`. */
export function remarkWikiLinkObsidian(this: Processor) {
  const data = this.data();
  remarkWikiLink.call(this as never, { aliasDivider: "|", pageResolver: (name: string) => [name] });
  const extensions = (data.micromarkExtensions ?? []) as Extension[];
  if (!extensions.at(-1)?.text?.[leftSquareBracket]) throw new Error("remark-wiki-link did not register its `[[` construct");
  // Theirs scans to the line end from every `[[` (n² on a run of them): ours emits the same tokens, linearly.
  const wikiConstruct = wikiLinkConstruct();
  extensions[extensions.length - 1] = { text: { [leftSquareBracket]: wikiConstruct } };
  extensions.push(wikiEmbedSyntax(wikiConstruct));
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), wikiEmbedFromMarkdown];

  return (tree: Root) => {
    visit(tree, "wikiLink", (node: WikiLink) => {
      // Replaces remark-wiki-link's own fields (a lowercased permalink, preset hName/hProperties): the
      // renderer decides from the graph.
      node.data = { ...splitWikiTarget(node.value, node.data.alias), ...(node.data.embed ? { embed: true } : {}) };
    });
  };
}

/** The parts of a wiki link: page target, heading chain or block id, and alias (only when one was written). */
export interface WikiTarget {
  target: string;
  heading?: string;
  block?: string;
  alias?: string;
}

/**
 * Split `value` (the text before the divider) as Obsidian does. remark-wiki-link reports the alias as the
 * value when none was written; `aliasOrValue` is that field.
 */
export function splitWikiTarget(value: string, aliasOrValue?: string | null): WikiTarget {
  const raw = value.endsWith("\\") ? value.slice(0, -1) : value;
  const hash = raw.indexOf("#");
  const page = (hash === -1 ? raw : raw.slice(0, hash)).trim().replace(/\.md$/i, "");
  const fragment = hash === -1 ? "" : raw.slice(hash + 1).trim();
  const result: WikiTarget = { target: page };
  if (fragment.startsWith("^")) result.block = fragment.slice(1);
  else if (fragment) result.heading = fragment;
  if (aliasOrValue != null && aliasOrValue !== value) result.alias = aliasOrValue.trim();
  return result;
}
