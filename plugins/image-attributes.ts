/**
 * Logseq image attributes: `![x](a.png){:height 200, :width 300}` sizes the image (`data.hProperties` width and
 * height) and the `{:…}` text leaves the page. Read from the text node right after an image, so code never
 * changes. Keys other than width and height are dropped (Logseq's own, e.g. `:align`, have no HTML meaning here).
 */
import type { Image, Parent, Root } from "mdast";
import { visit } from "unist-util-visit";

const attributes = /^\{(:[^{}\n]*)\}/;
const pair = /:([\w-]+)\s+([^,\s}]+)/g;

export function remarkImageAttributes() {
  return (tree: Root) => {
    visit(tree, "image", (image: Image, index, parent: Parent | undefined) => {
      const next = parent && index !== undefined ? parent.children[index + 1] : undefined;
      if (next?.type !== "text") return;
      const match = attributes.exec(next.value);
      if (!match) return;
      const sizes: Record<string, string> = {};
      for (const [, key, value] of (match[1] as string).matchAll(pair)) {
        if ((key === "width" || key === "height") && /^\d+(?:\.\d+)?$/.test(value as string)) sizes[key] = value as string;
      }
      image.data = { ...image.data, hProperties: { ...image.data?.hProperties, ...sizes } };
      next.value = next.value.slice(match[0].length);
      if (next.value === "") parent?.children.splice((index as number) + 1, 1);
    });
  };
}
