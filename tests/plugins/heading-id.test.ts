/**
 * Heading ids (DIALECT §2): github-slugger over the text a reader sees, one slugger per note (a repeat gets
 * `-1`), CJK and full-width text kept readable; headings in code are not headings.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Heading } from "mdast";
import { visit } from "unist-util-visit";
import { processNote } from "../helpers/fixtures.ts";

function ids(markdown: string): string[] {
  const found: string[] = [];
  visit(processNote(markdown).tree, "heading", (node: Heading) => void found.push(node.data?.headingId ?? "(none)"));
  return found;
}

test("CJK kept, punctuation dropped, spaces to `-`, lower case", () => {
  assert.deepEqual(ids("# 第一章：概述\n\n## 第二章 RabbitMq 集群？\n\n## Kafka 与 `ZooKeeper` 的关系\n"), [
    "第一章概述",
    "第二章-rabbitmq-集群",
    "kafka-与-zookeeper-的关系",
  ]);
});

test("a repeated heading gets `-1`, `-2` (one slugger per note)", () => {
  assert.deepEqual(ids("## 细节\n\n## 细节\n\n### 细节\n"), ["细节", "细节-1", "细节-2"]);
  // A new note starts again.
  assert.deepEqual(ids("## 细节\n"), ["细节"]);
});

test("links and tags read as the reader sees them", () => {
  assert.deepEqual(ids("## 见 [[笔记#小节|别名]] 和 [[另一篇]]\n\n## 标题里有 #集群\n"), [
    "见-别名-和-另一篇",
    "标题里有-集群",
  ]);
});

test("a heading with no text still gets an id; headings in code are not headings", () => {
  assert.deepEqual(ids("## ！？\n\n```\n# 代码\n```\n\n    # 缩进代码\n"), ["heading"]);
});
