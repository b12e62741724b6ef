/**
 * No silent loss (issue 7 point 3): Unicode-normalization twins and case twins are both notes, with distinct ids
 * and pages, and a warning naming both files; two notes claiming one title or alias get a warning naming both.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault, scanVault } from "../../src/graph/vault.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const nfc = "Café-が";
const nfd = nfc.normalize("NFD");
const root = makeVault({
  [`双胞胎/${nfc}.md`]: "组合字符的笔记\n",
  [`双胞胎/${nfd}.md`]: "分解字符的笔记\n",
  "大小写/A.md": "大写的笔记\n",
  "大小写/a.md": "小写的笔记\n",
  "标题/甲.md": "---\ntitle: 消息队列\n---\n甲\n",
  "标题/乙.md": "---\ntitle: 消息队列\n---\n乙\n",
  "别名/丙.md": "---\naliases: [高可用]\n---\n丙\n",
  "别名/高可用.md": "丁\n",
  "别名/自己.md": "---\naliases: [自己]\n---\n别名与文件名相同不算冲突\n",
});
after(() => removeVault(root));
const caseSensitive = scanVault(root).notes.filter((file) => file.path.startsWith("大小写/")).length === 2;
const { graph, trees } = loadVault(root, { keepTrees: true });
const warnings = (code: string) => graph.diagnostics.filter((d) => d.code === code);

test("normalization twins: two notes, two ids, two pages, one warning naming both", () => {
  const twins = graph.notes.filter((note) => note.path.startsWith("双胞胎/"));
  assert.equal(twins.length, 2);
  assert.equal(new Set(twins.map((note) => note.id)).size, 2);
  assert.equal(new Set(twins.map((note) => note.url)).size, 2);
  assert.ok(
    twins.some((note) => note.id === `双胞胎/${nfc}`),
    "the NFC file keeps the NFC id",
  );
  const model = buildSiteModel(graph, trees, normalizeConfig({}, root), root);
  const html = model.notes.filter((note) => note.id.startsWith("双胞胎/")).map((note) => note.html);
  assert.equal(html.length, 2);
  assert.ok(
    html.some((page) => page.includes("组合字符的笔记")) && html.some((page) => page.includes("分解字符的笔记")),
    "both texts are on a page",
  );
  const [warning, ...more] = warnings("note-name-twin");
  assert.equal(more.length, 0);
  assert.equal(warning?.severity, "warning");
  assert.match(warning?.message ?? "", /Café-が\.md \(NFD\)`.*`双胞胎\/Café-が\.md`/);
});

test("case twins: both notes, distinct pages, one warning naming both", {
  skip: !caseSensitive && "case-insensitive file system",
}, () => {
  const twins = graph.notes.filter((note) => note.path.startsWith("大小写/"));
  assert.deepEqual(twins.map((note) => note.id).sort(), ["大小写/A", "大小写/a"]);
  assert.equal(new Set(twins.map((note) => note.url.toLowerCase())).size, 2, "URLs differ even case-insensitively");
  assert.deepEqual(
    warnings("note-case-twin").map((d) => [d.path, d.line, d.column]),
    [["大小写/a.md", 1, 1]],
  );
  assert.match(warnings("note-case-twin")[0]?.message ?? "", /`大小写\/a\.md` and `大小写\/A\.md`/);
});

test("two notes claiming one title, or an alias that is another note's name: a warning naming both", () => {
  const collisions = warnings("name-collision").map((d) => [d.path, d.message]);
  assert.equal(collisions.length, 2, JSON.stringify(collisions));
  assert.match(
    collisions.find(([path]) => path === "标题/乙.md" || path === "标题/甲.md")?.[1] ?? "",
    /消息队列.*标题\/(甲|乙)\.md/,
  );
  assert.match(collisions.find(([path]) => path === "别名/丙.md")?.[1] ?? "", /alias.*file name of `别名\/高可用\.md`/);
});

test("a name that resolves ambiguously still warns where it is linked", () => {
  const vault = makeVault({ "a.md": "[[高可用]]\n", "甲/高可用.md": "", "乙/高可用.md": "" });
  try {
    const linked = loadVault(vault).graph;
    assert.deepEqual(
      linked.diagnostics.map((d) => [d.path, d.line, d.column, d.code]),
      [["a.md", 1, 1, "link-ambiguous"]],
    );
  } finally {
    removeVault(vault);
  }
});
