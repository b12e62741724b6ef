/**
 * `remarkObsidianComment`: Obsidian's `%%comment%%` (inline and block) removed from the note, never inside code.
 * Registers the tokenizer (`syntax.ts`) and mdast conversion (`from-markdown.ts`), then removes the comment
 * nodes, and any paragraph a comment leaves empty.
 *
 * An unclosed `%%` hides the rest of the note, as Obsidian does (its reading view and Publish treat the rest of
 * the file as comment), and gets a `comment-unclosed` warning at the `%%` so the author can see why.
 */
import type { Nodes, Parents, Root } from "mdast";
import type { Processor } from "unified";
import { EXIT, visitParents } from "unist-util-visit-parents";
import type { VFile } from "vfile";
import { report } from "../diagnostic.ts";
import type { ObsidianComment } from "../types.d.ts";
import { obsidianCommentFromMarkdown } from "./from-markdown.ts";
import { obsidianCommentSyntax } from "./syntax.ts";

export function remarkObsidianComment(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), obsidianCommentSyntax];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), obsidianCommentFromMarkdown];

  return (tree: Root, file: VFile) => {
    // A note without `%%` has no comment: skip the walk (most notes).
    if (!String(file.value).includes("%%")) return;
    let found = false;
    visitParents(tree, "obsidianComment", (node: ObsidianComment, ancestors: Parents[]) => {
      found = true;
      if (!node.unclosed) return;
      report(
        file,
        node,
        "warning",
        "comment-unclosed",
        "Unclosed `%%` comment: like Obsidian, the rest of the note after it is hidden; add a closing `%%` where the comment ends",
      );
      // Everything after the marker, in document order: the later siblings at every level up.
      let child: Nodes = node;
      for (let depth = ancestors.length - 1; depth >= 0; depth--) {
        const parent = ancestors[depth] as Parents;
        parent.children.length = (parent.children as Nodes[]).indexOf(child) + 1;
        child = parent;
      }
      return EXIT;
    });
    if (found) removeComments(tree);
  };
}

/** Remove comment nodes, then the paragraphs (and headings' text) they leave with nothing visible. */
function removeComments(parent: Parents): void {
  const kept: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    if (child.type === "obsidianComment") continue;
    if ("children" in child) {
      const before = child.children.length;
      removeComments(child);
      if (child.type === "paragraph" && before > 0 && child.children.every(isBlank)) continue;
    }
    kept.push(child);
  }
  (parent as { children: Nodes[] }).children = kept;
}

function isBlank(node: Nodes): boolean {
  return node.type === "text" && node.value.trim() === "";
}
