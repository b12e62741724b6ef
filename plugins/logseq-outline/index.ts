/**
 * `remarkLogseqOutline`: a file the caller marks as a Logseq page (`file.data.logseq`) is parsed with the outline
 * grammar (`tokenize.ts`), each block's content with the processor's micromark/mdast extensions plus the
 * Logseq-only ones registered in `this.data()` (`logseqMicromarkExtensions`); other files keep remark-parse.
 * Inside a Logseq block, indentation never makes an indented code block: Logseq has none, and the outline's
 * own indentation must never turn into one.
 */
import { fromMarkdown, type Options as FromMarkdownOptions } from "mdast-util-from-markdown";
import type { Root } from "mdast";
import type { Extension } from "micromark-util-types";
import type { Processor } from "unified";
import type { VFile } from "vfile";
import { outlineToMdast } from "./from-outline.ts";
import { tokenizeOutline } from "./tokenize.ts";

/** No indented code inside Logseq blocks. */
const noIndentedCode: Extension = { disable: { null: ["codeIndented"] } };

type Parser = (document: string, file: VFile) => Root;

/** Must be used after remark-parse (it wraps the parser remark-parse installed). */
export function remarkLogseqOutline(this: Processor) {
  const data = this.data();
  const markdown = this.parser as unknown as Parser | undefined;
  if (!markdown) throw new Error("remarkLogseqOutline needs remark-parse before it");
  let options: FromMarkdownOptions | undefined;
  const parseBlock = (value: string) => fromMarkdown(value, options);
  const parser: Parser = (document, file) => {
    if (file.data.logseq !== true) return markdown(document, file);
    // Read once, at the first Logseq file: every plugin has registered its extensions by then.
    options ??= {
      extensions: [...(data.micromarkExtensions ?? []), ...(data.logseqMicromarkExtensions ?? []), noIndentedCode],
      mdastExtensions: [...(data.fromMarkdownExtensions ?? []), ...(data.logseqFromMarkdownExtensions ?? [])],
    };
    const tree = outlineToMdast(tokenizeOutline(document), parseBlock, file);
    const end = document.length;
    tree.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: document.split("\n").length, column: 1, offset: end } };
    return tree;
  };
  (this as unknown as { parser: Parser }).parser = parser;
}
