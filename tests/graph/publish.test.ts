/**
 * Publishing fails closed (issue 7 point 3): a note whose front matter cannot be read is published only in
 * `publish: all` mode and only when no publish word appears in the raw block; publish flags given as strings are
 * read with a warning, and one that reads as false never publishes.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { loadVault } from "../../src/graph/vault.ts";
import type { Graph } from "../../src/graph/types.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const files: Record<string, string> = {
  "草稿/坏YAML草稿.md": "---\ntitle: [未闭合\ndg-publish: false\n---\n\n草稿正文\n",
  "草稿/坏YAML无键.md": "---\ntitle: [未闭合\n作者: 张三\n---\n\n正文\n",
  "草稿/不是映射.md": "---\n- draft\n---\n正文\n",
  "草稿/不是映射无键.md": "---\n- 列表\n---\n正文\n",
  "草稿/未闭合.md": "---\ntitle: 未闭合\ndraft: true\n\n正文很长\n",
  "草稿/未闭合无键.md": "---\ntitle: 未闭合\n\n正文\n",
  "草稿/重复键.md": "---\ndg-publish: true\ndg-publish: false\n---\n正文\n",
  "草稿/JSON坏.md": '---\n{"dg-publish":false,\n---\n正文\n',
  "字符串/假.md": '---\ndg-publish: "false"\n---\n正文\n',
  "字符串/真.md": '---\ndg-publish: "true"\n---\n正文\n',
  "字符串/否.md": '---\npublish: "no"\n---\n正文\n',
  "字符串/草稿是.md": '---\ndraft: "yes"\n---\n正文\n',
  "字符串/也许.md": "---\ndg-publish: maybe\n---\n正文\n",
  "字符串/空值.md": "---\ndg-publish:\n---\n正文\n",
  "字符串/零.md": "---\ndg-publish: 0\n---\n正文\n",
  "正常/发布.md": "---\ndg-publish: true\n---\n正文\n",
  "正常/不发布.md": "---\ndg-publish: false\n---\n正文\n",
  "正常/无前言.md": "正文\n",
  "正常/分隔线.md": "---\n\n正文\n",
};

const vault = makeVault(files);
after(() => removeVault(vault));

function graphOf(publish: "all" | "dg"): Graph {
  return loadVault(vault, { publish }).graph;
}

const all = graphOf("all");
const dg = graphOf("dg");
const published = (graph: Graph, id: string) => {
  const note = graph.notes.find((n) => n.id === id);
  assert.ok(note, id);
  return note.published;
};
const codes = (graph: Graph, path: string) =>
  graph.diagnostics
    .filter((d) => d.path === path)
    .map((d) => d.code)
    .sort();

describe("unreadable front matter fails closed", () => {
  const cases: [string, boolean, string][] = [
    ["草稿/坏YAML草稿", false, "frontmatter-unreadable-unpublished"],
    ["草稿/坏YAML无键", true, "frontmatter-unreadable-published"],
    ["草稿/不是映射", false, "frontmatter-unreadable-unpublished"],
    ["草稿/不是映射无键", true, "frontmatter-unreadable-published"],
    ["草稿/未闭合", false, "frontmatter-unreadable-unpublished"],
    ["草稿/未闭合无键", true, "frontmatter-unreadable-published"],
    ["草稿/重复键", false, "frontmatter-unreadable-unpublished"],
    ["草稿/JSON坏", false, "frontmatter-unreadable-unpublished"],
  ];
  for (const [id, expected, code] of cases) {
    test(`${id}: publish all → ${expected}, dg → false`, () => {
      assert.equal(published(all, id), expected);
      assert.equal(published(dg, id), false);
      const diagnostic = all.diagnostics.find((d) => d.path === `${id}.md` && d.code === code);
      assert.ok(diagnostic, `${id}: ${JSON.stringify(codes(all, `${id}.md`))}`);
      assert.match(diagnostic.message, expected ? /is published because/ : /is NOT published because/);
      const dgDiagnostic = dg.diagnostics.find(
        (d) => d.path === `${id}.md` && d.code === "frontmatter-unreadable-unpublished",
      );
      assert.ok(dgDiagnostic);
      assert.match(dgDiagnostic.message, /dg-publish: true/);
    });
  }

  test("the word that kept the note out is named with its line", () => {
    const d = all.diagnostics.find(
      (x) => x.path === "草稿/坏YAML草稿.md" && x.code === "frontmatter-unreadable-unpublished",
    );
    assert.match(d?.message ?? "", /`dg-publish` \(line 3\)/);
  });

  test("unterminated front matter has its own error at line 1", () => {
    const d = all.diagnostics.find((x) => x.path === "草稿/未闭合.md" && x.code === "frontmatter-unterminated");
    assert.ok(d);
    assert.equal(d.severity, "error");
    assert.deepEqual([d.line, d.column], [1, 1]);
    assert.deepEqual(codes(all, "正常/分隔线.md"), [], "`---` and a blank line is a thematic break");
  });
});

describe("publish flags that are not booleans", () => {
  const cases: [string, boolean, boolean][] = [
    ["字符串/假", false, false],
    ["字符串/真", true, true],
    ["字符串/否", false, false],
    ["字符串/草稿是", false, false],
    ["字符串/也许", false, false],
    ["字符串/空值", false, false],
    ["字符串/零", false, false],
  ];
  for (const [id, inAll, inDg] of cases) {
    test(`${id}: a publish-not-boolean warning at the value; all → ${inAll}, dg → ${inDg}`, () => {
      assert.equal(published(all, id), inAll);
      assert.equal(published(dg, id), inDg);
      const d = all.diagnostics.find((x) => x.path === `${id}.md` && x.code === "publish-not-boolean");
      assert.ok(d, JSON.stringify(codes(all, `${id}.md`)));
      assert.equal(d.severity, "warning");
      assert.equal(d.line, 2);
    });
  }

  test("booleans and notes without front matter are unchanged", () => {
    assert.equal(published(all, "正常/发布"), true);
    assert.equal(published(all, "正常/不发布"), false);
    assert.equal(published(all, "正常/无前言"), true);
    assert.equal(published(dg, "正常/发布"), true);
    assert.equal(published(dg, "正常/无前言"), false);
    for (const id of ["正常/发布", "正常/不发布", "正常/无前言"]) assert.deepEqual(codes(all, `${id}.md`), []);
  });
});

test("the site model has no page for a note that failed closed, and its text is on no page", async () => {
  const { normalizeConfig } = await import("../../src/config.ts");
  const { buildSiteModel } = await import("../../src/site/model.ts");
  const loaded = loadVault(vault, { keepTrees: true, publish: "all" });
  const model = buildSiteModel(loaded.graph, loaded.trees, normalizeConfig({}, vault), vault);
  const ids = new Set(model.notes.map((n) => n.id));
  for (const id of ["草稿/坏YAML草稿", "草稿/未闭合", "草稿/重复键", "字符串/假", "字符串/也许"])
    assert.equal(ids.has(id), false, id);
  for (const id of ["草稿/坏YAML无键", "草稿/未闭合无键", "字符串/真"]) assert.equal(ids.has(id), true, id);
  assert.doesNotMatch(model.notes.map((n) => n.html).join("\n"), /草稿正文|正文很长/);
});
