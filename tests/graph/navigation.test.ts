/**
 * Where notes live and what they are called: the home note and its precedence, the title rule, virtual pages
 * (on for Logseq graphs, `virtualPages` elsewhere) and Logseq namespaces without a page; then the site model's
 * navigation built on them (explorer, all pages, journals, the leading-H1 check).
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import type { GraphOptions } from "../../src/graph/build.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { opensWithTitle } from "../../src/site/navigation.ts";
import { makeSeedVault, makeVault, removeVault, repoRoot } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

function graphOf(files: Record<string, string>, options: GraphOptions = {}) {
  const vault = makeVault(files);
  vaults.push(vault);
  return loadVault(vault, options).graph;
}

const homeOf = (graph: ReturnType<typeof graphOf>) => graph.notes.filter((n) => n.url === "/").map((n) => n.id);

test("home: config, then permalink /, then dg-home, then index.md, then Home.md; unpublished never", () => {
  const files = {
    "Home.md": "家",
    "index.md": "索引",
    "a/首页.md": "---\ndg-home: true\n---\n花园",
    "b/根.md": "---\npermalink: /\n---\n根",
    "c/配置.md": "配置的首页",
  };
  assert.deepEqual(homeOf(graphOf(files, { home: "配置" })), ["c/配置"]);
  assert.deepEqual(homeOf(graphOf(files)), ["b/根"]);
  const { "b/根.md": _root, ...noPermalink } = files;
  assert.deepEqual(homeOf(graphOf(noPermalink)), ["a/首页"]);
  const { "a/首页.md": _dg, ...plain } = noPermalink;
  assert.deepEqual(homeOf(graphOf(plain)), ["index"]);
  assert.deepEqual(homeOf(graphOf({ "HOME.md": "家", "sub/index.md": "不在根目录" })), ["HOME"]);
  assert.deepEqual(
    homeOf(graphOf({ "index.md": "索引", "notes/花园.md": '---\n{"dg-publish":true,"permalink":"/notes/花园/","tags":["gardenEntry"]}\n---\n导出的首页' })),
    ["notes/花园"],
    "a garden export marks its home with the gardenEntry tag",
  );
  assert.deepEqual(homeOf(graphOf({ "index.md": "---\npublish: false\n---\n草稿", "其他.md": "x" })), []);
  assert.deepEqual(homeOf(graphOf({ "笔记.md": "x" })), [], "no home note: the site shows its own home");
  const graph = graphOf(files);
  assert.deepEqual(graph.diagnostics.filter((d) => d.code.startsWith("permalink")), [], "permalink / is the home, not an error");
});

test("titles: front matter title, else the file name; a Logseq page's title:: and page name", () => {
  const graph = graphOf({ "笔记/有标题.md": "---\ntitle: 自定义 标题\n---\n# 自定义 标题\n", "笔记/无标题.md": "# 一级标题\n" });
  assert.deepEqual(Object.fromEntries(graph.notes.map((n) => [n.id, n.title])), { "笔记/有标题": "自定义 标题", "笔记/无标题": "无标题" });
});

test("virtual pages: off by default in an Obsidian vault, on with virtualPages; questions and media never", () => {
  const files = {
    "a.md": "见 [[不存在的页面]] 和 [[不存在的页面|别名]]，[[不存在的页面]]，[[？没有页面的问题]]，[[图.png]]",
    "b.md": "也见 [[不存在的页面]]，以及 [[子/也不存在]]",
  };
  assert.deepEqual(graphOf(files).virtual, []);
  const virtual = graphOf(files, { virtualPages: true }).virtual ?? [];
  assert.deepEqual(
    virtual.map((v) => [v.title, v.url, v.references, v.namespace]),
    [
      ["不存在的页面", "/不存在的页面/", ["a", "b"], false],
      ["子/也不存在", "/子/也不存在/", ["b"], false],
    ],
  );
});

test("the Logseq fixture graph: virtual pages for refs without a file and for namespaces without a page", () => {
  const graph = loadVault(path.join(repoRoot, "tests/vaults/logseq")).graph;
  const virtual = new Map((graph.virtual ?? []).map((v) => [v.title, v]));
  assert.deepEqual(virtual.get("消息队列选型")?.references, ["pages/首页"]);
  assert.deepEqual(virtual.get("分布式锁")?.references.sort(), ["journals/2024_01_31", "pages/面试___Redis"]);
  assert.equal(virtual.get("面试")?.namespace, true, "`面试.md` does not exist: its namespace page is virtual");
  assert.equal(virtual.get("面试")?.url, "/面试/");
  assert.equal(virtual.has("面试/Redis"), false, "a page with a file is not virtual");
  assert.deepEqual(homeOf(graph), ["pages/首页"], ":default-home");
  assert.deepEqual(graph.logseq, { journals: true, defaultHome: "首页" });
});

// The site model's navigation, from the same graphs.

function modelOf(files: Record<string, string>, config: Record<string, unknown> = {}) {
  const vault = makeVault(files);
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  return buildSiteModel(graph, trees, normalizeConfig(config, vault), vault);
}

test("a vault without questions or a home note: the explorer and all pages list every note", () => {
  const model = modelOf({ "a/b/深处.md": "深", "根.md": "根", "a/隐藏.md": "---\ndg-hide: true\n---\n藏" });
  assert.equal(model.home, undefined);
  assert.deepEqual(model.tree.roots, []);
  assert.deepEqual(model.explorer, [
    { title: "a", children: [{ title: "b", children: [{ title: "深处", url: "/a/b/深处/", children: [] }] }] },
    { title: "根", url: "/根/", children: [] },
  ]);
  assert.deepEqual(model.allPages.notes.map((l) => l.url).sort(), ["/a/b/深处/", "/根/"]);
  assert.ok(model.notes.some((n) => n.url === "/a/隐藏/"), "a hidden note is still published");
});

test("the home note leaves the notes collection for /; the seed card vault keeps its question-tree home", () => {
  const model = modelOf({ "index.md": "---\ntitle: 首页\n---\n# 首页\n\n欢迎", "其他.md": "x" });
  assert.equal(model.home?.url, "/");
  assert.equal(model.home?.titleInContent, true);
  assert.ok(!model.notes.some((n) => n.url === "/"));
  const vault = makeSeedVault();
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const seed = buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
  assert.equal(seed.home, undefined);
  assert.ok(seed.tree.roots.length > 0);
});

test("title rule: a leading H1 that repeats the title is shown once; another leading H1 is kept", () => {
  const model = modelOf({ "同名.md": "---\ntitle: 同 名\n---\n# 同 名\n\n正文", "异名.md": "# 别的标题\n\n正文", "无.md": "正文\n\n# 同名" });
  const page = (id: string) => model.notes.find((n) => n.id === id);
  assert.equal(page("同名")?.titleInContent, true);
  assert.equal(page("异名")?.titleInContent, undefined);
  assert.equal(page("无")?.titleInContent, undefined, "only a heading the content opens with");
  assert.equal(opensWithTitle('<h1 id="x">A &amp; B<a class="heading-anchor" href="#x">#</a></h1><p>…</p>', "A & B"), true);
  assert.equal(opensWithTitle("<p>x</p><h1>A</h1>", "A"), false);
});

test("a Logseq graph without :default-home: no home note, journals newest first, namespaces in the explorer", () => {
  const model = modelOf({
    "logseq/config.edn": "{:file/name-format :triple-lowbar}",
    "pages/a___b.md": "- 子页面",
    "journals/2024_01_02.md": "- 二号 [[a/b]]",
    "journals/2023_05_06.md": "- 去年",
  });
  assert.equal(model.logseq, true);
  assert.equal(model.home, undefined);
  assert.deepEqual(model.journals.map((j) => [j.title, j.url]), [
    ["Jan 2nd, 2024", "/journals/2024-01-02/"],
    ["May 6th, 2023", "/journals/2023-05-06/"],
  ]);
  assert.deepEqual(model.explorer, [{ title: "a", url: "/a/", children: [{ title: "b", url: "/a/b/", children: [] }] }]);
  const namespace = model.notes.find((n) => n.url === "/a/");
  assert.equal(namespace?.virtual, true);
  assert.deepEqual(namespace?.children, [{ title: "b", url: "/a/b/", children: [] }]);
});

test("dg-path places a note in the explorer and its URL without publish: dg too", () => {
  const graph = graphOf({ "笔记/原位置.md": "---\ndg-path: 专题/新 位置.md\n---\nx" });
  assert.deepEqual(graph.notes.map((n) => [n.url, n.navPath]), [["/专题/新-位置/", "专题/新 位置"]]);
});

test("an explorer beyond 400 entries is left off ordinary pages (home and all pages still show it)", () => {
  const files = Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`夹/笔记${i}.md`, "x"]));
  assert.equal(modelOf(files).explorerInLayout, false);
  const { "夹/笔记0.md": _one, "夹/笔记1.md": _two, ...fewer } = files;
  assert.equal(modelOf(fewer).explorerInLayout, true, "399 notes and their folder");
});
