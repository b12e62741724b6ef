/**
 * The Logseq fixture graph (`tests/vaults/logseq/`) through the graph and the site model: every page is parsed as
 * an outline, no property line and no outline indentation reaches the HTML, every `((uuid))` resolves, property
 * values are links and tags of the graph, `public:: false` is not published.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { looksLikeLogseqPage } from "../../src/graph/logseq.ts";
import { listVault, loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { makeVault, removeVault, repoRoot } from "../helpers/vault.ts";

const vault = path.join(repoRoot, "tests/vaults/logseq");
const { graph, trees } = loadVault(vault, { keepTrees: true });
const model = buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
const html = new Map(model.notes.map((note) => [note.id, note.html]));
const ours = ["pages/Redis", "pages/消息队列", "pages/面试题总览", "journals/2024_01_15"];
const temporary: string[] = [];
after(() => temporary.forEach(removeVault));

test("every page and journal of the graph is flagged as a Logseq page", () => {
  const files = listVault(vault).filter((file) => /^(pages|journals)\//.test(file.path));
  assert.ok(files.length >= ours.length);
  for (const file of files) assert.equal(file.logseq, true, file.path);
});

test("no property line is visible in any rendered page", () => {
  for (const id of ours) {
    const page = html.get(id);
    assert.ok(page, `${id} is rendered`);
    assert.doesNotMatch(page, /[\p{L}\w-]::/u, id);
  }
});

test("no <pre> is made from outline indentation: every code box is a fence or a SRC block", () => {
  const pres = ours.flatMap((id) => [...(html.get(id) as string).matchAll(/<pre[\s>][\s\S]*?<\/pre>/g)].map((m) => m[0]));
  // (A page that embeds another shows its code box too: count distinct boxes.)
  assert.equal(new Set(pres).size, 2, pres.join("\n"));
  // The conf fence stays plain (no grammar); the Java SRC block is highlighted by Shiki.
  assert.ok(pres.some((pre) => pre.includes('<code class="language-conf">')));
  assert.ok(pres.some((pre) => pre.includes('class="shiki') && pre.includes("--shiki-light")));
});

test("every ((uuid)) resolves to a block of the graph, and none renders as missing", () => {
  const ids = new Set(graph.blocks.map((block) => block.id));
  for (const id of [
    "6571a2b3-0000-4000-8000-00000000c001",
    "6571a2b3-0000-4000-8000-00000000c002",
    "6571a2b3-0000-4000-8000-00000000c003",
  ]) {
    assert.ok(ids.has(id), id);
  }
  for (const id of ours) assert.doesNotMatch(html.get(id) as string, /missing block/, id);
  // `id::` before more text in its block (RDB 快照) still names it, and the ref shows the block's text.
  assert.equal(graph.blocks.find((block) => block.id.endsWith("c002"))?.text, "RDB 快照 fork 子进程写盘，适合备份");
  assert.match(html.get("journals/2024_01_15") as string, /<a href="[^"]*#6571a2b3-0000-4000-8000-00000000c003" class="block-ref">为什么使用消息队列/);
  assert.match(html.get("pages/消息队列") as string, /class="block-ref">为什么快<\/a>/);
});

test("page properties: a table with rendered values, tags:: as tags, links in values as graph links", () => {
  const redis = html.get("pages/Redis") as string;
  assert.match(redis, /^<dl class="properties properties-page"><dt>alias<\/dt><dd>缓存, redis<\/dd><dt>tags<\/dt>/);
  assert.doesNotMatch(redis, /created-at|1700000000000/);
  const note = graph.notes.find((n) => n.id === "pages/Redis");
  assert.deepEqual(note?.tags.slice(0, 2), ["面试", "后端"]);
  assert.ok(note?.aliases.includes("缓存"));
  assert.ok(graph.links.some((link) => link.from === "pages/Redis" && link.to === "题库" && link.line === 3));
  assert.ok(graph.links.some((link) => link.from === "pages/消息队列" && link.to === "张三" && link.line === 7));
});

test("public:: false is not published", () => {
  assert.equal(graph.notes.find((n) => n.id === "pages/草稿")?.published, false);
  assert.equal(graph.notes.find((n) => n.id === "pages/Redis")?.published, true);
});

test("collapsed blocks fold, org blocks are callouts and quotes, macros are inert or rendered", () => {
  const redis = html.get("pages/Redis") as string;
  assert.match(redis, /<details class="collapsed"><summary>Redis 为什么快？<\/summary>/);
  assert.match(redis, /<span class="cloze" tabindex="0">内存 \+ IO 多路复用<\/span>/);
  assert.match(redis, /class="callout callout-tip"/);
  assert.match(redis, /<h2[^>]*>AOF 写在第 0 列，仍属于 RDB 这个块</);
  assert.doesNotMatch(redis, /<iframe/);
  const mq = html.get("pages/消息队列") as string;
  assert.match(mq, /<blockquote>\n<p>消息队列是分布式系统的血管。<\/p>/);
  assert.match(mq, /<code class="logseq-macro">\{\{query/);
  const inert = graph.diagnostics.filter((d) => d.code === "logseq-macro-inert").map((d) => `${d.path}:${d.line}`);
  assert.deepEqual(inert.sort(), ["pages/消息队列.md:21", "pages/面试题总览.md:8", "pages/面试题总览.md:9"]);
});

test("embeds become the shared embed nodes: a page embed is an embed link, a block embed a block ref", () => {
  assert.ok(graph.links.some((link) => link.from === "pages/消息队列" && link.to === "pages/Redis" && link.embed === true));
  assert.match(html.get("pages/消息队列") as string, /<div class="embed"><div class="embed-body"><ul class="embedded-block"><li[^>]*>RDB 快照/);
});

test("a Logseq page inside an Obsidian vault (a `pages/` folder, an outline of `- ` bullets) is parsed as one", () => {
  assert.equal(looksLikeLogseqPage("Logseq元问题库/pages/？问题.md", "- 甲\n## 标题\n\t- 乙\n"), true);
  assert.equal(looksLikeLogseqPage("Logseq元问题库/pages/？问题.md", "alias:: 别名\n\n- 甲\n"), true);
  assert.equal(looksLikeLogseqPage("Logseq元问题库/pages/？问题.md", "---\ntitle: x\n---\n- 甲\n"), true);
  assert.equal(looksLikeLogseqPage("卡片/一张卡.md", "- 甲\n"), false);
  assert.equal(looksLikeLogseqPage("Logseq元问题库/pages/普通.md", "# 标题\n\n正文\n"), false);
  const root = makeVault({
    "Logseq元问题库/pages/？Redis 为什么快.md": "- 回答\n## 小结\n\t- 子块不是代码\n",
    "卡片/卡.md": "* [[Logseq元问题库/pages/？Redis 为什么快|？Redis 为什么快]]\n\t* 回答\n",
  });
  temporary.push(root);
  const loaded = loadVault(root, { keepTrees: true });
  const site = buildSiteModel(loaded.graph, loaded.trees, normalizeConfig({}, root), root);
  const page = site.questions.find((question) => question.id.endsWith("？Redis 为什么快"))?.ownHtml ?? "";
  assert.doesNotMatch(page, /<pre/);
  assert.match(page, /<h2[^>]*>小结</);
  assert.match(page, /<li>子块不是代码<\/li>/);
});
