/**
 * Logseq properties (DIALECT §8): `key:: value` lines. In a page's first block they are page properties
 * (`file.data.properties`); under a bullet's first line they are that block's properties (`data.properties`).
 * Either way the lines leave the rendered text. `id::` names the block (so `((uuid))` can find it); `alias::`
 * and `title::` feed the name index. Text nodes only: code never changes.
 */
import type { ListItem, Paragraph, Root, RootContent, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";

const propertyLine = /^\s*([A-Za-z][\w-]*)::[ \t]*(.*)$/;

export function remarkLogseqProperty() {
  return (tree: Root, file: VFile) => {
    const first = tree.children.find((node) => node.type !== "yaml");
    if (first?.type === "paragraph") {
      const page = takeProperties(first, true);
      if (page) {
        file.data.properties = page;
        if (first.children.length === 0) tree.children.splice(tree.children.indexOf(first as RootContent), 1);
      }
    }
    visit(tree, "listItem", (item: ListItem) => {
      const paragraph = item.children[0];
      if (paragraph?.type !== "paragraph") return;
      const block = takeProperties(paragraph, false);
      if (!block) return;
      item.data = { ...item.data, properties: block };
      if (block.id && !item.data.blockId) item.data.blockId = block.id;
      if (paragraph.children.length === 0) item.children.shift();
    });
  };
}

/**
 * Remove trailing `key:: value` lines from `paragraph`'s last text node; `whole` requires every line to be one
 * (page properties are a block of their own). Returns the properties, or `undefined` when there are none.
 */
function takeProperties(paragraph: Paragraph, whole: boolean): Record<string, string> | undefined {
  const last = paragraph.children.at(-1);
  if (last?.type !== "text") return undefined;
  if (whole && paragraph.children.length !== 1) return undefined;
  const lines = last.value.split("\n");
  const properties: Record<string, string> = {};
  let keep = lines.length;
  // A bullet's first line is its text, never a property.
  const minimum = whole ? 0 : 1;
  while (keep > minimum) {
    const match = propertyLine.exec(lines[keep - 1] as string);
    if (!match) break;
    properties[(match[1] as string).toLowerCase()] = (match[2] as string).trim();
    keep--;
  }
  if (keep === lines.length || (whole && keep > 0)) return undefined;
  (last as Text).value = lines.slice(0, keep).join("\n").replace(/\s+$/, "");
  if ((last as Text).value === "") paragraph.children.pop();
  return properties;
}
