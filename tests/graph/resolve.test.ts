/**
 * Link resolution (DIALECT §2), as Obsidian does it: exact vault path, case-insensitive path, unique file name,
 * then a tie-break (same folder, then shortest path) with a `link-ambiguous` warning; aliases; relative links.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { basename, dirname, LinkResolver, markdownLinkRef, NoteIndex, normalizeTarget, type ResolverData } from "../../src/graph/resolve.ts";
import { sortDiagnostics } from "../../src/graph/diagnostics.ts";
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

test("an unresolved note link is info; a missing attachment or heading a warning; a pageless question nothing", () => {
  const root = makeVault({ "卡片/a.md": "* [[不存在的笔记]] [[？没有页面的问题]] [[图.png]] [[#本页标题]]\n" });
  try {
    const { graph } = loadVault(root);
    assert.deepEqual(
      sortDiagnostics(graph.diagnostics).map((d) => [d.severity, d.code, d.line, d.column]),
      [
        ["info", "link-unresolved", 1, 3],
        ["warning", "attachment-missing", 1, 27],
        ["warning", "heading-missing", 1, 37],
      ],
    );
    assert.match(graph.diagnostics.find((d) => d.code === "link-unresolved")?.message ?? "", /不存在的笔记/);
  } finally {
    removeVault(root);
  }
});

describe("LinkResolver: notes, attachments, headings and blocks from one snapshot", () => {
  const data: ResolverData = {
    notes: [
      { id: "链接/标题测试", aliases: ["标题样例"] },
      { id: "链接/子目录/深层 笔记", aliases: [] },
      { id: "卡片/引入消息队列之后该如何保证其高可用性1.mp4", aliases: [] },
      { id: "其他/深层 笔记", aliases: [] },
    ],
    attachments: ["附件/图 1.png", "附件/重名.png", "资源/图片/重名.png", "资源/图片/示意图.png", "附件/文档.pdf", "链接/旁边.png"],
    headings: {
      "链接/标题测试": [
        { depth: 1, text: "标题测试", id: "标题测试", line: 1 },
        { depth: 2, text: "第一章：概述", id: "第一章概述", line: 3 },
        { depth: 3, text: "细节", id: "细节", line: 5 },
        { depth: 2, text: "第二章 RabbitMq 集群？", id: "第二章-rabbitmq-集群", line: 7 },
        { depth: 3, text: "细节", id: "细节-1", line: 9 },
      ],
    },
    blocks: { "链接/标题测试": ["Chapter2"] },
    questions: ["库/？没有页面"],
    questionPrefix: "？",
  };
  const resolver = new LinkResolver(data);
  const from = "链接/链接大全";

  test("a heading matches case-, space- and punctuation-insensitively", () => {
    for (const heading of ["第一章：概述", "第一章 概述", "第一章概述", "  第一章:概述 "]) {
      assert.deepEqual(resolver.resolve({ target: "标题测试", heading }, from), { kind: "note", id: "链接/标题测试", anchor: "第一章概述" });
    }
    assert.deepEqual(resolver.resolve({ target: "标题样例", heading: "第二章 rabbitmq 集群" }, from), {
      kind: "note",
      id: "链接/标题测试",
      anchor: "第二章-rabbitmq-集群",
    });
  });

  test("`#H1#H2` finds H2 inside H1's section; a same-note `[[#H]]` has an empty target", () => {
    assert.equal(resolver.resolve({ target: "标题测试", heading: "第二章 RabbitMq 集群？#细节" }, from).id, "链接/标题测试");
    assert.deepEqual(resolver.resolve({ target: "标题测试", heading: "第二章 RabbitMq 集群？#细节" }, from), { kind: "note", id: "链接/标题测试", anchor: "细节-1" });
    assert.deepEqual(resolver.resolve({ target: "标题测试", heading: "第一章：概述#细节" }, from), { kind: "note", id: "链接/标题测试", anchor: "细节" });
    assert.deepEqual(resolver.resolve({ target: "", heading: "细节" }, "链接/标题测试"), { kind: "note", id: "链接/标题测试", anchor: "细节" });
  });

  test("a missing heading or block still lands on the note, and says which", () => {
    assert.deepEqual(resolver.resolve({ target: "标题测试", heading: "没有这一章" }, from), { kind: "note", id: "链接/标题测试", missing: "heading" });
    assert.deepEqual(resolver.resolve({ target: "标题测试", block: "nothere" }, from), { kind: "note", id: "链接/标题测试", missing: "block" });
    assert.deepEqual(resolver.resolve({ target: "标题测试", block: "chapter2" }, from), { kind: "note", id: "链接/标题测试", anchor: "Chapter2" });
  });

  test("markdown links: relative to the note's folder first, then as wiki links", () => {
    assert.deepEqual(resolver.resolve({ target: "子目录/深层 笔记.md", markdown: true }, from), { kind: "note", id: "链接/子目录/深层 笔记" });
    assert.deepEqual(resolver.resolve({ target: "../链接/标题测试.md", markdown: true }, from), { kind: "note", id: "链接/标题测试" });
    assert.deepEqual(resolver.resolve({ target: "标题测试", markdown: true }, from), { kind: "note", id: "链接/标题测试" });
    // As a wiki link the same name is ambiguous (two `深层 笔记`); relative to the folder it is not.
    assert.ok("ambiguous" in resolver.resolve({ target: "深层 笔记" }, "x/y"));
    assert.deepEqual(resolver.resolve({ target: "不存在.md", markdown: true }, from), { kind: "missing", id: "不存在", attachment: false });
  });

  test("attachments: path, unique file name, relative markdown path, shortest path when ambiguous", () => {
    assert.deepEqual(resolver.resolve({ target: "示意图.png", embed: true }, from), { kind: "attachment", id: "资源/图片/示意图.png" });
    assert.deepEqual(resolver.resolve({ target: "附件/图 1.png" }, from), { kind: "attachment", id: "附件/图 1.png" });
    assert.deepEqual(resolver.resolve({ target: "../附件/图 1.png", markdown: true }, from), { kind: "attachment", id: "附件/图 1.png" });
    assert.deepEqual(resolver.resolve({ target: "旁边.png", markdown: true }, from), { kind: "attachment", id: "链接/旁边.png" });
    assert.deepEqual(resolver.resolve({ target: "重名.png" }, from), { kind: "attachment", id: "附件/重名.png", ambiguous: ["资源/图片/重名.png"] });
    assert.deepEqual(resolver.resolve({ target: "文档.PDF" }, from), { kind: "attachment", id: "附件/文档.pdf" });
    assert.deepEqual(resolver.resolve({ target: "没有.png" }, from), { kind: "missing", id: "没有.png", attachment: true });
    assert.deepEqual(resolver.resolve({ target: "../../出界.png", markdown: true }, from), { kind: "missing", id: "../../出界.png", attachment: true });
  });

  test("a note named like a file (`x.mp4.md`) is found when no such file exists", () => {
    assert.deepEqual(resolver.resolve({ target: "引入消息队列之后该如何保证其高可用性1.mp4" }, from), {
      kind: "note",
      id: "卡片/引入消息队列之后该如何保证其高可用性1.mp4",
    });
  });

  test("questions without a page: a bare name joins the one written with its folder", () => {
    assert.deepEqual(resolver.resolve({ target: "？没有页面" }, from), { kind: "question", id: "库/？没有页面" });
    assert.deepEqual(resolver.resolve({ target: "？别的问题" }, from), { kind: "question", id: "？别的问题" });
  });

  test("the snapshot is plain data: a copy through JSON resolves the same", () => {
    const copy = new LinkResolver(JSON.parse(JSON.stringify(data)) as ResolverData);
    for (const ref of [{ target: "标题测试", heading: "第一章 概述" }, { target: "重名.png" }, { target: "？没有页面" }]) {
      assert.deepEqual(copy.resolve(ref, from), resolver.resolve(ref, from));
    }
  });
});

describe("markdownLinkRef", () => {
  test("vault paths, percent-decoded, with the fragment as heading or block", () => {
    assert.deepEqual(markdownLinkRef("a%20b.md"), { target: "a b.md", markdown: true });
    assert.deepEqual(markdownLinkRef("../dir/a.md#%E6%A0%87%E9%A2%98"), { target: "../dir/a.md", markdown: true, heading: "标题" });
    assert.deepEqual(markdownLinkRef("a.md#^abc"), { target: "a.md", markdown: true, block: "abc" });
    assert.deepEqual(markdownLinkRef("附件/图%201.png"), { target: "附件/图 1.png", markdown: true });
  });

  test("web addresses, file: URLs, other schemes and same-page anchors are not vault links", () => {
    for (const url of ["https://example.com/a.md", "file:///Z:/a.md", "mailto:a@b.c", "#标题", "javascript:alert(1)"]) {
      assert.equal(markdownLinkRef(url), undefined, url);
    }
  });
});
