/** The outline (DIALECT §3): a bullet whose whole text is a wiki link to a `？…` page asks a question. */
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { isQuestionTarget } from "../../plugins/outline.ts";
import { processNote, runFixtures } from "../helpers/fixtures.ts";
import { seedPath } from "../helpers/vault.ts";

runFixtures("outline");

/** `[question, depth]` of every question bullet (depth counts enclosing list items). */
function questions(source: string, questionPrefix?: string): [string, number][] {
  const found: [string, number][] = [];
  const walk = (node: Nodes, depth: number) => {
    const inner = node.type === "listItem" ? depth + 1 : depth;
    if (node.type === "listItem" && node.data?.question) found.push([node.data.question, depth]);
    if ("children" in node) for (const child of node.children) walk(child as Nodes, inner);
  };
  walk(processNote(source, "note.md", questionPrefix === undefined ? {} : { questionPrefix }).tree, 0);
  return found;
}

test("isQuestionTarget: the file name starts with `？` and says something", () => {
  assert.ok(isQuestionTarget("Logseq元问题库/pages/？保证消息队列的高可用"));
  assert.ok(isQuestionTarget("Logseq元问题库/pages/？ RabbitMq 的 高可用 实现"));
  assert.ok(isQuestionTarget("？问题"));
  assert.ok(isQuestionTarget(" ？问题"));
  assert.ok(!isQuestionTarget("？"));
  assert.ok(!isQuestionTarget("？问题/子页面"));
  assert.ok(!isQuestionTarget("问题？"));
  assert.ok(!isQuestionTarget("?半角问号"));
  assert.ok(isQuestionTarget("Q: 集群", "Q:"));
  assert.ok(!isQuestionTarget("？集群", "Q:"));
});

test("the seed: ten questions at the depths the author nested them", () => {
  const source = fs.readFileSync(seedPath, "utf8");
  const p = "Logseq元问题库/pages/";
  assert.deepEqual(questions(source), [
    [`${p}？保证消息队列的高可用`, 1],
    [`${p}？ RabbitMq 的 高可用 实现`, 2],
    [`${p}？ RabbitMq 集群模式`, 3],
    [`${p}？RabbitMq普通集群模式`, 4],
    [`${p}？RabbitMq普通集群模式 原理`, 5],
    [`${p}？RabbitMq普通集群模式 优缺点`, 6],
    [`${p}？ RabbitMq普通集群模式 优点`, 7],
    [`${p}？ RabbitMq普通集群模式 缺点`, 7],
    [`${p}？RabbitMq镜像集群模式`, 4],
    [`${p}？ Kafka 的 高可用 实现`, 2],
  ]);
});

test("whitespace around the link is fine; any other content is not a question", () => {
  assert.deepEqual(questions("*  [[？甲]]  \n* [[？乙]] 文字\n* 文字 [[？丙]]\n* [[？丁]] #标签\n* **[[？戊]]**\n"), [["？甲", 0]]);
});

test("embeds, plain pages, and a bare `？` are not questions", () => {
  assert.deepEqual(questions("* ![[？嵌入]]\n* [[普通页面]]\n* [[？]]\n* [[？#标题]]\n"), []);
});

test("a heading or block fragment does not stop a question link", () => {
  assert.deepEqual(questions("* [[？问题#小节]]\n* [[？问题#^abc]]\n"), [
    ["？问题", 0],
    ["？问题", 0],
  ]);
});

test("ordered lists and Logseq's `- ` bullets work too", () => {
  assert.deepEqual(questions("- [[？甲]]\n\t- [[？乙]]\n\n1. [[？丙]]\n"), [
    ["？甲", 0],
    ["？乙", 1],
    ["？丙", 0],
  ]);
});

test("questionPrefix option", () => {
  assert.deepEqual(questions("* [[Q: 甲]]\n* [[？乙]]\n", "Q:"), [["Q: 甲", 0]]);
});

test("a question bullet with a DG block id is still a question", () => {
  assert.deepEqual(questions("* [[？甲\\|？甲]]\n{ #47a9a2}\n\n* [[？乙]]\n"), [
    ["？甲", 0],
    ["？乙", 0],
  ]);
});
