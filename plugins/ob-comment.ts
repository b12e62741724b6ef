/**
 * Reviewer comments (DIALECT §6) written by the Obsidian "Comments" plugin:
 * `<label class="ob-comment" title=""> highlighted <input type="checkbox"> <span> comment </span></label>`.
 * micromark splits inline HTML into one `html` node per tag, so this plugin takes the run of siblings from the
 * opening `<label class="ob-comment">` to its `</label>`, parses that source with an HTML parser (attributes are
 * edited by hand) and replaces the run with one `obComment` node. The checkbox and inline styles are dropped.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toText } from "hast-util-to-text";
import type { Parent, Root, RootContent } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { report } from "./diagnostic.ts";
import type { ObComment } from "./types.d.ts";

/** The Comments plugin's placeholder for a comment nobody wrote. */
const placeholder = "Comment";
/** Parents whose children are blocks, not phrasing. */
const flowParents = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);
const openingLabel = /^<label\b[^>]*\bclass\s*=\s*["']?[^"'>]*\bob-comment\b/i;

export function remarkObComment() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (!("children" in node)) return;
      const parent = node as Parent;
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i] as RootContent;
        if (child.type !== "html" || !openingLabel.test(child.value)) continue;
        // A block-level `html` node (an HTML block: the label alone on its line) has blocks for siblings; a run
        // to the end of those would swallow the rest of the note. Only a label closed in the same node is read.
        const flow = flowParents.has(parent.type);
        const end = flow
          ? closingIndex([child], 0) === undefined
            ? undefined
            : i
          : closingIndex(parent.children as RootContent[], i);
        if (end === undefined && flow) {
          report(file, child, "warning", "ob-comment-unclosed", "Reviewer comment `<label class=\"ob-comment\">` opens an HTML block with no `</label>`; it is left as HTML");
          continue;
        }
        if (end === undefined) {
          report(file, child, "warning", "ob-comment-unclosed", "Reviewer comment `<label class=\"ob-comment\">` has no `</label>`; it runs to the end of the paragraph");
        }
        const last = end ?? parent.children.length - 1;
        const run = parent.children.slice(i, last + 1) as RootContent[];
        const comment = parseComment(sourceOf(run, file), run);
        if (!comment) continue;
        parent.children.splice(i, run.length, comment as never);
      }
    });
  };
}

/** Index of the `</label>` that closes the label opened at `start` (labels may nest), if any. */
function closingIndex(children: RootContent[], start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < children.length; i++) {
    const child = children[i] as RootContent;
    if (child.type !== "html") continue;
    depth += (child.value.match(/<label\b/gi) ?? []).length;
    depth -= (child.value.match(/<\/label\s*>/gi) ?? []).length;
    if (depth <= 0) return i;
  }
  return undefined;
}

/** The exact source of a run of siblings (entities and escapes intact), or its values when offsets are missing. */
function sourceOf(run: RootContent[], file: VFile): string {
  const from = run[0]?.position?.start.offset;
  const to = run.at(-1)?.position?.end.offset;
  if (from !== undefined && to !== undefined && typeof file.value === "string") return file.value.slice(from, to);
  return run.map((node) => ("value" in node ? node.value : "")).join("");
}

/**
 * Parse the label's HTML: the text it shows (before `<input>`, and any after `</span>`) is the highlight, the first
 * `<span>` the comment, `title` the title.
 */
export function parseComment(html: string, run: RootContent[] = []): ObComment | undefined {
  const fragment: HastRoot = fromHtml(html, { fragment: true });
  const label = fragment.children.find(
    (node): node is Element => node.type === "element" && node.tagName === "label",
  );
  if (!label) return undefined;
  // Everything the label shows is the highlight: the text before `<input>`, and text typed after `</span>`
  // (the label is edited by hand; dropping that text would lose the author's words).
  const shown: HastContent[] = [];
  let span: Element | undefined;
  for (const child of label.children) {
    if (child.type === "element" && child.tagName === "input") continue;
    if (child.type === "element" && child.tagName === "span" && !span) span = child;
    else shown.push(child);
  }
  // Raw text values: `toText` trims each text node, which would glue `highlight` and `after` together.
  const highlight = collapse(shown.map((node) => (node.type === "text" ? node.value : toText(node as Element))).join(""));
  const spanText = span ? collapse(toText(span)) : "";
  const title = typeof label.properties.title === "string" ? collapse(label.properties.title) : "";
  const node: ObComment = { type: "obComment", value: highlight };
  if (spanText && spanText !== placeholder) node.comment = spanText;
  if (title) node.title = title;
  const start = run[0]?.position?.start;
  const end = run.at(-1)?.position?.end;
  if (start && end) node.position = { start, end };
  return node;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

