/**
 * Front matter: `remark-frontmatter` finds the `---` block; this plugin parses it as YAML 1.2 (DG's one-line JSON
 * is valid YAML) into `file.data.frontmatter`. A broken block is a diagnostic, never a crash: the note keeps an
 * empty front matter and is still built.
 */
import type { Root, Yaml } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import type { Plugin, Processor } from "unified";
import type { VFile } from "vfile";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { report } from "./diagnostic.ts";
import type { Frontmatter } from "./types.d.ts";

/** Registers the `---` syntax and fills `file.data.frontmatter`. */
export const remarkFrontmatterData: Plugin<[], Root> = function (this: Processor) {
  remarkFrontmatter.call(this as never, ["yaml"]);
  return (tree: Root, file: VFile) => {
    const first = tree.children[0];
    file.data.frontmatter = first?.type === "yaml" ? parseFrontmatter(first, file) : {};
  };
};

function parseFrontmatter(node: Yaml, file: VFile): Frontmatter {
  if (node.value.trim() === "") return {};
  try {
    const value: unknown = parseYaml(node.value, { prettyErrors: true });
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Frontmatter;
    report(file, node, "warning", "frontmatter-not-a-map", "Front matter is not a key/value map; it is ignored");
  } catch (error) {
    // YAML positions are relative to the block, which starts on the line after `---`.
    const start = node.position?.start.line ?? 1;
    const where =
      error instanceof YAMLParseError && error.linePos
        ? { line: start + error.linePos[0].line, column: error.linePos[0].col }
        : node;
    // The parser's own "at line 3, column 1" counts from the block, not the file: drop it, `where` is right.
    const reason = (error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)).replace(
      /\s+at line \d+, column \d+:?$/,
      "",
    );
    report(file, where, "error", "frontmatter-invalid", `Front matter is not valid YAML: ${reason}`);
  }
  return {};
}
