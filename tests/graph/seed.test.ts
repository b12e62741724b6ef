/**
 * The seed card, end to end: a temporary vault holding only `卡片/引入消息队列之后该如何保证其高可用性1.mp4.md`,
 * loaded with `loadVault`. Every fact the issue lists about it is checked here.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Graph, GraphQuestion } from "../../src/graph/types.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeSeedVault, removeVault } from "../helpers/vault.ts";

const card = "卡片/引入消息队列之后该如何保证其高可用性1.mp4";
const q = (title: string) => `Logseq元问题库/pages/${title}`;
const video =
  "Z:/我的阅读黑曜石Vault/资产库藏/互联网Java工程师面试突击训练系列课程/第一季/06_引入消息队列之后该如何保证其高可用性？/视频/01/视频.mp4";

describe("the seed card", () => {
  let root = "";
  let graph: Graph;
  const question = (title: string): GraphQuestion => {
    const found = graph.questions.find((entry) => entry.id === q(title));
    assert.ok(found, `question ${title}`);
    return found;
  };

  before(() => {
    root = makeSeedVault();
    graph = loadVault(root).graph;
  });
  after(() => removeVault(root));

  test("one note: the card, published, at its permalink", () => {
    assert.equal(graph.version, 1);
    assert.equal(graph.notes.length, 1);
    const [note] = graph.notes;
    assert.ok(note);
    assert.equal(note.id, card);
    assert.equal(note.path, `${card}.md`);
    assert.equal(note.kind, "card");
    assert.equal(note.title, "引入消息队列之后该如何保证其高可用性1.mp4");
    assert.equal(note.published, true);
    assert.equal(note.url, "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/");
    assert.equal(note.media, video);
    assert.deepEqual(note.frontmatter, {
      "dg-publish": true,
      permalink: "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/",
      dgPassFrontmatter: true,
    });
  });

  test("no error diagnostics (none at all)", () => {
    assert.deepEqual(
      graph.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.deepEqual(graph.diagnostics, []);
  });

  test("ten questions, titles keeping their `？` and spaces", () => {
    assert.deepEqual(
      graph.questions.map((entry) => entry.title).sort(),
      [
        "？ Kafka 的 高可用 实现",
        "？ RabbitMq 的 高可用 实现",
        "？ RabbitMq 集群模式",
        "？ RabbitMq普通集群模式 优点",
        "？ RabbitMq普通集群模式 缺点",
        "？RabbitMq普通集群模式",
        "？RabbitMq普通集群模式 优缺点",
        "？RabbitMq普通集群模式 原理",
        "？RabbitMq镜像集群模式",
        "？保证消息队列的高可用",
      ].sort(),
    );
    for (const entry of graph.questions) {
      assert.equal(entry.id, q(entry.title));
      assert.equal(entry.hasPage, false);
      assert.equal(entry.published, true);
      assert.deepEqual(entry.cards, [card]);
      assert.equal(entry.occurrences.length, 1);
    }
    assert.deepEqual(graph.notes[0]?.questions.length, 10);
  });

  test("the parent chain is the outline's nesting", () => {
    const parentOf = (title: string) => question(title).parents;
    assert.deepEqual(parentOf("？保证消息队列的高可用"), []);
    assert.deepEqual(parentOf("？ RabbitMq 的 高可用 实现"), [q("？保证消息队列的高可用")]);
    assert.deepEqual(parentOf("？ RabbitMq 集群模式"), [q("？ RabbitMq 的 高可用 实现")]);
    assert.deepEqual(parentOf("？RabbitMq普通集群模式"), [q("？ RabbitMq 集群模式")]);
    assert.deepEqual(parentOf("？RabbitMq普通集群模式 原理"), [q("？RabbitMq普通集群模式")]);
    assert.deepEqual(parentOf("？RabbitMq普通集群模式 优缺点"), [q("？RabbitMq普通集群模式 原理")]);
    assert.deepEqual(parentOf("？ RabbitMq普通集群模式 优点"), [q("？RabbitMq普通集群模式 优缺点")]);
    assert.deepEqual(parentOf("？ RabbitMq普通集群模式 缺点"), [q("？RabbitMq普通集群模式 优缺点")]);
    assert.deepEqual(parentOf("？RabbitMq镜像集群模式"), [q("？ RabbitMq 集群模式")]);
    assert.deepEqual(parentOf("？ Kafka 的 高可用 实现"), [q("？保证消息队列的高可用")]);
  });

  test("children mirror parents, in outline order", () => {
    assert.deepEqual(question("？保证消息队列的高可用").children, [q("？ RabbitMq 的 高可用 实现"), q("？ Kafka 的 高可用 实现")]);
    assert.deepEqual(question("？ RabbitMq 集群模式").children, [q("？RabbitMq普通集群模式"), q("？RabbitMq镜像集群模式")]);
    assert.deepEqual(question("？RabbitMq普通集群模式 优缺点").children, [
      q("？ RabbitMq普通集群模式 优点"),
      q("？ RabbitMq普通集群模式 缺点"),
    ]);
    for (const entry of graph.questions) {
      for (const child of entry.children) assert.ok(question(child.slice(q("").length)).parents.includes(entry.id));
    }
  });

  test("question URLs keep CJK, under /q/, unique", () => {
    assert.equal(question("？ RabbitMq 的 高可用 实现").url, "/q/RabbitMq-的-高可用-实现/");
    assert.equal(question("？保证消息队列的高可用").url, "/q/保证消息队列的高可用/");
    const urls = graph.questions.map((entry) => entry.url);
    assert.equal(new Set(urls).size, urls.length);
  });

  test("one timestamp: 398.418331 s, 06:38, on 原理, on the card's video", () => {
    assert.equal(graph.timestamps.length, 1);
    const [ts] = graph.timestamps;
    assert.ok(ts);
    assert.equal(ts.start, 398.418331);
    assert.equal(ts.end, undefined);
    assert.equal(ts.label, "06:38");
    assert.equal(ts.card, card);
    assert.equal(ts.question, q("？RabbitMq普通集群模式 原理"));
    assert.ok(ts.media.endsWith("视频/01/视频.mp4"));
    assert.equal(ts.media, graph.notes[0]?.media);
    assert.equal(ts.line, 12);
    assert.deepEqual(question("？RabbitMq普通集群模式 原理").timestamps, [ts]);
  });

  test("two comments, on 优点 and 缺点, with no comment field (the placeholder)", () => {
    assert.deepEqual(
      graph.comments.map((c) => [c.highlight, c.question, c.comment, c.card]),
      [
        ["我认为准确的说是提高了吞量", q("？ RabbitMq普通集群模式 优点"), undefined, card],
        ["我认为两者都可以归结为单实例性能瓶颈", q("？ RabbitMq普通集群模式 缺点"), undefined, card],
      ],
    );
    assert.equal(question("？ RabbitMq普通集群模式 优点").comments.length, 1);
    assert.equal(question("？ RabbitMq普通集群模式 缺点").comments.length, 1);
  });

  test("nine tags; RabbitMq used alone once and the prefix of three", () => {
    assert.deepEqual(
      graph.tags.map((tag) => tag.name).sort(),
      ["RabbitMq", "RabbitMq/单机模式", "RabbitMq/实例", "RabbitMq/Queue", "集群", "吞吐量", "分布式", "高可用性", "消息持久化"].sort(),
    );
    const rabbit = graph.tags.find((tag) => tag.name === "RabbitMq");
    assert.ok(rabbit);
    assert.equal(rabbit.count, 1);
    assert.equal(rabbit.parent, null);
    assert.deepEqual([...rabbit.children].sort(), ["RabbitMq/单机模式", "RabbitMq/实例", "RabbitMq/Queue"].sort());
    for (const child of rabbit.children) assert.equal(graph.tags.find((tag) => tag.name === child)?.parent, "RabbitMq");
    for (const tag of graph.tags) assert.deepEqual(tag.notes, [card]);
    for (const absent of ["47a9a2", "125c8e", "t=398", "t", "398"]) {
      assert.ok(!graph.tags.some((tag) => tag.name.toLowerCase() === absent), absent);
    }
  });

  test("RabbitMq/单机模式 is on 集群模式", () => {
    const tag = graph.tags.find((entry) => entry.name === "RabbitMq/单机模式");
    assert.deepEqual(tag?.questions, [q("？ RabbitMq 集群模式")]);
    assert.deepEqual(question("？ RabbitMq 集群模式").tags, ["RabbitMq/单机模式"]);
  });

  test("block 47a9a2 is the 优点 item, 125c8e the 集群中多个节点… item", () => {
    assert.deepEqual(
      graph.blocks.map((block) => [block.id, block.note, block.line]),
      [
        ["47a9a2", card, 18],
        ["125c8e", card, 21],
      ],
    );
    assert.equal(graph.blocks[0]?.text, "？ RabbitMq普通集群模式 优点");
    assert.ok(graph.blocks[1]?.text.startsWith("集群中多个节点来服务某个 #RabbitMq/Queue 的读写操作"));
    assert.deepEqual(question("？ RabbitMq普通集群模式 优点").occurrences, [{ card, line: 18, blockId: "47a9a2" }]);
  });

  test("one image, normalized like the video", () => {
    assert.deepEqual(graph.images, [{ note: card, path: video.replace(/视频\.mp4$/, "图片.png"), alt: "图片.png", line: 13 }]);
  });

  test("ten links from the card, none to a file, none raw", () => {
    assert.equal(graph.links.length, 10);
    for (const link of graph.links) {
      assert.equal(link.from, card);
      assert.equal(link.resolved, false);
      assert.ok(link.to.startsWith("Logseq元问题库/pages/？"));
      assert.ok(!link.to.endsWith("\\"));
    }
  });

  test("the graph is JSON: it survives a round trip unchanged", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(graph)), graph);
  });
});
