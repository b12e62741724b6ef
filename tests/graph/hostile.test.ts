/**
 * The hostile vault through the graph (issue 7 "What must hold"): the build data is sane, every non-empty note is
 * in the graph and either published (on a page) or named by a diagnostic that says why not, each adversarial case
 * has the diagnostic a careful user expects, and nothing a note wrote reaches a URL as markup.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import type { Graph } from "../../src/graph/types.ts";
import { listVault, loadVault } from "../../src/graph/vault.ts";
import { makeHostileVault } from "../helpers/hostile.ts";
import { removeVault } from "../helpers/vault.ts";

const vault = makeHostileVault();
after(() => removeVault(vault));
const graph: Graph = loadVault(vault).graph;

/** note → [published, codes it must have (among others)]. */
const expected: Record<string, [boolean, string[]]> = {
  "前言/坏YAML草稿": [false, ["frontmatter-invalid", "frontmatter-unreadable-unpublished"]],
  "前言/坏YAML无键": [true, ["frontmatter-invalid", "frontmatter-unreadable-published"]],
  "前言/不是映射": [false, ["frontmatter-not-a-map", "frontmatter-unreadable-unpublished"]],
  "前言/未闭合": [false, ["frontmatter-unterminated", "frontmatter-unreadable-unpublished"]],
  "前言/未闭合无键": [true, ["frontmatter-unterminated", "frontmatter-unreadable-published"]],
  "前言/字符串假": [false, ["publish-not-boolean"]],
  "前言/字符串真": [true, ["publish-not-boolean"]],
  "前言/草稿也许": [false, ["publish-not-boolean"]],
  "前言/重复键": [false, ["frontmatter-invalid", "frontmatter-unreadable-unpublished"]],
  "前言/JSON坏": [false, ["frontmatter-invalid", "frontmatter-unreadable-unpublished"]],
  "前言/别名炸弹": [false, ["frontmatter-invalid", "frontmatter-unreadable-unpublished"]],
  "前言/标题注入": [true, []],
  "前言/永久链接注入": [true, ["permalink-invalid"]],
  "前言/永久链接引号": [true, ["permalink-invalid"]],
  "前言/别名注入": [true, []],
  "前言/前言标签注入": [true, []],
  "注入/维基链接": [true, ["link-unresolved"]],
  "注入/链接与图片": [true, ["url-dangerous"]],
  "注入/标签与标题": [true, ["tag-invalid"]],
  "注入/标注": [true, []],
  "注入/评论": [true, []],
  "注入/Logseq属性": [true, []],
  "注入/原始HTML": [true, ["url-dangerous"]],
  "注入/时间标签": [true, []],
  "注入/\"引号'名字": [true, []],
  "注入/<img src=x onerror=window.__pwned=1>": [true, []],
  "注入/<script>window.__pwned=1<script>": [true, []],
  "远程/远程媒体": [true, []],
  "名字/坏标签": [true, ["tag-invalid"]],
  // Control characters are removed when the note is read (encodings), before any tag is seen.
  "名字/控制字符": [true, ["control-character"]],
  "名字/空笔记": [true, []],
  "时间/坏时间": [true, ["timestamp-out-of-range", "timestamp-invalid"]],
  "路径/危险路径": [true, ["path-dotdot", "path-unc"]],
  "块/重复块": [true, ["block-id-duplicate"]],
  "卡片/注入问题": [true, ["tag-invalid"]],
  "生成/超长标题": [true, ["title-too-long"]],
  "生成/链接洪水": [true, ["link-unresolved"]],
  "生成/超长问题": [true, ["title-too-long"]],
  "生成/图片字节": [true, []],
};

const codesOf = (notePath: string) => new Set(graph.diagnostics.filter((d) => d.path === notePath).map((d) => d.code));

describe("the hostile vault's graph", () => {
  test("every file is a note, and every case is listed here", () => {
    const ids = listVault(vault).map((file) => file.id);
    assert.deepEqual([...ids].sort(), Object.keys(expected).sort());
    assert.deepEqual(graph.notes.map((n) => n.id).sort(), [...ids].sort());
  });

  for (const [id, [published, codes]] of Object.entries(expected)) {
    test(`${id}: ${published ? "published" : "not published"}${codes.length ? `, ${codes.join(", ")}` : ""}`, () => {
      const note = graph.notes.find((n) => n.id === id);
      assert.ok(note);
      assert.equal(note.published, published);
      const have = codesOf(note.path);
      for (const code of codes) assert.ok(have.has(code), `${code} missing; has ${[...have].join(", ")}`);
    });
  }

  test("every non-empty note is published or named by a diagnostic", () => {
    for (const note of graph.notes) {
      const size = fs.statSync(path.join(vault, note.path)).size;
      if (size === 0 || note.published) continue;
      const named = graph.diagnostics.filter((d) => d.path === note.path && d.severity !== "info");
      assert.ok(named.length > 0, `${note.path} is unpublished and no diagnostic says why`);
    }
  });

  test("diagnostics are well formed", () => {
    const files = new Set(graph.notes.map((n) => n.path));
    for (const d of graph.diagnostics) {
      assert.ok(files.has(d.path), d.path);
      assert.ok(
        Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1,
        JSON.stringify(d),
      );
      assert.match(d.code, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(["error", "warning", "info"].includes(d.severity));
      assert.ok(d.message.length > 0 && d.message.length < 2_000, `${d.code}: ${d.message.length} characters`);
    }
  });

  test("the link flood is one diagnostic with its count", () => {
    const flood = graph.diagnostics.filter((d) => d.code === "link-unresolved" && d.message.includes("不存在的笔记"));
    assert.equal(flood.length, 1);
    assert.match(flood[0]?.message ?? "", /5000 links in 1 note,/);
  });

  test("URLs and tag names hold no markup, no `..`, and no segment over 200 bytes; titles are at most 200 characters", () => {
    const urls = [...graph.notes, ...graph.questions, ...graph.tags].map((item) => item.url);
    // One page per URL: question pages share their question's URL, every other note and each tag has its own.
    const pages = [...graph.notes.filter((n) => !graph.questions.some((q) => q.id === n.id)), ...graph.questions].map(
      (p) => p.url.toLowerCase(),
    );
    assert.equal(new Set(pages).size, pages.length, "page URLs are unique");
    assert.equal(new Set(graph.tags.map((t) => t.url.toLowerCase())).size, graph.tags.length, "tag URLs are unique");
    for (const url of urls) {
      assert.doesNotMatch(url, /[<>"'`\u0000-\u001f\\]/, url);
      assert.match(url, /^\/.*\/$/);
      for (const segment of url.split("/")) {
        assert.notEqual(segment, "..");
        assert.ok(Buffer.byteLength(segment) <= 200, `${segment.length} characters`);
      }
    }
    for (const tag of graph.tags) assert.doesNotMatch(tag.name, /[<>"'`\u0000-\u001f\\]|(^|\/)\.\.?(\/|$)/, tag.name);
    for (const item of [...graph.notes, ...graph.questions])
      assert.ok([...item.title].length <= 200, item.id.slice(0, 40));
  });

  test("the graph is JSON", () => {
    const json = JSON.stringify(graph);
    assert.deepEqual(JSON.parse(json).notes.length, graph.notes.length);
  });
});
