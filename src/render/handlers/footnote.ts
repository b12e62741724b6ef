/**
 * GFM footnotes (`[^1]`, `[^注释]`), as mdast-util-to-hast renders them (references as `<sup><a>`, the definitions
 * in a `<section data-footnotes>` at the end with back-links), with two fixes: the labels are in the site's
 * language, and ids stay readable. mdast-util-to-hast percent-encodes the label into the id
 * (`fn-%E6%B3%A8%E9%87%8A`); the id becomes `fn-注释` again while the href keeps the encoded form
 * (`#fn-%E6%B3%A8%E9%87%8A`), which browsers decode to find the element.
 */
import type { Element, Root } from "hast";
import type { Options } from "mdast-util-to-hast";
import { visit } from "unist-util-visit";

/** The `toHast` options for footnotes in the site's language. */
export function footnoteOptions(
  t: (key: "footnotes" | "footnoteBack") => string,
): Pick<Options, "footnoteLabel" | "footnoteBackLabel"> {
  return {
    footnoteLabel: t("footnotes"),
    footnoteBackLabel: (referenceIndex, rereferenceIndex) =>
      `${t("footnoteBack")} ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ""}`,
  };
}

/** Decode the percent-encoded footnote ids in place (only when the note has footnotes). */
export function readableFootnoteIds(tree: Root): void {
  const last = tree.children.at(-1);
  if (!(last?.type === "element" && last.tagName === "section" && last.properties.dataFootnotes !== undefined)) return;
  visit(tree, "element", (element: Element) => {
    const id = element.properties.id;
    if (typeof id === "string" && id.includes("%") && /(?:^|-|\u0002)fn(?:ref)?-/.test(id)) {
      try {
        element.properties.id = decodeURIComponent(id);
      } catch {
        // A label with a lone `%` is kept as encoded.
      }
    }
  });
}
