/**
 * Bad input never loses a note and never throws: every file is in the graph, and every problem is a diagnostic
 * with a path, line, column, severity, code and message a person can act on.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Root } from "mdast";
import type { Plugin } from "unified";
import { createProcessor } from "../../plugins/index.ts";
import type { Diagnostic, Graph } from "../../src/graph/types.ts";
import { listVault, loadVault, parseNote } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

/** Bytes that are not UTF-8, with NULs and control characters. */
const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));

const deepQuotes = `${">".repeat(5000)} 深 #集群\n`;
const deepBullets = Array.from({ length: 200 }, (_, i) => `${"\t".repeat(i)}* [[？问题${i}]]`).join("\n");

const files: Record<string, string | Buffer> = {
  "坏/front-matter.md": "---\ntitle: [未闭合\n---\n\n* 笔记照样解析 #集群\n",
  "坏/二进制.md": garbage,
  "坏/只有块标识.md": "{ #x}",
  "坏/未闭合评论.md": '* 评论 <label class="ob-comment" title=""> 高亮 <input type="checkbox"> <span> Comment </span> 之后\n* 下一条 #分布式\n',
  "坏/深引用.md": deepQuotes,
  "坏/深列表.md": deepBullets,
  "坏/空.md": "",
  "坏/空白.md": " \n\t\n",
  "坏/BOM 与 CRLF.md": "\uFEFF---\r\ntitle: 标题\r\n---\r\n\r\n* [[？ 问题 一]]\r\n\t* 答案 #集群\r\n",
  "坏/坏时间.md": "* [坏](file:///Z:/%E8%A7%86%E9%A2%91.mp4#t=abc)\n* [坏编码](file:///Z:/%E6%88/视频.mp4)\n",
  "坏/坏链接.md": "[[]] [[|]] [[#]] [[#^]] ![[]] [[\\|]] [[a|b|c]] [[？]]\n",
  "坏/坏宏.md": "{{embed ((不存在))}} {{query (and [[a]])}} {{cloze 答案}} {{youtube-timestamp abc}} ((uuid))\n",
  "坏/不是映射.md": "---\n- 列表\n---\n正文\n",
  [`坏/${"한글".normalize("NFD")}.md`]: "NFD 文件名\n",
  "坏/重复块.md": "一 ^dup\n\n二 ^dup\n",
  ".obsidian/workspace.md": "工具状态，不读\n",
  "node_modules/包/readme.md": "依赖，不读\n",
  "坏/不是笔记.txt": "不是 .md\n",
};

