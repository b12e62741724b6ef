/**
 * Logseq properties (DIALECT §8): `key:: value` lines. In a page's first block they are page properties
 * (`file.data.properties`); under a bullet's first line they are that block's properties (`data.properties`).
 * Either way the lines leave the rendered text. `id::` names the block (so `((uuid))` can find it); `alias::`
 * and `title::` feed the name index. Paragraphs only: code never changes.
 */
import type { ListItem, Paragraph, Root, RootContent, Text } from "mdast";
import { toString as textOf } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import type { WikiLink } from "./types.d.ts";

/** Logseq keys are any word, CJK included (`作者:: 张三`); the value may be empty. */
const propertyLine = /^\s*([\p{L}_][\p{L}\p{M}\p{N}_-]*)::[ \t]*(.*)$/u;

export function remarkLogseqProperty() {
  return (tree: Root, file: VFile) => {
    // The outline parser has already taken a Logseq page's properties, wherever they were in their block.
    if (file.data.logseq === true) return;
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
 * Remove trailing `key:: value` lines from `paragraph`; `whole` requires every line to be one (page properties
 * are a block of their own). A value may hold inline nodes (`source:: [[某本书]]`, `url:: https://…`): it is
 * recorded as the text it reads as. Returns the properties, or `undefined` when there are none.
 */
function takeProperties(paragraph: Paragraph, whole: boolean): Record<string, string> | undefined {
  // The paragraph as one string: text as is, a wiki link as written, other inline nodes as their text. Line
  // breaks only come from text nodes, so each `\n` maps back to a text node and an offset in it.
  const pieces = paragraph.children.map((node) => {
    if (node.type === "text") return node.value;
    const text = node.type === "wikiLink" ? wikiSource(node as WikiLink) : textOf(node);
    return text.replace(/\n/g, " ");
  });
  const lines = pieces.join("").split("\n");
  const found: [string, string][] = [];
  let keep = lines.length;
  // A bullet's first line is its text, never a property.
  const minimum = whole ? 0 : 1;
  while (keep > minimum) {
    const match = propertyLine.exec(lines[keep - 1] as string);
    if (!match) break;
    found.push([(match[1] as string).toLowerCase(), (match[2] as string).trim()]);
    keep--;
  }
  if (keep === lines.length || (whole && keep > 0)) return undefined;
  // Found from the last line up; record them in the order they were written (they are shown as metadata).
  const properties: Record<string, string> = {};
  for (const [key, value] of found.reverse()) properties[key] = value;

  // Cut the paragraph at the line break before the first property line.
  const cut = keep === 0 ? 0 : lines.slice(0, keep).join("\n").length;
  let start = 0;
  for (let i = 0; i < paragraph.children.length; i++) {
    const end = start + (pieces[i] as string).length;
    if (cut < end || (cut === end && cut === 0)) {
      const node = paragraph.children[i] as Text;
      const kept = cut > start ? node.value.slice(0, cut - start).replace(/\s+$/, "") : "";
      paragraph.children.splice(kept === "" ? i : i + 1);
      if (kept !== "") node.value = kept;
      break;
    }
    start = end;
  }
  const last = paragraph.children.at(-1);
  if (last?.type === "text") last.value = last.value.replace(/\s+$/, "");
  if (last?.type === "text" && last.value === "") paragraph.children.pop();
  return properties;
}

/** A wiki link as its author wrote it, for a property value. */
function wikiSource(link: WikiLink): string {
  const { target = "", heading, block, alias } = link.data;
  const fragment = block ? `#^${block}` : heading ? `#${heading}` : "";
  return `[[${target}${fragment}${alias === undefined ? "" : `|${alias}`}]]`;
}
