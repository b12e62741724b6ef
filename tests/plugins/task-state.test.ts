/**
 * Task lists with custom states: GFM's `[ ]` / `[x]`, and Obsidian's other single-character states (`[/]`,
 * `[-]`, `[>]`, `[<]`, `[!]`, `[?]`, `[*]`, …) as checked items with `data-task`. Never in code, never escaped.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ListItem, Nodes } from "mdast";
import { processNote, runFixtures } from "../helpers/fixtures.ts";
import { renderMarkdown } from "../helpers/render.ts";

runFixtures("task-list");

function items(source: string): ListItem[] {
  const found: ListItem[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "listItem") found.push(node);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("every state character but a space is a checked task with its state", () => {
  const states = ["/", "-", ">", "<", "!", "?", "*", '"', "i", "b"];
  const found = items(states.map((s) => `- [${s}] 任务`).join("\n"));
  assert.deepEqual(
    found.map((item) => [item.checked, item.data?.hProperties?.dataTask]),
    states.map((s) => [true, s]),
  );
});

test("the marker leaves the text, and a tag after it keeps its column", () => {
  const { tree } = processNote("- [/] 整理 #消息队列\n");
  const paragraph = (tree.children[0] as { children: ListItem[] }).children[0]?.children[0];
  assert.equal(paragraph?.type, "paragraph");
  const [text, tag] = paragraph.type === "paragraph" ? paragraph.children : [];
  assert.deepEqual(text, {
    type: "text",
    value: "整理 ",
    position: { start: { line: 1, column: 7, offset: 6 }, end: { line: 1, column: 10, offset: 9 } },
  });
  assert.equal(tag?.type, "tag");
  assert.equal(tag?.position?.start.column, 10);
});

test("escaped brackets, two characters, a bare marker, code and mid-text markers are not tasks", () => {
  for (const source of ["- \\[/] 转义", "- [ab] 两个", "- [>]", "- 正文 [/] 中间", "- `[/]` 代码", "- [[？问题]]"]) {
    assert.deepEqual(
      items(source).map((item) => item.checked ?? null),
      [null],
      source,
    );
  }
});

test("rendered: GFM boxes stay as they are; custom states are disabled checked boxes with data-task", () => {
  const { html } = renderMarkdown("- [ ] 未开始\n- [x] 完成\n- [/] 进行中\n- [?] **疑问**\n");
  assert.match(html, /<li class="task-list-item"><input type="checkbox" disabled> 未开始<\/li>/);
  assert.match(html, /<li class="task-list-item"><input type="checkbox" checked disabled> 完成<\/li>/);
  assert.match(html, /<li class="task-list-item" data-task="\/"><input type="checkbox" checked disabled> 进行中<\/li>/);
  assert.match(
    html,
    /<li class="task-list-item" data-task="\?"><input type="checkbox" checked disabled> <strong>疑问<\/strong><\/li>/,
  );
  assert.match(html, /<ul class="contains-task-list">/);
});

test("raw HTML cannot smuggle another attribute through data-task's allowance", () => {
  const { html } = renderMarkdown('<ul><li data-task="/" onclick="alert(1)" style="color:red">x</li></ul>\n');
  assert.match(html, /<li data-task="\/">x<\/li>/);
});