describe("a vault of bad input", { timeout: 300_000 }, () => {
  let root = "";
  let graph: Graph;

  before(() => {
    root = makeVault(files, "wenda-robust-");
    graph = loadVault(root, { keepTrees: true }).graph;
  });
  after(() => removeVault(root));

  test("every .md note is in the graph, tool folders and other files are not", () => {
    const expected = Object.keys(files)
      .filter((p) => p.endsWith(".md") && !p.startsWith(".obsidian/") && !p.startsWith("node_modules/"))
      .map((p) => p.normalize("NFC").slice(0, -3))
      .sort();
    assert.deepEqual(graph.notes.map((note) => note.id).sort(), expected);
  });

  test("every diagnostic has path, line, column, severity, code and message", () => {
    assert.ok(graph.diagnostics.length > 0);
    const notePaths = new Set(graph.notes.map((note) => note.path));
    for (const d of graph.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ["code", "column", "line", "message", "path", "severity"], JSON.stringify(d));
      assert.ok(notePaths.has(d.path), d.path);
      assert.ok(Number.isInteger(d.line) && d.line >= 1, JSON.stringify(d));
      assert.ok(Number.isInteger(d.column) && d.column >= 1, JSON.stringify(d));
      assert.ok(["error", "warning", "info"].includes(d.severity));
      assert.match(d.code, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(d.message.length > 10, d.message);
    }
  });

  const codesOf = (path: string): [string, string, number][] =>
    graph.diagnostics.filter((d: Diagnostic) => d.path === path).map((d) => [d.code, d.severity, d.line]);

  test("invalid front matter: an error on its line, the body still parsed", () => {
    // The second diagnostic is the publish decision (tests/graph/publish.test.ts): no publish word, so published.
    assert.deepEqual(codesOf("坏/front-matter.md"), [
      ["frontmatter-invalid", "error", 2],
      ["frontmatter-unreadable-published", "warning", 1],
    ]);
    const note = graph.notes.find((n) => n.id === "坏/front-matter");
    assert.deepEqual(note?.frontmatter, {});
    assert.deepEqual(note?.tags, ["集群"]);
  });

  test("binary garbage is a note, with no crash", () => {
    const note = graph.notes.find((n) => n.id === "坏/二进制");
    assert.ok(note);
    assert.equal(note.kind, "page");
  });

  test("a file that is only `{ #x}`: an orphan warning, no block, no tag", () => {
    assert.deepEqual(codesOf("坏/只有块标识.md"), [["block-id-orphan", "warning", 1]]);
    assert.ok(!graph.blocks.some((b) => b.note === "坏/只有块标识"));
    assert.ok(!graph.tags.some((t) => t.name === "x"));
  });

  test("an unclosed reviewer label: a warning, and the next bullet is intact", () => {
    assert.deepEqual(codesOf("坏/未闭合评论.md"), [["ob-comment-unclosed", "warning", 1]]);
    assert.deepEqual(
      graph.comments.filter((c) => c.card === "坏/未闭合评论").map((c) => c.highlight),
      ["高亮 之后"],
    );
    assert.ok(graph.notes.find((n) => n.id === "坏/未闭合评论")?.tags.includes("分布式"));
  });

  test("5000 nested quotes: still a note; the quotes past the depth budget are text, one error says so", () => {
    assert.ok(graph.notes.some((n) => n.id === "坏/深引用"));
    assert.deepEqual(codesOf("坏/深引用.md"), [["budget-construct", "error", 1]]);
    const message = graph.diagnostics.find((d) => d.path === "坏/深引用.md")?.message;
    assert.match(message ?? "", /up to 5000 nested containers .* over the budget of 64/);
    assert.ok(graph.notes.find((n) => n.id === "坏/深引用")?.tags.includes("集群"));
  });

  test("200 nested question bullets: a parent chain as deep as the depth budget (64), the rest text, one error", () => {
    const questions = graph.questions.filter((q) => q.cards.includes("坏/深列表"));
    assert.equal(questions.length, 63);
    assert.deepEqual(graph.questions.find((q) => q.id === "？问题62")?.parents, ["？问题61"]);
    assert.deepEqual(graph.questions.find((q) => q.id === "？问题0")?.parents, []);
    assert.deepEqual(codesOf("坏/深列表.md"), [["budget-construct", "error", 65]]);
    // The deeper bullets' links are still links, in the innermost item's text.
    assert.ok(graph.links.some((l) => l.from === "坏/深列表" && l.to === "？问题199"));
  });

  test("empty and blank notes are pages with no diagnostics", () => {
    assert.deepEqual(codesOf("坏/空.md"), []);
    assert.deepEqual(codesOf("坏/空白.md"), []);
    assert.equal(graph.notes.find((n) => n.id === "坏/空")?.title, "空");
  });

  test("a BOM and CRLF line endings: front matter and outline read as usual", () => {
    const note = graph.notes.find((n) => n.id === "坏/BOM 与 CRLF");
    assert.deepEqual(note?.frontmatter, { title: "标题" });
    assert.deepEqual(note?.questions, ["？ 问题 一"]);
    assert.deepEqual(graph.questions.find((q) => q.id === "？ 问题 一")?.tags, ["集群"]);
  });

  test("a bad timestamp is a warning; a malformed escape is no problem", () => {
    assert.deepEqual(codesOf("坏/坏时间.md"), [["timestamp-invalid", "warning", 1]]);
    assert.equal(graph.notes.find((n) => n.id === "坏/坏时间")?.media, "Z:/%E6%88/视频.mp4");
  });

  test("odd wiki links and Logseq macros do not crash", () => {
    assert.ok(graph.notes.some((n) => n.id === "坏/坏链接"));
    assert.ok(graph.notes.some((n) => n.id === "坏/坏宏"));
    assert.ok(!graph.questions.some((q) => q.id === "？"));
  });

  test("NFD file names become NFC ids", () => {
    assert.ok(graph.notes.some((n) => n.id === "坏/한글"));
  });

  test("a duplicate block id is a warning on the second", () => {
    assert.deepEqual(codesOf("坏/重复块.md"), [["block-id-duplicate", "warning", 3]]);
  });

  test("listVault skips tool folders and non-.md files, sorted", () => {
    const listed = listVault(root).map((file) => file.path);
    assert.deepEqual(listed, [...listed].sort());
    assert.ok(!listed.some((p) => p.startsWith(".obsidian/") || p.startsWith("node_modules/") || !p.endsWith(".md")));
  });

  test("the whole graph is JSON", () => {
    assert.doesNotThrow(() => JSON.stringify(graph));
  });
});

describe("parseNote", () => {
  const processor = createProcessor();

  test("an unreadable file (an Error as source) is a read-failed error, the note still there", () => {
    const error = Object.assign(new Error("EACCES: permission denied, open '卡片/锁住.md'"), { code: "EACCES" });
    const { note, tree } = parseNote(processor, { id: "卡片/锁住", path: "卡片/锁住.md" }, error);
    assert.equal(note.id, "卡片/锁住");
    assert.deepEqual(tree, { type: "root", children: [] });
    assert.deepEqual(note.diagnostics, [
      {
        path: "卡片/锁住.md",
        line: 1,
        column: 1,
        severity: "error",
        code: "read-failed",
        message: "EACCES: permission denied, open '卡片/锁住.md'; the note is kept as plain text",
      },
    ]);
    assert.deepEqual(note.facts.questions, []);
  });

  test("a processor that throws: parse-failed, the text kept as a code block", () => {
    const explode: Plugin<[], Root> = () => () => {
      throw new Error("插件出错");
    };
    const broken = createProcessor().use(explode) as unknown as ReturnType<typeof createProcessor>;
    const { note, tree } = parseNote(broken, { id: "x", path: "x.md" }, "* [[？问题]]\n");
    assert.deepEqual(
      note.diagnostics.map((d) => [d.code, d.severity, d.message]),
      [["parse-failed", "error", "插件出错; the note is kept as plain text"]],
    );
    assert.deepEqual(tree, { type: "root", children: [{ type: "code", value: "* [[？问题]]\n" }] });
  });

  test("a broken note does not stop the graph: buildGraph takes it with the rest", async () => {
    const { buildGraph } = await import("../../src/graph/build.ts");
    const good = parseNote(processor, { id: "好", path: "好.md" }, "* [[？问题]]\n").note;
    const bad = parseNote(processor, { id: "坏", path: "坏.md" }, new Error("EIO")).note;
    const graph = buildGraph([good, bad]);
    assert.deepEqual(
      graph.notes.map((n) => n.id),
      ["好", "坏"],
    );
    assert.deepEqual(
      graph.diagnostics.map((d) => [d.path, d.code]),
      [["坏.md", "read-failed"]],
    );
  });
});
