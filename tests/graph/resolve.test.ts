/**
 * Link resolution (DIALECT §2), as Obsidian does it: exact vault path, case-insensitive path, unique file name,
 * then a tie-break (same folder, then shortest path) with a `link-ambiguous` warning; aliases; relative links.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { basename, dirname, NoteIndex, normalizeTarget } from "../../src/graph/resolve.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

function index(ids: string[], aliases: Record<string, string[]> = {}): NoteIndex {
  const built = new NoteIndex();
  for (const id of ids) built.add(id, aliases[id] ?? []);
  return built;
}

describe("NoteIndex", () => {
  const notes = index([
    "卡片/引入消息队列之后该如何保证其高可用性1.mp4",
    "Logseq元问题库/pages/？ RabbitMq 集群模式",
    "Logseq元问题库/pages/？RabbitMq普通集群模式",
    "甲/笔记",
    "乙/笔记",
    "乙/来源",
    "深/层/目录/笔记",
    "独有",
    "Readme",
    "资料/Kafka 简介",
  ]);

  test("exact vault path first", () => {
    assert.deepEqual(notes.resolve("Logseq元问题库/pages/？ RabbitMq 集群模式", "卡片/x"), {
      id: "Logseq元问题库/pages/？ RabbitMq 集群模式",
    });
    assert.deepEqual(notes.resolve("甲/笔记", "乙/来源"), { id: "甲/笔记" });
  });

  test("then the path case-insensitively", () => {
    assert.deepEqual(notes.resolve("logseq元问题库/PAGES/？rabbitmq普通集群模式", "x"), {
      id: "Logseq元问题库/pages/？RabbitMq普通集群模式",
    });
    assert.deepEqual(notes.resolve("README", "x"), { id: "Readme" });
  });

  test("then a unique file name, in any case", () => {
    assert.deepEqual(notes.resolve("独有", "深/层/目录/笔记"), { id: "独有" });
    assert.deepEqual(notes.resolve("kafka 简介", "x"), { id: "资料/Kafka 简介" });
    assert.deepEqual(notes.resolve("？ RabbitMq 集群模式", "卡片/x"), { id: "Logseq元问题库/pages/？ RabbitMq 集群模式" });
  });

  test("a partial path must match the end of the note's path", () => {
    assert.deepEqual(notes.resolve("层/目录/笔记", "x"), { id: "深/层/目录/笔记" });
    assert.deepEqual(notes.resolve("pages/？RabbitMq普通集群模式", "x"), { id: "Logseq元问题库/pages/？RabbitMq普通集群模式" });
    assert.equal(notes.resolve("别的/笔记", "x"), undefined);
    assert.equal(notes.resolve("录/笔记", "x"), undefined);
  });

  test("ambiguous: the same folder as the source wins", () => {
    assert.deepEqual(notes.resolve("笔记", "乙/来源"), { id: "乙/笔记", ambiguous: ["甲/笔记", "深/层/目录/笔记"] });
    assert.deepEqual(notes.resolve("笔记", "深/层/目录/别的"), { id: "深/层/目录/笔记", ambiguous: ["乙/笔记", "甲/笔记"] });
  });

  test("ambiguous elsewhere: the shortest path, then code-unit order (never the machine's locale)", () => {
    // 乙 (U+4E59) < 甲 (U+7532); a zh-CN collator would put 甲 first.
    assert.deepEqual(notes.resolve("笔记", "卡片/x"), { id: "乙/笔记", ambiguous: ["甲/笔记", "深/层/目录/笔记"] });
  });

  test("unknown targets are unresolved", () => {
    assert.equal(notes.resolve("？不存在的问题", "x"), undefined);
    assert.equal(notes.resolve("Logseq元问题库/pages/？不存在", "x"), undefined);
  });

  test("an empty target (`[[#标题]]`) is the source note itself", () => {
    assert.deepEqual(notes.resolve("", "乙/来源"), { id: "乙/来源" });
    assert.deepEqual(notes.resolve("  ", "乙/来源"), { id: "乙/来源" });
  });

  test("`.md`, a leading `/` and surrounding spaces are ignored", () => {
    assert.deepEqual(notes.resolve("/甲/笔记.md", "x"), { id: "甲/笔记" });
    assert.deepEqual(notes.resolve(" 独有.MD ", "x"), { id: "独有" });
  });

  test("relative links from the source's folder", () => {
    assert.deepEqual(notes.resolve("./笔记", "甲/别的"), { id: "甲/笔记" });
    assert.deepEqual(notes.resolve("../乙/来源", "甲/别的"), { id: "乙/来源" });
    assert.deepEqual(notes.resolve("../笔记", "深/层/目录/笔记/x"), { id: "深/层/目录/笔记" });
  });

  test("a relative link to nothing, or out of the vault, is unresolved (no guess by name)", () => {
    assert.equal(notes.resolve("../../笔记", "深/层/目录/x"), undefined);
    assert.equal(notes.resolve("../../独有", "甲/x"), undefined);
  });

  test("NFD input finds an NFC note", () => {
    const decomposed = index(["카드/한글 노트"]);
    assert.deepEqual(decomposed.resolve("카드/한글 노트".normalize("NFD"), "x"), { id: "카드/한글 노트" });
    assert.deepEqual(decomposed.resolve("한글 노트".normalize("NFD"), "x"), { id: "카드/한글 노트" });
  });

  test("aliases resolve like file names", () => {
    const withAliases = index(["Logseq元问题库/pages/？保证消息队列的高可用", "甲/笔记"], {
      "Logseq元问题库/pages/？保证消息队列的高可用": ["MQ 高可用", "消息队列的高可用"],
    });
    assert.deepEqual(withAliases.resolve("mq 高可用", "x"), { id: "Logseq元问题库/pages/？保证消息队列的高可用" });
    assert.deepEqual(withAliases.resolve("消息队列的高可用", "x"), { id: "Logseq元问题库/pages/？保证消息队列的高可用" });
    assert.equal(withAliases.has("甲/笔记"), true);
    assert.equal(withAliases.has("MQ 高可用"), false);
  });

  test("an alias equal to another note's name makes the name ambiguous", () => {
    const clash = index(["甲/笔记", "乙/别的"], { "乙/别的": ["笔记"] });
    const resolution = clash.resolve("笔记", "丙/x");
    assert.ok(resolution?.ambiguous);
    assert.equal(resolution.ambiguous.length, 1);
  });
});

describe("path helpers", () => {
  test("normalizeTarget, basename, dirname", () => {
    assert.equal(normalizeTarget(" /卡片/笔记.md "), "卡片/笔记");
    assert.equal(normalizeTarget("한".normalize("NFD")), "한");
    assert.equal(basename("Logseq元问题库/pages/？ RabbitMq 集群模式"), "？ RabbitMq 集群模式");
    assert.equal(basename("独有"), "独有");
    assert.equal(dirname("Logseq元问题库/pages/？ RabbitMq 集群模式"), "Logseq元问题库/pages");
    assert.equal(dirname("独有"), "");
  });
});

describe("resolution in a loaded vault", () => {
  const root = makeVault({
    "甲/笔记.md": "# 甲的笔记\n",
    "乙/笔记.md": "# 乙的笔记\n",
    "乙/来源.md": "见 [[笔记]] 和 [[甲/笔记]]。\n",
    "根.md": "第一行\n\n再见 [[笔记#标题|别名]]\n",
    "Logseq元问题库/pages/？保证消息队列的高可用.md": "alias:: MQ 高可用, 消息队列的高可用\n\n- 正文\n",
    "资料/别名页.md": "---\naliases: [Kafka 简介, \"[[卡夫卡]]\"]\n---\n正文\n",
    "卡片/卡.md": "* [[MQ 高可用]]\n* [[卡夫卡]]\n* [[./../资料/别名页]]\n* [[README]]\n* [[？不存在的问题]]\n",
    "README.md": "说明\n",
  });
  after(() => removeVault(root));
  const { graph } = loadVault(root);
  const linksFrom = (id: string) => graph.links.filter((link) => link.from === id).map((link) => [link.to, link.resolved]);

  test("same folder wins, and the ambiguity is a warning with a place", () => {
    assert.deepEqual(linksFrom("乙/来源"), [
      ["乙/笔记", true],
      ["甲/笔记", true],
    ]);
    const ambiguous = graph.diagnostics.filter((d) => d.code === "link-ambiguous");
    assert.deepEqual(
      ambiguous.map((d) => [d.path, d.line, d.column, d.severity]),
      [
        ["乙/来源.md", 1, 3, "warning"],
        ["根.md", 3, 4, "warning"],
      ],
    );
    assert.match(ambiguous[0]?.message ?? "", /\[\[笔记\]\].*乙\/笔记.*甲\/笔记/);
  });

  test("from elsewhere: shortest path then code-unit order, heading kept", () => {
    const [link] = graph.links.filter((entry) => entry.from === "根");
    assert.deepEqual(link, { from: "根", to: "乙/笔记", line: 3, column: 4, resolved: true, heading: "标题" });
  });

  test("Logseq `alias::`, front matter aliases (with `[[ ]]`), relative paths, case", () => {
    assert.deepEqual(linksFrom("卡片/卡").slice(0, 4), [
      ["Logseq元问题库/pages/？保证消息队列的高可用", true],
      ["资料/别名页", true],
      ["资料/别名页", true],
      ["README", true],
    ]);
  });

  test("a question with no file is still a node, unresolved", () => {
    assert.deepEqual(linksFrom("卡片/卡")[4], ["？不存在的问题", false]);
    assert.ok(graph.questions.some((question) => question.id === "？不存在的问题" && !question.hasPage));
  });

  test("aliases are listed on the note", () => {
    assert.deepEqual(graph.notes.find((note) => note.id === "资料/别名页")?.aliases, ["Kafka 简介", "卡夫卡"]);
    assert.deepEqual(graph.notes.find((note) => note.id === "Logseq元问题库/pages/？保证消息队列的高可用")?.aliases, [
      "MQ 高可用",
      "消息队列的高可用",
    ]);
  });

  test("backlinks are the inverted index of resolved links", () => {
    assert.deepEqual(graph.notes.find((note) => note.id === "乙/笔记")?.backlinks, ["乙/来源", "根"]);
    assert.deepEqual(graph.notes.find((note) => note.id === "甲/笔记")?.backlinks, ["乙/来源"]);
    assert.deepEqual(graph.notes.find((note) => note.id === "资料/别名页")?.backlinks, ["卡片/卡"]);
  });
});

test("an unresolved link is an info diagnostic; a pageless question or an attachment is not", () => {
  const root = makeVault({ "卡片/a.md": "* [[不存在的笔记]] [[？没有页面的问题]] [[图.png]] [[#本页标题]]\n" });
  try {
    const { graph } = loadVault(root);
    assert.deepEqual(
      graph.diagnostics.map((d) => [d.severity, d.code, d.line, d.column]),
      [["info", "link-unresolved", 1, 3]],
    );
    assert.match(graph.diagnostics[0]?.message ?? "", /不存在的笔记/);
  } finally {
    removeVault(root);
  }
});
