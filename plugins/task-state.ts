/**
 * Task lists with custom states (Obsidian themes such as Minimal, and the Tasks plugin): `- [/] 进行中`,
 * `- [-] 取消`, `- [>] 改期`, `- [<] 已排期`, `- [!] 重要`, `- [?] 疑问`, `- [*] 星标`, … GFM's task list item
 * (micromark-extension-gfm-task-list-item) knows only `[ ]` and `[x]`; any other single character leaves the
 * marker as text at the start of the item's paragraph. This finds it there, removes it, and marks the item as
 * Obsidian does: checked (every state but a space counts as checked) and `data-task="/"` for the stylesheet.
 * `[ ]` and `[x]` stay GFM's own (no `data-task`).
 *
 * Works on the first text node of a list item's first paragraph, so code is never touched; an escaped
 * `\[/]` is text, not a task (its source starts with a backslash).
 */
import type { ListItem, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";

/** `[c] ` with one state character (not a space, not a bracket), then a space or tab. */
const marker = /^\[([^\s[\]])\][ \t]+/u;

export function remarkTaskState() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, "listItem", (item: ListItem) => {
      if (typeof item.checked === "boolean") return;
      const paragraph = item.children[0];
      if (paragraph?.type !== "paragraph") return;
      const first = paragraph.children[0];
      if (first?.type !== "text") return;
      const match = marker.exec(first.value);
      if (!match) return;
      const offset = first.position?.start.offset;
      if (offset !== undefined && source[offset] !== "[") return;
      const state = match[1] as string;
      item.checked = true;
      item.data = { ...item.data, hProperties: { ...item.data?.hProperties, dataTask: state } };
      first.value = first.value.slice(match[0].length);
      if (first.position) {
        const { start } = first.position;
        first.position.start = {
          line: start.line,
          column: start.column + match[0].length,
          ...(start.offset === undefined ? {} : { offset: start.offset + match[0].length }),
        };
      }
      if (first.value === "" && paragraph.children.length > 1) paragraph.children.shift();
    });
  };
}
