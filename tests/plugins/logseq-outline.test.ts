/**
 * The Logseq outline parser (`plugins/logseq-outline/`): every line belongs to the block it sits in, indentation
 * never makes code, positions point into the original file, properties leave the text wherever they are.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ListItem, Nodes } from "mdast";
import { processNote } from "../helpers/fixtures.ts";
import { processLogseq, renderLogseq, runLogseqFixtures } from "../helpers/logseq.ts";
import { tokenizeOutline } from "../../plugins/logseq-outline/tokenize.ts";

runLogseqFixtures("logseq-outline");

function find(tree: Nodes, type: string): Nodes[] {
  const out: Nodes[] = [];
  const walk = (node: Nodes) => {
    if (node.type === type) out.push(node);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return out;
}

test("a column-0 heading between bullets stays in the block above, and the tab bullets after it stay bullets", () => {
  const source = "- 甲\n\t- 乙\n## 标题\n\t- 丙\n\t\t- 丁\n";
  const html = renderLogseq(source);
  assert.doesNotMatch(html, /<pre/);
  assert.match(html, /<li>乙\n<h2[^>]*>标题<a[^>]*><\/a><\/h2>\n<\/li>\n<li>丙\n<ul>\n<li>丁<\/li>/);
  // CommonMark, for comparison, makes the tab bullets after the heading a code block.
  const { tree } = processNote(source);
  assert.equal(find(tree, "code").length, 1);
});

test("positions are lines and columns of the original file", () => {
  const { tree } = processLogseq("- 甲\n\t- 乙 [[链接]]\n\t  续 #标签\n");
  const link = find(tree, "wikiLink")[0];
  assert.deepEqual(link?.position?.start, { line: 2, column: 6, offset: 9 });
  const tag = find(tree, "tag")[0];
  assert.equal(tag?.position?.start.line, 3);
  assert.equal(tag?.position?.start.column, 6);
  const items = find(tree, "listItem") as ListItem[];
  assert.deepEqual(items[1]?.position?.start, { line: 2, column: 2, offset: 5 });
  assert.equal(items[0]?.position?.end.line, 3);
});

test("a diagnostic from inside a block points at the source line", () => {
  const { file } = processLogseq("- 甲\n\t- 乙\n\t  {{query (todo now)}}\n");
  assert.equal(file.messages[0]?.line, 3);
  assert.equal(file.messages[0]?.column, 4);
});

test("15 levels of nesting are 15 nested lists", () => {
  const source = Array.from({ length: 15 }, (_, d) => `${"\t".repeat(d)}- 第 ${d + 1} 层`).join("\n");
  const { tree } = processLogseq(source);
  let depth = 0;
  for (let node: Nodes | undefined = tree.children[0]; node?.type === "list"; depth++) {
    node = (node.children[0] as ListItem).children.find((child) => child.type === "list");
  }
  assert.equal(depth, 15);
  assert.doesNotMatch(renderLogseq(source), /<pre/);
});

test("no property line survives anywhere in a block", () => {
  const html = renderLogseq("- 甲\n  collapsed:: true\n  正文\n  id:: 65a1b2c3-0000-4000-8000-00000000b001\n  作者:: 张三\n\t- 乙\n");
  assert.doesNotMatch(html, /::/);
  assert.match(html, /<dt>作者<\/dt><dd>张三<\/dd>/);
  assert.match(html, /id="65a1b2c3-0000-4000-8000-00000000b001"/);
});

test("page properties render as a table whose values keep links and tags", () => {
  const html = renderLogseq("type:: [[题库]]\ntags:: 面试, Redis\ntitle:: 不显示\n\n- 块\n");
  assert.match(html, /^<dl class="properties properties-page"><dt>type<\/dt><dd><a href="\/%E9%A2%98%E5%BA%93\/" class="internal">题库<\/a><\/dd><dt>tags<\/dt><dd><a href="[^"]+" class="tag">#面试<\/a> <a href="[^"]+" class="tag">#Redis<\/a><\/dd><\/dl>/);
  assert.doesNotMatch(html, /不显示/);
});

test("a collapsed block with children folds as native <details>", () => {
  const html = renderLogseq("- 折叠的块\n  collapsed:: true\n\t- 藏起来的子块\n- 没有子块的折叠块\n  collapsed:: true\n");
  assert.match(html, /<li><details class="collapsed"><summary>折叠的块<\/summary><ul>\n<li>藏起来的子块<\/li>\n<\/ul><\/details><\/li>/);
  assert.match(html, /<li>没有子块的折叠块<\/li>/);
});

test("the tokenizer: a `- ` line inside a closed fence or org block is not a bullet; inside an unclosed one it is", () => {
  assert.equal(tokenizeOutline("- a\n  ```\n  - b\n  ```\n").blocks.length, 1);
  assert.equal(tokenizeOutline("- a\n  #+BEGIN_QUOTE\n- b\n  #+END_QUOTE\n").blocks.length, 1);
  assert.equal(tokenizeOutline("- a\n  ```\n- b\n").blocks.length, 2);
  assert.equal(tokenizeOutline("- a\n  #+BEGIN_QUOTE\n- b\n").blocks.length, 2);
});

test("CRLF line endings", () => {
  const { tree } = processLogseq("- 甲\r\n  id:: 65a1b2c3-0000-4000-8000-00000000b002\r\n\t- 乙\r\n");
  const items = find(tree, "listItem") as ListItem[];
  assert.equal(items.length, 2);
  assert.equal(items[0]?.data?.blockId, "65a1b2c3-0000-4000-8000-00000000b002");
});

test("an Obsidian card keeps CommonMark: the flag is off unless the caller sets it", () => {
  const { tree } = processNote("* [[？问题]]\n\t* 回答\n{ #abc123}\n");
  assert.equal((find(tree, "listItem")[1] as ListItem).data?.blockId, "abc123");
});
