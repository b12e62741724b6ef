/**
 * `remarkHighlight`: Obsidian's `==highlight==` as `highlight` nodes (rendered as `<mark>`). Only registers the
 * lower layers: the tokenizer (`syntax.ts`) and the mdast conversion (`from-markdown.ts`).
 */
import type { Processor } from "unified";
import { highlightFromMarkdown } from "./from-markdown.ts";
import { highlightSyntax } from "./syntax.ts";

export function remarkHighlight(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), highlightSyntax];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), highlightFromMarkdown];
}
