/**
 * Site URLs: permalinks, path URLs, question and tag URLs. Decoded, `/`-wrapped, never `..`, never a built-in
 * route; a bad or duplicate permalink is a diagnostic and the note falls back to a safe path URL.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { pathUrl, permalinkUrl, questionUrl, reservedSegments, slugSegment, tagUrl } from "../../src/graph/url.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

/** What every site URL must be: decoded, `/`-wrapped, no `..` segment, no empty segment, not the root. */
function assertSafe(url: string) {
  assert.match(url, /^\/.+\/$/, url);
  const segments = url.slice(1, -1).split("/");
  for (const segment of segments) {
    assert.notEqual(segment, "", url);
    assert.notEqual(segment, ".", url);
    assert.notEqual(segment, "..", url);
    assert.doesNotMatch(segment, /[\\:*?"<>|#%\u0000-\u001f]/, url);
  }
}

describe("permalinkUrl", () => {
  test("the seed's permalink, CJK and `.mp4` kept", () => {
    assert.deepEqual(permalinkUrl("/卡片/引入消息队列之后该如何保证其高可用性1.mp4/"), {
      url: "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/",
    });
  });

  test("slashes are added, doubled slashes and `.` segments folded, percent-encoding decoded", () => {
    assert.deepEqual(permalinkUrl("卡片/笔记"), { url: "/卡片/笔记/" });
    assert.deepEqual(permalinkUrl("//卡片//./笔记/"), { problem: "is an absolute URL" });
    assert.deepEqual(permalinkUrl("/卡片//./笔记/"), { url: "/卡片/笔记/" });
    assert.deepEqual(permalinkUrl("/%E5%8D%A1%E7%89%87/x/"), { url: "/卡片/x/" });
    assert.deepEqual(permalinkUrl("\\卡片\\笔记"), { url: "/卡片/笔记/" });
  });

  test("`..` anywhere is refused, encoded too", () => {
    for (const raw of ["/../etc/", "/卡片/../../x/", "..", "/a/%2E%2E/b/", "/a/..\\b/"]) {
      const result = permalinkUrl(raw);
      assert.ok("problem" in result, raw);
      assert.match(result.problem, /\.\./, raw);
    }
  });

  test("absolute URLs are refused", () => {
    for (const raw of ["https://example.com/x/", "javascript:alert(1)", "file:///etc/passwd", "//evil.example/x", "mailto:a@b.c"]) {
      assert.deepEqual(permalinkUrl(raw), { problem: "is an absolute URL" }, raw);
    }
  });

  test("reserved routes are refused, in any case", () => {
    for (const segment of reservedSegments) {
      const result = permalinkUrl(`/${segment}/x/`);
      assert.ok("problem" in result, segment);
      assert.match(result.problem, /reserved route/);
    }
    assert.ok("problem" in permalinkUrl("/Tags/RabbitMq/"));
    assert.ok("problem" in permalinkUrl("/Q/问题/"));
  });

  test("a reserved word deeper in the path is fine", () => {
    assert.deepEqual(permalinkUrl("/卡片/tags/"), { url: "/卡片/tags/" });
  });

  test("the root, empty values and non-strings are refused", () => {
    for (const raw of ["/", "", "  ", "///", "/./", 42, null, undefined, ["/x/"], { url: "/x/" }]) {
      assert.ok("problem" in permalinkUrl(raw), String(raw));
    }
  });

  test("unsafe characters are dropped from segments; a segment of only them is refused", () => {
    assert.deepEqual(permalinkUrl("/卡片/问题？/a:b*c/"), { url: "/卡片/问题？/abc/" });
    assert.ok("problem" in permalinkUrl("/卡片/???/"));
    assert.ok("problem" in permalinkUrl("/卡片/.\u0000./"));
  });

  test("a malformed percent escape does not throw", () => {
    assert.doesNotThrow(() => permalinkUrl("/卡片/%E6%88/"));
    const result = permalinkUrl("/卡片/%E6%88/");
    if ("url" in result) assertSafe(result.url);
  });
});

describe("pathUrl, slugSegment, questionUrl, tagUrl", () => {
  test("a note's path URL keeps CJK and `？`; whitespace becomes `-`", () => {
    assert.equal(pathUrl("卡片/引入消息队列之后该如何保证其高可用性1.mp4"), "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/");
    assert.equal(pathUrl("Logseq元问题库/pages/？ RabbitMq 集群模式"), "/Logseq元问题库/pages/？-RabbitMq-集群模式/");
  });

  test("a path URL never lands on a reserved route and never contains `..`", () => {
    assert.equal(pathUrl("tags/笔记"), "/tags-/笔记/");
    assert.equal(pathUrl("Q/笔记"), "/Q-/笔记/");
    for (const id of ["../笔记", "a/../b", "..", ".../x", "a/./b", "", "///", "？", "#", "%%"]) {
      assertSafe(pathUrl(id));
    }
    assert.equal(pathUrl(""), "/untitled/");
  });

  test("slugSegment", () => {
    assert.equal(slugSegment(" RabbitMq  普通集群模式 原理 "), "RabbitMq-普通集群模式-原理");
    assert.equal(slugSegment("a - b"), "a-b");
    assert.equal(slugSegment(".."), "");
    assert.equal(slugSegment("..."), "");
    assert.equal(slugSegment("TCP/IP 协议"), "TCP-IP-协议");
    assert.equal(slugSegment("../.."), "..-..");
    assert.equal(slugSegment("问题：为什么？"), "问题：为什么？");
    assert.equal(slugSegment("C#|x"), "Cx");
    assert.equal(slugSegment("한".normalize("NFD")), "한");
  });

  test("a question URL keeps CJK and drops the leading `？`", () => {
    assert.equal(questionUrl("？ RabbitMq 的 高可用 实现"), "/q/RabbitMq-的-高可用-实现/");
    assert.equal(questionUrl("？保证消息队列的高可用"), "/q/保证消息队列的高可用/");
    assert.equal(questionUrl("？为什么？"), "/q/为什么？/");
    assert.equal(questionUrl("？"), "/q/question/");
    assert.equal(questionUrl("Q: 集群", "Q:"), "/q/集群/");
    assert.equal(questionUrl("？TCP/IP 是什么"), "/q/TCP-IP-是什么/");
    assertSafe(questionUrl("？../.."));
    assertSafe(questionUrl("？.."));
  });

  test("tag URLs nest under /tags/", () => {
    assert.equal(tagUrl("RabbitMq/单机模式"), "/tags/RabbitMq/单机模式/");
    assert.equal(tagUrl("集群"), "/tags/集群/");
    assert.equal(tagUrl("multi word"), "/tags/multi-word/");
    assert.equal(tagUrl("//"), "/tags/tag/");
    assertSafe(tagUrl("../x"));
  });
});

describe("URLs in a loaded vault", () => {
  const root = makeVault({
    "卡片/一.md": '---\n{"permalink":"/卡片/共享/"}\n---\n正文\n',
    "卡片/二.md": '---\n{"permalink":"/卡片/共享/"}\n---\n正文\n',
    "卡片/三.md": "---\npermalink: /../../etc/\n---\n正文\n",
    "卡片/四.md": "---\npermalink: https://example.com/x/\n---\n正文\n",
    "卡片/五.md": "---\npermalink: /tags/集群/\n---\n正文\n",
    "卡片/六.md": "---\ndg-permalink: 六号\n---\n正文\n",
    "卡片/七.md": "---\npermalink: /卡片/共享/\n---\n正文 [[？ RabbitMq 的 高可用 实现]]\n",
    "tags.md": "与路由同名的笔记\n",
    "Logseq元问题库/pages/？越界.md": "---\ntitle: ？../../越界\n---\n- 标题想爬出 /q/\n",
    "Logseq元问题库/pages/？ RabbitMq 的 高可用 实现.md": "- 问题页\n",
    "Logseq元问题库/pages/？RabbitMq 的 高可用 实现.md": "- 另一个写法，URL 相同\n",
  });
  after(() => removeVault(root));
  const { graph } = loadVault(root);
  const urlOf = (id: string) => graph.notes.find((note) => note.id === id)?.url;
  const codes = (id: string) =>
    graph.diagnostics.filter((d) => d.path === `${id}.md`).map((d) => [d.code, d.severity, d.line, d.column]);

  test("the first note keeps a shared permalink; the others fall back, with a warning", () => {
    assert.equal(urlOf("卡片/一"), "/卡片/共享/");
    assert.equal(urlOf("卡片/二"), "/卡片/二/");
    assert.deepEqual(codes("卡片/二"), [["permalink-duplicate", "warning", 1, 1]]);
    assert.equal(urlOf("卡片/七"), "/卡片/七/");
    assert.match(graph.diagnostics.find((d) => d.path === "卡片/二.md")?.message ?? "", /卡片\/一/);
  });

  test("`..`, absolute and reserved permalinks: a warning and a safe path URL", () => {
    assert.equal(urlOf("卡片/三"), "/卡片/三/");
    assert.equal(urlOf("卡片/四"), "/卡片/四/");
    assert.equal(urlOf("卡片/五"), "/卡片/五/");
    for (const id of ["卡片/三", "卡片/四", "卡片/五"]) assert.deepEqual(codes(id), [["permalink-invalid", "warning", 1, 1]]);
  });

  test("dg-permalink is a permalink too", () => {
    assert.equal(urlOf("卡片/六"), "/六号/");
  });

  test("a note named like a route does not take it", () => {
    assert.equal(urlOf("tags"), "/tags-/");
  });

  test("question pages get the question's URL; two titles with one slug get distinct URLs", () => {
    const spaced = graph.questions.find((q) => q.id === "Logseq元问题库/pages/？ RabbitMq 的 高可用 实现");
    const tight = graph.questions.find((q) => q.id === "Logseq元问题库/pages/？RabbitMq 的 高可用 实现");
    assert.ok(spaced && tight);
    assert.notEqual(spaced.url, tight.url);
    assert.deepEqual([spaced.url, tight.url].sort(), ["/q/RabbitMq-的-高可用-实现-2/", "/q/RabbitMq-的-高可用-实现/"].sort());
    assert.equal(urlOf(spaced.id), spaced.url);
    assert.equal(urlOf(tight.id), tight.url);
  });

  test("a question title with `/` and `..` stays under /q/", () => {
    const question = graph.questions.find((q) => q.id === "Logseq元问题库/pages/？越界");
    assert.equal(question?.title, "？../../越界");
    assert.equal(question?.url, "/q/..-..-越界/");
  });

  test("every URL is safe and unique", () => {
    const urls = [...graph.notes.filter((n) => n.kind !== "question").map((n) => n.url), ...graph.questions.map((q) => q.url), ...graph.tags.map((t) => t.url)];
    for (const url of urls) assertSafe(url);
    const pages = [...graph.notes.filter((n) => n.kind !== "question").map((n) => n.url), ...graph.questions.map((q) => q.url)];
    assert.equal(new Set(pages.map((url) => url.toLowerCase())).size, pages.length);
  });
});
