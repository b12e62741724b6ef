/**
 * Embeds (transclusion) and ids on composed pages: a whole note, a heading section and a block are shown as in their
 * own note; cycles stop with a notice; unpublished notes never leak through an embed; no id repeats on a page, and
 * no note id can take the site's own `wenda-` ids. Worker and in-process builds give the same pages.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel, assembleSiteModel, type SiteModel } from "../../src/site/model.ts";
import { parseAndRenderInWorkers } from "../../src/site/parallel.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

const files: Record<string, string> = {
  "笔记/主页.md": [
    "# 主页",
    "",
    "整篇：",
    "",
    "![[消息队列]]",
    "",
    "一节：",
    "",
    "![[消息队列#高可用]]",
    "",
    "一块：",
    "",
    "![[消息队列#^blk-ha]]",
    "",
    "同一篇两次不是循环：",
    "",
    "![[小卡片]]",
    "",
    "![[小卡片]]",
    "",
    "草稿不外泄：",
    "",
    "![[草稿]]",
    "",
    "自己：",
    "",
    "![[主页]]",
    "",
    "循环：",
    "",
    "![[甲]]",
    "",
    "<span id=\"wenda-main\">冒充站点的 id</span>",
    "",
  ].join("\n"),
  "笔记/消息队列.md": [
    "# 消息队列",
    "",
    "开头一段。",
    "",
    "## 高可用",
    "",
    "集群模式提高了 #吞吐量 <label class=\"ob-comment\" title=\"\" style=\"\"> 高可用的批注 <input type=\"checkbox\"> <span style=\"\"> Comment </span></label>",
    "",
    "### 镜像集群",
    "",
    "每个节点都有完整数据。",
    "",
    "## 幂等",
    "",
    "- 去重表 ^blk-ha",
    "  - 唯一索引",
    "- 其他",
    "",
  ].join("\n"),
  "笔记/小卡片.md": "小卡片的内容 ^small\n",
  "笔记/草稿.md": "---\ndraft: true\n---\n\n机密草稿内容\n",
  "笔记/甲.md": "甲的内容\n\n![[乙]]\n",
  "笔记/乙.md": "乙的内容\n\n![[甲]]\n",
};

function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] as string);
}

function inProcess(vault: string): SiteModel {
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  return buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
}

const vault = makeVault(files);
vaults.push(vault);
const model = inProcess(vault);
const home = model.notes.find((note) => note.id === "笔记/主页");

test("a whole note, a heading section and a block are transcluded as in their own note", () => {
  assert.ok(home);
  const html = home.html;
  // Whole note: its opening paragraph and its list.
  assert.match(html, /<div class="embed"><div class="embed-body">[\s\S]*开头一段。/);
  // The section: its heading, its sub-heading, not the next section of the same rank.
  const sections = html.split('<div class="embed">');
  const section = sections.find((part) => /<h2[^>]*>高可用</.test(part) && !part.includes("开头一段"));
  assert.ok(section, "the heading section is embedded on its own");
  assert.match(section, /镜像集群/);
  assert.doesNotMatch(section.split("embed-source")[0] as string, /幂等/);
  // The block: the list item with its children, in a list.
  assert.match(html, /<ul class="embedded-block"><li id="e\d+-blk-ha">去重表[\s\S]*唯一索引/);
  // Links, tags and comments keep working inside the embed.
  assert.match(html, /<a href="\/tags\/吞吐量\/" class="tag">#吞吐量<\/a>/);
  assert.match(html, /id="e\d+-comment-1"/);
  // Each embed links to its source.
  assert.match(html, /href="\/笔记\/消息队列\/#[^"]*" class="embed-source internal">/);
});

test("the same note twice is not a cycle; self-embeds and cycles stop with a notice", () => {
  assert.ok(home);
  assert.equal(home.html.match(/小卡片的内容/g)?.length, 2);
  assert.match(home.html, /循环嵌入/);
  // The cycle 甲 → 乙 → 甲 shows 甲 and 乙 once each under 主页, then stops.
  assert.equal(home.html.match(/甲的内容/g)?.length, 1);
  assert.equal(home.html.match(/乙的内容/g)?.length, 1);
  const codes = loadVault(vault).graph.diagnostics.map((d) => `${d.path} ${d.code}`);
  assert.ok(codes.includes("笔记/主页.md embed-self"), codes.join("\n"));
  assert.ok(codes.some((code) => code.endsWith("embed-cycle")), codes.join("\n"));
});

test("an unpublished note never leaks through an embed", () => {
  assert.ok(home);
  assert.doesNotMatch(home.html, /机密草稿内容/);
  assert.match(home.html, /<div class="embed embed-missing"><span class="unresolved"/);
});

test("no id repeats on any page, and none takes the site's own wenda- namespace", () => {
  for (const note of model.notes) {
    const list = ids(note.html);
    assert.deepEqual(list.filter((id, i) => list.indexOf(id) !== i), [], `${note.id}: duplicate ids`);
    assert.ok(!list.some((id) => id.startsWith("wenda-")), `${note.id}: ${list.join(" ")}`);
  }
  assert.ok(home && ids(home.html).includes("user-wenda-main"));
  // The embedded note's own page keeps its block id as written.
  const source = model.notes.find((note) => note.id === "笔记/消息队列");
  assert.ok(source && ids(source.html).includes("blk-ha"));
});

test("embeds count as links: the embedded note has the embedding one as a backlink", () => {
  const source = model.notes.find((note) => note.id === "笔记/消息队列");
  assert.deepEqual(source?.backlinks.map((link) => link.title), ["主页"]);
});

test("answers from several cards on one question page never repeat an id", () => {
  const cards = makeVault({
    "卡片/一.md": '* [[？消息幂等]]\n\t* 答一 <label class="ob-comment" title="" style=""> 批注一 <input type="checkbox"> <span style=""> Comment </span></label>\n',
    "卡片/二.md": '* [[？消息幂等]]\n\t* 答二 <label class="ob-comment" title="" style=""> 批注二 <input type="checkbox"> <span style=""> Comment </span></label>\n',
  });
  vaults.push(cards);
  const question = inProcess(cards).questions.find((q) => q.title === "？消息幂等");
  assert.ok(question);
  const all = ids(question.answers.map((answer) => answer.html).join("\n"));
  assert.deepEqual(all, ["a1-comment-1", "a2-comment-1"]);
});

test("Logseq block embeds show the block with its children", () => {
  const graph = makeVault({
    "pages/Redis.md": "- 过期策略\n  id:: 6571a2b3-1111-2222-3333-444455556666\n  - 定期删除\n  - 惰性删除\n",
    "pages/复习.md": "- 复习：\n  - {{embed ((6571a2b3-1111-2222-3333-444455556666))}}\n- 引用：((6571a2b3-1111-2222-3333-444455556666))\n",
  });
  vaults.push(graph);
  const review = inProcess(graph).notes.find((note) => note.id === "pages/复习");
  assert.ok(review);
  assert.match(review.html, /<div class="embed"><div class="embed-body"><ul class="embedded-block"><li id="e1-6571a2b3[^"]*">[\s\S]*定期删除[\s\S]*惰性删除/);
  assert.match(review.html, /<a href="\/pages\/Redis\/#6571a2b3-1111-2222-3333-444455556666" class="block-ref">过期策略<\/a>/);
  const { graph: g } = loadVault(graph);
  assert.ok(g.notes.find((note) => note.id === "pages/Redis")?.backlinks.includes("pages/复习"));
});

test("a block ref to an id no note has is a diagnostic with its place", () => {
  const graph = makeVault({ "pages/a.md": "- 见 ((6571a2b3-0000-0000-0000-000000000000))\n" });
  vaults.push(graph);
  const found = loadVault(graph).graph.diagnostics.find((d) => d.code === "block-ref-missing");
  assert.ok(found);
  assert.equal(`${found.path}:${found.line}:${found.column}`, "pages/a.md:1:5");
});

test("worker threads and the main thread compose the same pages", async () => {
  const config = normalizeConfig({}, vault);
  const result = await parseAndRenderInWorkers(vault, config, { workers: 2 });
  const parallel = assembleSiteModel(result.graph, result.rendered, config, vault, result.copies);
  assert.deepEqual(
    parallel.notes.map((note) => [note.id, note.html]),
    model.notes.map((note) => [note.id, note.html]),
  );
});
