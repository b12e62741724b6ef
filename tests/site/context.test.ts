/**
 * Reading in context, in the model: question bullets carry anchors the question page's 来自卡片 links use, a card's
 * table of contents lists its questions and a note's its headings, and hover previews are small sharded JSON the
 * browser finds with the same hash.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { previewShard } from "../../src/site/preview-key.ts";
import { PreviewMemo, perShard, previewOf, previewShards, textOf } from "../../src/site/previews.ts";
import { explorerItems } from "../../src/site/explorer-data.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

function site(files: Record<string, string>): SiteModel {
  const vault = makeVault(files);
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  return buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
}

const card = [
  "- [[？Redis 过期策略 有哪些]]",
  "\t- 定期删除和惰性删除 #Redis",
  "\t- [[？Redis 惰性删除 原理]]",
  "\t\t- 取 key 时检查是否过期",
  "- [[？手写 LRU 算法]] ^lru",
  "\t- LinkedHashMap",
  "",
].join("\n");

test("question bullets get an id (their block id when they have one); 来自卡片 answers carry it", () => {
  const model = site({ "卡片/过期.md": card });
  const page = model.notes.find((note) => note.title === "过期");
  assert.ok(page);
  assert.match(page.html, /<li data-question="[^"]*Redis 过期策略 有哪些" id="q-1">/);
  assert.match(page.html, /<li data-question="[^"]*Redis 惰性删除 原理" id="q-2">/);
  assert.match(page.html, /<li [^>]*id="lru"/);
  const anchorOf = (title: string) => model.questions.find((q) => q.title === title)?.answers[0]?.anchor;
  assert.equal(anchorOf("？Redis 过期策略 有哪些"), "q-1");
  assert.equal(anchorOf("？Redis 惰性删除 原理"), "q-2");
  assert.equal(anchorOf("？手写 LRU 算法"), "lru");
  // Every anchor an answer names is an id on its card's page, exactly once.
  for (const question of model.questions) {
    for (const answer of question.answers) {
      const html = model.notes.find((note) => note.url === answer.card.url)?.html ?? "";
      assert.equal(html.split(`id="${answer.anchor}"`).length - 1, 1, `${question.title} → #${answer.anchor}`);
    }
  }
});

test("a card's table of contents lists its questions in order, nested; a note's lists h2–h4; one entry makes none", () => {
  const model = site({
    "卡片/过期.md": card,
    "笔记/持久化.md": "# 持久化\n\n## RDB 快照\n\n正文\n\n### fork 子进程\n\n正文\n\n## AOF 日志\n\n正文\n",
    "笔记/短.md": "## 只有一个标题\n\n正文\n",
  });
  const toc = (title: string) => model.notes.find((note) => note.title === title)?.toc;
  assert.deepEqual(toc("过期"), [
    { title: "？Redis 过期策略 有哪些", anchor: "q-1", depth: 0 },
    { title: "？Redis 惰性删除 原理", anchor: "q-2", depth: 1 },
    { title: "？手写 LRU 算法", anchor: "lru", depth: 0 },
  ]);
  const notes = toc("持久化");
  assert.deepEqual(notes?.map((entry) => [entry.title, entry.depth]), [["RDB 快照", 0], ["fork 子进程", 1], ["AOF 日志", 0]]);
  const html = model.notes.find((note) => note.title === "持久化")?.html ?? "";
  for (const entry of notes ?? []) assert.ok(html.includes(`id="${entry.anchor}"`), entry.anchor);
  assert.equal(toc("短"), undefined);
});

test("previews: title, kind, at most four tags and the first words of the text, a few hundred bytes", () => {
  const preview = previewOf({
    url: "/q/x/",
    title: "？Redis 过期策略",
    kind: "问题",
    tags: ["Redis", "缓存", "内存", "过期", "淘汰"].map((title) => ({ title })),
    html: [undefined, "", `<ul><li>定期删除&amp;惰性删除</li><li>${"随机抽取一些 key，".repeat(40)}</li></ul>`],
  });
  assert.equal(preview.t, "？Redis 过期策略");
  assert.equal(preview.k, "问题");
  assert.deepEqual(preview.g, ["Redis", "缓存", "内存", "过期"]);
  assert.ok(preview.x?.startsWith("定期删除&惰性删除 随机抽取"), preview.x);
  assert.ok(preview.x?.endsWith("…"));
  assert.ok(Buffer.byteLength(JSON.stringify(preview)) < 600);
  assert.equal(textOf(`<h1 id="t">标题</h1><p>a<span class="katex"><math><annotation>x^2</annotation></math></span>b &#x4e2d;&#25991; &lt;tag&gt;</p>`), "ab 中文 <tag>");
});

test("preview shards: every page in the shard its URL hashes to, about perShard pages each", () => {
  const sources = Array.from({ length: 500 }, (_, i) => ({ url: `/q/问题-${i}/`, title: `问题 ${i}`, kind: "问题", tags: [], html: [] }));
  const shards = previewShards(sources);
  assert.equal(shards.length, Math.ceil(500 / perShard));
  for (const source of sources) assert.equal(shards[previewShard(source.url, shards.length)]?.[source.url]?.t, source.title);
  assert.equal(shards.reduce((sum, shard) => sum + Object.keys(shard).length, 0), 500);
  assert.ok(Math.max(...shards.map((shard) => Object.keys(shard).length)) < perShard * 3);
});

test("preview shards with a memo: a page read before keeps its preview, a changed one is read again", () => {
  const memo = new PreviewMemo();
  const html = "<p>第一版</p>";
  const first = previewShards([{ url: "/卡片/a/", title: "甲", kind: "卡片", tags: [], html: [html] }], memo);
  assert.equal(first[0]?.["/卡片/a/"]?.x, "第一版");
  // The same title, kind, tags and HTML: the remembered preview, the same object.
  const again = previewShards([{ url: "/卡片/a/", title: "甲", kind: "卡片", tags: [], html: [html] }], memo);
  assert.equal(again[0]?.["/卡片/a/"], first[0]?.["/卡片/a/"]);
  // Each of them changed: read again.
  const changed = previewShards([{ url: "/卡片/a/", title: "甲", kind: "卡片", tags: [], html: ["<p>第二版</p>"] }], memo);
  assert.equal(changed[0]?.["/卡片/a/"]?.x, "第二版");
  const retitled = previewShards([{ url: "/卡片/a/", title: "乙", kind: "卡片", tags: [], html: ["<p>第二版</p>"] }], memo);
  assert.equal(retitled[0]?.["/卡片/a/"]?.t, "乙");
  const tagged = previewShards([{ url: "/卡片/a/", title: "乙", kind: "卡片", tags: [{ title: "Redis" }], html: ["<p>第二版</p>"] }], memo);
  assert.deepEqual(tagged[0]?.["/卡片/a/"]?.g, ["Redis"]);
});

test("the model's previews cover cards, notes, questions and tags by their URL", () => {
  const model = site({ "卡片/过期.md": card, "笔记/持久化.md": "## RDB\n\n快照\n" });
  assert.equal(model.previewShards, model.previews.length);
  const find = (url: string) => model.previews[previewShard(url, model.previewShards)]?.[url];
  for (const page of [...model.notes, ...model.questions]) assert.equal(find(page.url)?.t, page.title, page.url);
  const question = model.questions.find((q) => q.title === "？Redis 过期策略 有哪些");
  assert.ok(question);
  assert.equal(find(question.url)?.k, model.strings.kindQuestion);
  assert.match(find(question.url)?.x ?? "", /定期删除和惰性删除/);
  const tag = model.tags.find((t) => t.name === "Redis");
  assert.ok(tag);
  assert.deepEqual(find(tag.url), { t: "#Redis", k: model.strings.tag, x: `1 ${model.strings.cards} · 1 ${model.strings.questions}` });
});

test("the explorer file: folders and pages with their hrefs, in the explorer's order", () => {
  const items = explorerItems(
    [
      { title: "卡片", children: [{ title: "过期 策略", url: "/卡片/过期-策略/", children: [] }] },
      { title: "首页", url: "/首页/", children: [] },
    ],
    (url) => `/sub${url}`,
  );
  assert.deepEqual(items, [{ t: "卡片", c: [{ t: "过期 策略", h: "/sub/卡片/过期-策略/" }] }, { t: "首页", h: "/sub/首页/" }]);
});
