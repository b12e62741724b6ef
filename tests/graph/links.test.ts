/**
 * The links phase on the fixture vault tests/vaults/obsidian (链接/, 附件/, 资源/): heading ids recorded per note,
 * heading links of every form, markdown links counted as links and backlinks, attachments resolved by name and
 * by relative path, and a diagnostic with file, line and column for what does not exist.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { LinkResolver } from "../../src/graph/resolve.ts";
import { resolverDataOf } from "../../src/graph/links.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault, repoRoot } from "../helpers/vault.ts";

const { graph } = loadVault(path.join(repoRoot, "tests/vaults/obsidian"));
const note = (id: string) => {
  const found = graph.notes.find((n) => n.id === id);
  assert.ok(found, id);
  return found;
};
const linksFrom = (id: string) => graph.links.filter((link) => link.from === id);
const diagnosticsOf = (file: string) =>
  graph.diagnostics.filter((d) => d.path === file).map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

describe("headings", () => {
  test("every heading of a note, with its depth, text, line and github-slugger id", () => {
    assert.deepEqual(note("链接/标题测试").headings, [
      { depth: 1, text: "标题测试", id: "标题测试", line: 4 },
      { depth: 2, text: "第一章：概述", id: "第一章概述", line: 8 },
      { depth: 3, text: "细节", id: "细节", line: 12 },
      { depth: 2, text: "第二章 RabbitMq 集群？", id: "第二章-rabbitmq-集群", line: 16 },
      { depth: 3, text: "细节", id: "细节-1", line: 20 },
      { depth: 2, text: "Kafka 与 ZooKeeper 的关系", id: "kafka-与-zookeeper-的关系", line: 24 },
      { depth: 2, text: "长长的结尾", id: "长长的结尾", line: 30 },
    ]);
  });

  test("heading links land on the heading the way Obsidian matches them", () => {
    const resolver = new LinkResolver(resolverDataOf(graph, "？"));
    const landing: Record<string, string | undefined> = {};
    for (const link of linksFrom("链接/链接大全")) {
      if (link.heading === undefined && link.block === undefined) continue;
      const resolution = resolver.resolve({ target: link.to, ...link }, link.from);
      landing[link.heading ?? `^${link.block}`] = "anchor" in resolution ? resolution.anchor : undefined;
    }
    assert.equal(landing["第一章：概述"], "第一章概述");
    assert.equal(landing["第一章 概述"], "第一章概述");
    assert.equal(landing["第二章 rabbitmq 集群"], "第二章-rabbitmq-集群");
    assert.equal(landing["第二章 RabbitMq 集群？#细节"], "细节-1");
    assert.equal(landing["第一章：概述#细节"], "细节");
    assert.equal(landing["Kafka 与 ZooKeeper 的关系"], "kafka-与-zookeeper-的关系");
    assert.equal(landing["^chapter2"], "chapter2");
    assert.equal(landing["本页标题"], "本页标题");
    assert.equal(landing["没有这一章"], undefined);
  });

  test("a heading or block that does not exist is a warning with file, line and column", () => {
    const file = "链接/链接大全.md";
    assert.deepEqual(diagnosticsOf(file), [
      "17:10 warning heading-missing",
      "18:9 warning block-missing",
      "28:10 info link-unresolved",
    ]);
  });
});

describe("markdown links to notes", () => {
  test("resolve like wiki links (relative, `%20`, `<…>`, `../`, without `.md`) and are marked as markdown", () => {
    const markdown = linksFrom("链接/链接大全").filter((link) => link.markdown);
    assert.deepEqual(
      markdown.map((link) => [link.to, link.resolved, link.heading ?? ""]),
      [
        ["链接/标题测试", true, ""],
        ["链接/标题测试", true, "第二章 RabbitMq 集群？"],
        ["链接/子目录/深层 笔记", true, ""],
        ["链接/子目录/深层 笔记", true, ""],
        ["链接/子目录/深层 笔记", true, "深层的标题"],
        ["链接/标题测试", true, ""],
        ["不存在的笔记", false, ""],
        ["链接/子目录/深层 笔记", true, ""],
      ],
    );
  });

  test("count in backlinks; code is never a link", () => {
    assert.deepEqual(note("链接/子目录/深层 笔记").backlinks, ["链接/链接大全"]);
    assert.deepEqual(note("链接/链接大全").backlinks, ["链接/子目录/深层 笔记"]);
    assert.ok(!graph.links.some((link) => /代码里的不是链接|不是链接/.test(`${link.to}${link.heading ?? ""}`)));
  });
});

describe("attachments", () => {
  test("the vault's other files are listed, NFC, sorted", () => {
    assert.ok(graph.attachments.includes("附件/图 1.png"));
    assert.ok(graph.attachments.includes("资源/视频/片段.webm"));
    assert.ok(!graph.attachments.some((file) => file.endsWith(".md")));
    assert.deepEqual(graph.attachments, [...graph.attachments].sort());
  });

  test("by file name, by relative markdown path and from raw HTML `src`; fragments and sizes do not matter", () => {
    const to = linksFrom("链接/附件嵌入").map((link) => (link.resolved ? link.to : `missing ${link.to}`));
    assert.deepEqual(to, [
      "资源/图片/示意图.png",
      "资源/图片/示意图.png",
      "资源/图片/示意图.png",
      "资源/图片/图标.svg",
      "附件/图 1.png",
      "附件/图 1.png",
      "附件/图 1.png",
      "附件/图 1.png",
      "附件/重名.png",
      "missing 不存在的图.png",
      "附件/声音.mp3",
      "资源/视频/片段.webm",
      "附件/文档.pdf",
      "附件/文档.pdf",
      "附件/文档.pdf",
      "资源/图片/示意图.png",
      "附件/文档.pdf",
    ]);
    assert.ok(linksFrom("链接/附件嵌入").every((link) => link.attachment));
  });

  test("a missing attachment and an ambiguous name are warnings with file, line and column", () => {
    assert.deepEqual(diagnosticsOf("链接/附件嵌入.md"), [
      "21:14 warning link-ambiguous",
      "23:9 warning attachment-missing",
    ]);
    const ambiguous = graph.diagnostics.find((d) => d.code === "link-ambiguous");
    assert.match(ambiguous?.message ?? "", /附件\/重名\.png.*资源\/图片\/重名\.png/);
  });
});

test("raw HTML `src` / `href` into the vault are links: diagnosed when missing, counted in backlinks", () => {
  const vault = makeVault({
    "a.md":
      '正文 <img src="附件/没有.png"> <a href="b.md">原始链接</a> <img src="https://example.com/x.png">\n\n<label class="ob-comment">评论</label>\n',
    "b.md": "",
  });
  try {
    const linked = loadVault(vault).graph;
    assert.deepEqual(
      linked.links.map((link) => [link.to, link.resolved, link.embed === true]),
      [
        ["附件/没有.png", false, true],
        ["b", true, false],
      ],
    );
    assert.deepEqual(linked.notes.find((n) => n.id === "b")?.backlinks, ["a"]);
    assert.deepEqual(
      linked.diagnostics.map((d) => [d.path, d.line, d.code]),
      [["a.md", 1, "attachment-missing"]],
    );
  } finally {
    removeVault(vault);
  }
});
