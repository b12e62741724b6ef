/** Front matter (DIALECT §1): YAML 1.2 into `file.data.frontmatter`; a broken block is a diagnostic, never a crash. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("frontmatter");

test("DG's one-line JSON is read as YAML", () => {
  const { file } = processNote(
    '---\n{"dg-publish":true,"permalink":"/卡片/引入消息队列之后该如何保证其高可用性1.mp4/","dgPassFrontmatter":true}\n---\n\n正文\n',
  );
  assert.deepEqual(file.data.frontmatter, {
    "dg-publish": true,
    permalink: "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/",
    dgPassFrontmatter: true,
  });
  assert.deepEqual(file.messages, []);
});

test("YAML lists, unknown keys and CJK keys are kept", () => {
  const { file } = processNote("---\naliases:\n  - MQ 高可用\n  - 消息队列的高可用\ntags: [集群, 分布式]\n作者: 张三\n---\n");
  assert.deepEqual(file.data.frontmatter, { aliases: ["MQ 高可用", "消息队列的高可用"], tags: ["集群", "分布式"], 作者: "张三" });
});

test("broken YAML: an error at the file's line, the note still parsed", () => {
  const { tree, file } = processNote("---\ntitle: 坏\ntags: [集群, 分布式\naliases: ：\n---\n\n正文 #集群\n", "坏.md");
  assert.deepEqual(file.data.frontmatter, {});
  assert.equal(file.messages.length, 1);
  const [message] = file.messages;
  assert.ok(message);
  assert.equal(message.ruleId, "frontmatter-invalid");
  assert.equal(message.fatal, true);
  assert.equal(message.source, "wenda");
  // Block line 3 (`aliases: ：`, where the unclosed `[` is noticed) is file line 4.
  assert.equal(message.line, 4);
  assert.equal(message.column, 1);
  assert.match(message.reason, /^Front matter is not valid YAML: /);
  // The parser's block-relative "at line 3" would contradict the diagnostic's own line: it is dropped.
  assert.doesNotMatch(message.reason, /at line \d+/);
  const paragraph = tree.children.at(-1);
  assert.equal(paragraph?.type, "paragraph");
  assert.deepEqual(
    paragraph.type === "paragraph" ? paragraph.children.map((node) => node.type) : [],
    ["text", "tag"],
  );
});

test("duplicate keys are an error too, on their own line", () => {
  const { file } = processNote("---\ntitle: 一\ntitle: 二\n---\n");
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.line, m.column]),
    [["frontmatter-invalid", 3, 1]],
  );
});

test("a scalar or list is not a map: warning, empty front matter", () => {
  for (const source of ["---\n只是一行字\n---\n", "---\n- 列表\n---\n"]) {
    const { file } = processNote(source);
    assert.deepEqual(file.data.frontmatter, {});
    assert.deepEqual(
      file.messages.map((m) => [m.ruleId, m.fatal]),
      [["frontmatter-not-a-map", false]],
    );
  }
});

test("no front matter and an empty block both give {}", () => {
  assert.deepEqual(processNote("正文\n").file.data.frontmatter, {});
  assert.deepEqual(processNote("---\n---\n正文\n").file.data.frontmatter, {});
  assert.deepEqual(processNote("---\n   \n---\n正文\n").file.messages, []);
});

test("a byte-order mark does not hide front matter from the vault loader", async () => {
  // `parseNote` strips the BOM before parsing; the processor itself sees a BOM as text.
  const { parseNote } = await import("../../src/graph/vault.ts");
  const { createProcessor } = await import("../../plugins/index.ts");
  const { note } = parseNote(createProcessor(), { id: "带BOM", path: "带BOM.md" }, "\uFEFF---\ntitle: 标题\n---\n正文\n");
  assert.deepEqual(note.frontmatter, { title: "标题" });
});
