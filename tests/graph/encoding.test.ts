/**
 * Encodings (issue 7): a UTF-8 BOM is dropped silently; UTF-16 is decoded with an info; a binary file named
 * `.md` is an error and a page that says it is not text; invalid UTF-8 is a warning at the first bad byte;
 * NUL and other C0 controls are removed with a warning, so they never cut a tag or a link.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createProcessor } from "../../plugins/index.ts";
import { decodeSource } from "../../src/graph/source.ts";
import { parseNote } from "../../src/graph/vault.ts";

const processor = createProcessor();
const parse = (bytes: Uint8Array, path = "笔记.md") => parseNote(processor, { id: path.slice(0, -3), path }, decodeSource(bytes, path));
const codes = (bytes: Uint8Array) => decodeSource(bytes, "笔记.md").diagnostics.map((d) => [d.code, d.severity, d.line, d.column]);

describe("decodeSource", () => {
  test("UTF-8 with a BOM: stripped, no diagnostic, front matter read", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("---\ntitle: 标题\n---\n正文 #集群\n")]);
    assert.deepEqual(codes(bytes), []);
    const { note } = parse(bytes);
    assert.deepEqual(note.frontmatter, { title: "标题" });
    assert.deepEqual(note.facts.tags.map((t) => t.name), ["集群"]);
  });

  for (const [name, bom, encoding] of [
    ["LE", [0xff, 0xfe], "utf16le"],
    ["BE", [0xfe, 0xff], "utf16be"],
  ] as const) {
    test(`UTF-16 ${name} with a BOM: decoded, an info diagnostic`, () => {
      const text = Buffer.from("---\ntitle: 标题\n---\n* [[？问题]] #集群\n", "utf16le");
      const body = encoding === "utf16be" ? Buffer.from(text).swap16() : text;
      const bytes = Buffer.concat([Buffer.from(bom), body]);
      assert.deepEqual(codes(bytes), [["encoding-utf16", "info", 1, 1]]);
      const { note } = parse(bytes);
      assert.deepEqual(note.frontmatter, { title: "标题" });
      assert.deepEqual(note.facts.links.map((l) => l.target), ["？问题"]);
    });
  }

  test("UTF-16 LE without a BOM (ASCII text, every other byte NUL): decoded, the info says so", () => {
    const bytes = Buffer.from("# Title\n\nplain text #tag\n", "utf16le");
    const decoded = decodeSource(bytes, "笔记.md");
    assert.equal(decoded.text, "# Title\n\nplain text #tag\n");
    assert.match(decoded.diagnostics[0]?.message ?? "", /no byte order mark/);
  });

  test("PNG bytes named .md: an error, no text, and a page that says the file is not text", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    assert.deepEqual(codes(png), [["not-text", "error", 1, 1]]);
    const { note, tree } = parse(png);
    assert.match(note.diagnostics[0]?.message ?? "", /PNG image, not text \(16 bytes\)/);
    const shown = JSON.stringify(tree);
    assert.match(shown, /不是文本/);
    assert.match(shown, /not text/);
    assert.ok(!shown.includes("\\u0000") && !shown.includes("IHDR"), "no mojibake");
  });

  test("NUL-heavy bytes without magic are binary too", () => {
    const bytes = Buffer.alloc(4096, 0);
    bytes.write("text at the start");
    assert.deepEqual(codes(bytes), [["not-text", "error", 1, 1]]);
  });

  test("invalid UTF-8: a warning at the first bad byte's line and column, U+FFFD in the text", () => {
    const bytes = Buffer.concat([Buffer.from("第一行\n第二"), Buffer.from([0xff]), Buffer.from("行 #集群\n")]);
    assert.deepEqual(codes(bytes), [["encoding-invalid", "warning", 2, 3]]);
    const decoded = decodeSource(bytes, "笔记.md");
    assert.equal(decoded.text, "第一行\n第二\uFFFD行 #集群\n");
  });

  test("GBK bytes: the warning says so", () => {
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xca, 0xc0, 0xbd, 0xe7, 0x0a]); // 你好世界
    const [diagnostic] = decodeSource(gbk, "笔记.md").diagnostics;
    assert.equal(diagnostic?.code, "encoding-invalid");
    assert.match(diagnostic?.message ?? "", /GBK\/GB18030/);
  });

  test("NUL and other C0 controls: removed with one warning at the first; tags and links stay whole", () => {
    const bytes = Buffer.from("第一行\n正文 #集\u0000群 和 [[链\u0001接]] \u001b[31m 保留\t制表符\r\n");
    assert.deepEqual(codes(bytes), [["control-character", "warning", 2, 6]]);
    const decoded = decodeSource(bytes, "笔记.md");
    assert.match(decoded.diagnostics[0]?.message ?? "", /3 control characters removed \(1 × NUL, 1 × U\+0001, 1 × U\+001B\)/);
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(decoded.text));
    assert.ok(decoded.text.includes("\t") && decoded.text.includes("\r\n"));
    const { note } = parse(bytes);
    assert.deepEqual(note.facts.tags.map((t) => t.name), ["集群"]);
    assert.deepEqual(note.facts.links.map((l) => l.target), ["链接"]);
  });

  test("plain UTF-8 is left alone, with no diagnostic", () => {
    const text = "* [[？问题]]\n\t* 答案 #集群 ｜ 全角\n";
    const decoded = decodeSource(Buffer.from(text), "笔记.md");
    assert.equal(decoded.text, text);
    assert.deepEqual(decoded.diagnostics, []);
  });
});

test("parseNote given a string cleans it the same way", () => {
  const { note } = parseNote(processor, { id: "串", path: "串.md" }, "\uFEFF正文 #集\u0000群\n");
  assert.deepEqual(note.facts.tags.map((t) => t.name), ["集群"]);
  assert.deepEqual(
    note.diagnostics.map((d) => d.code),
    ["control-character"],
  );
});
