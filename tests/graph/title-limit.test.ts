/**
 * Note-controlled names never carry markup into file paths or URLs, and long titles are cut with a warning
 * (issue 7 point 6).
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { maxTitleLength } from "../../src/graph/title-limit.ts";
import { maxSegmentBytes, pathUrl, permalinkUrl, questionUrl, tagUrl } from "../../src/graph/url.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const markup = /[<>"'`\u0000-\u001f]/;

test("permalinks with markup or control characters are refused", () => {
  for (const raw of ["/<script>alert(1)</script>/", '/a"b/', "/a'b/", "/a`b/", "/a\u0001b/", "/%3Cimg%3E/"]) {
    const result = permalinkUrl(raw);
    assert.ok("problem" in result, raw);
  }
  assert.deepEqual(permalinkUrl("/卡片/好的/"), { url: "/卡片/好的/" });
  assert.ok("problem" in permalinkUrl(`/${"长".repeat(100)}/`), "a segment over 200 bytes");
});

test("URLs from free text never hold markup and segments stay under the byte cap", () => {
  for (const text of ['<img src=x onerror="alert(1)">', "a'b`c", "x\u0000y"]) {
    for (const url of [pathUrl(text), questionUrl(text), tagUrl(text)]) assert.doesNotMatch(url, markup, url);
  }
  const long = questionUrl(`？${"问".repeat(500)}`);
  for (const segment of long.split("/"))
    assert.ok(Buffer.byteLength(segment) <= maxSegmentBytes, segment.length.toString());
});

test("a long title is cut in the graph with title-too-long; the URL stays short", () => {
  const vault = makeVault({
    "长标题.md": `---\ntitle: ${"题".repeat(350_000)}\n---\n正文\n`,
    "卡片.md": `* [[？${"问".repeat(300)}]]\n`,
    "坏链接.md": `---\npermalink: "/<script>x</script>/"\n---\n正文 #[[<img src=x onerror=alert(1)>]]\n`,
  });
  after(() => removeVault(vault));
  const { graph } = loadVault(vault);
  const note = graph.notes.find((n) => n.id === "长标题");
  assert.ok(note);
  assert.equal([...note.title].length, maxTitleLength);
  assert.ok(note.title.endsWith("…"));
  const question = graph.questions.find((q) => q.title.startsWith("？问"));
  assert.ok(question);
  assert.equal([...question.title].length, maxTitleLength);
  assert.ok(Buffer.byteLength(question.url) < 260);
  const codes = graph.diagnostics.map((d) => `${d.path} ${d.code}`).sort();
  assert.deepEqual(codes, [
    "卡片.md title-too-long",
    "坏链接.md link-unresolved",
    "坏链接.md permalink-invalid",
    "坏链接.md tag-invalid",
    // 350,000 CJK characters are over the 1 MiB note budget too: the body is plain text, the title still read.
    "长标题.md budget-size",
    "长标题.md title-too-long",
  ]);
  for (const item of [...graph.notes, ...graph.questions, ...graph.tags])
    assert.doesNotMatch(item.url, markup, item.url);
  assert.deepEqual(graph.tags, []);
});
