/**
 * `remarkMath`: `$…$` and `$$…$$` (Obsidian's rules, see `syntax.ts`) through `mdast-util-math`, each formula
 * rendered once, at parse time, with KaTeX. A formula KaTeX cannot read gets a `math-invalid` warning (with the
 * note's line and column) and is shown as KaTeX shows errors: its source, in red, with the error as a tooltip.
 *
 * The HTML is kept on the node (`data.katex`) rather than as hast: KaTeX only produces strings, parsing them into
 * hast costs more than rendering them, and the string is trusted output (KaTeX with `trust: false`). The renderer
 * inserts it after sanitizing the note (see `src/render/handlers/math.ts`).
 */
import katex from "katex";
import type { InlineMath, Math as MathNode } from "mdast-util-math";
import { mathFromMarkdown } from "mdast-util-math";
import type { Nodes, Root } from "mdast";
import type { Processor } from "unified";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { report } from "../diagnostic.ts";
import { mathSyntax } from "./syntax.ts";

/** KaTeX's settings for every formula: no commands that reach outside the formula, no console warnings. */
const settings = { output: "htmlAndMathml", trust: false, strict: "ignore" } as const;

export function remarkMath(this: Processor) {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), mathSyntax];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), mathFromMarkdown()];

  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    // A note without `$` has no math: skip the walk (most notes).
    if (!source.includes("$")) return;
    visit(tree, (node: Nodes) => {
      if (node.type !== "math" && node.type !== "inlineMath") return;
      const formula = node as MathNode | InlineMath;
      const offset = formula.position?.start.offset;
      // `$$x$$` inside a line is display math too, as Obsidian shows it.
      const display = formula.type === "math" || (offset !== undefined && source.startsWith("$$", offset));
      // Replaces mdast-util-math's hast hints (`<code class="language-math">`): the math handler renders it.
      formula.data = { katex: render(formula, display, file), ...(display ? { mathDisplay: true } : {}) };
    });
  };
}

function render(node: MathNode | InlineMath, displayMode: boolean, file: VFile): string {
  try {
    return katex.renderToString(node.value, { ...settings, displayMode, throwOnError: true });
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    const shown = node.value.length > 60 ? `${node.value.slice(0, 57)}…` : node.value;
    report(
      file,
      node,
      "warning",
      "math-invalid",
      `KaTeX cannot render the formula \`${shown}\`: ${error.message.replace(/^KaTeX parse error: /, "")}`,
    );
    return katex.renderToString(node.value, { ...settings, displayMode, throwOnError: false });
  }
}
