/**
 * Block ids (DIALECT §4): DG's `{ #id}` line, Obsidian's ` ^id` and a standalone `^id`. The id leaves the text,
 * names the block before it, and the blank line DG writes after it does not make the list loose.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ListItem, Nodes, Root } from "mdast";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("block-id");

/** `[blockId, first text]` of every node with a block id, in document order. */
function ids(tree: Root): [string, string, string][] {
  const found: [string, string, string][] = [];
  const text = (node: Nodes): string =>
    "value" in node && typeof node.value === "string"
      ? node.value
      : "children" in node
        ? (node.children as Nodes[]).map(text).join("")
        : "";
  const walk = (node: Nodes) => {
    if (node.data?.blockId) {
      const first = node.type === "listItem" ? (node as ListItem).children[0] : node;
      found.push([node.data.blockId, node.type, first ? text(first) : ""]);
    }
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

/** Every list and list item's `spread`. */
function spreads(tree: Root): boolean[] {
  const found: boolean[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "list" || node.type === "listItem") found.push(node.spread === true);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

const seedExcerpt = [
  "* [[Logseq元问题库/pages/？RabbitMq普通集群模式 优缺点\\|？RabbitMq普通集群模式 优缺点]]",
  "\t* [[Logseq元问题库/pages/？ RabbitMq普通集群模式 优点\\|？ RabbitMq普通集群模式 优点]]",
  "{ #47a9a2}",
  "",
  "\t\t* 集群中多个节点来服务某个 #RabbitMq/Queue 的读写操作，提高了 #吞吐量 <label class=\"ob-comment\" title=\"\" style=\"\"> 我认为准确的说是提高了吞量 <input type=\"checkbox\"> <span style=\"\"> Comment </span></label>",
  "{ #125c8e}",
  "",
  "\t* [[Logseq元问题库/pages/？ RabbitMq普通集群模式 缺点\\|？ RabbitMq普通集群模式 缺点]]",
  "\t\t* 没啥 #高可用性",
  "",
].join("\n");

test("the seed's two DG ids: the 优点 question bullet and the answer bullet under it", () => {
  const { tree, file } = processNote(seedExcerpt);
  assert.deepEqual(ids(tree), [
    ["47a9a2", "listItem", "Logseq元问题库/pages/？ RabbitMq普通集群模式 优点\\"],
    ["125c8e", "listItem", "集群中多个节点来服务某个 RabbitMq/Queue 的读写操作，提高了 吞吐量 我认为准确的说是提高了吞量"],
  ]);
  assert.deepEqual(file.messages, []);
});

test("the blank line after `{ #id}` does not make any list loose", () => {
  const { tree } = processNote(seedExcerpt);
  const all = spreads(tree);
  assert.ok(all.length >= 6);
  assert.deepEqual(all, all.map(() => false));
});

test("a real blank line between bullets still makes the list loose", () => {
  const { tree } = processNote("* 一\n{ #a1}\n\n* 二\n\n* 三\n");
  const list = tree.children[0];
  assert.equal(list?.type, "list");
  assert.equal(list.type === "list" && list.spread, true);
  assert.deepEqual(ids(tree), [["a1", "listItem", "一"]]);
});

test("`{ #id}` text never stays in the tree and is never a tag", () => {
  const { tree } = processNote("* 答案 #集群\n{ #47a9a2}\n\n* 下一条\n");
  const json = JSON.stringify(tree);
  assert.doesNotMatch(json, /47a9a2\}/);
  assert.doesNotMatch(json, /"type":"tag","value":"47a9a2"/);
  assert.deepEqual(ids(tree), [["47a9a2", "listItem", "答案 集群"]]);
});

test("Obsidian ` ^id` at a line end, in a paragraph, a list item and a heading-less quote", () => {
  const { tree } = processNote("段落 ^p-1\n\n* 项 ^li_2\n\n> 引用 ^q3\n");
  assert.deepEqual(ids(tree), [
    ["p-1", "paragraph", "段落"],
    ["li_2", "listItem", "项"],
    ["q3", "paragraph", "引用"],
  ]);
});

test("`^` inside a line or without a space is not an id", () => {
  const { tree } = processNote("指数 2^10 和 a^b\n\n x ^ y\n\n结尾^abc\n");
  assert.deepEqual(ids(tree), []);
});

test("a standalone `^id` after a blank line names the block before it", () => {
  const { tree } = processNote("第一段\n\n^first\n\n* 列表\n\n^list\n");
  assert.deepEqual(
    ids(tree).map(([id, type]) => [id, type]),
    [
      ["first", "paragraph"],
      ["list", "list"],
    ],
  );
  assert.equal(tree.children.length, 2);
});

test("an id that follows nothing is a warning and leaves no empty paragraph", () => {
  const { tree, file } = processNote("{ #x}\n");
  assert.deepEqual(tree.children, []);
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.fatal, m.line, m.column]),
    [["block-id-orphan", false, 1, 1]],
  );
  assert.match(file.messages[0]?.reason ?? "", /`x`/);
});

test("a duplicate id is a warning naming the first line", () => {
  const { file } = processNote("第一段 ^same\n\n第二段 ^same\n");
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.line]),
    [["block-id-duplicate", 3]],
  );
  assert.match(file.messages[0]?.reason ?? "", /line 1/);
});

test("ids in code, inline code and table cells are text", () => {
  const source = "`{ #a}` `^b`\n\n```\n{ #c}\n\n^d\n```\n\n| { #e} | ^f |\n| --- | --- |\n";
  const { tree, file } = processNote(source);
  assert.deepEqual(ids(tree), []);
  assert.deepEqual(file.messages, []);
  const json = JSON.stringify(tree);
  for (const kept of ["{ #a}", "^b", "{ #c}\\n\\n^d", "{ #e}", "^f"]) assert.ok(json.includes(kept), kept);
});
