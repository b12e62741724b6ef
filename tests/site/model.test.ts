/**
 * The site model and the renderer behind it: raw HTML is sanitized, unpublished notes never leak, media map
 * through the config and never escape the media folder or the vault, `file:` never reaches an href.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { makeSeedVault, makeVault, removeVault, seedPath, seedVaultPath } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

function site(files: Record<string, string | Buffer>, config: Record<string, unknown> = {}): { model: SiteModel; vault: string } {
  const vault = makeVault(files);
  vaults.push(vault);
  const settings = normalizeConfig(config, vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  return { model: buildSiteModel(graph, trees, settings, vault), vault };
}

const allHtml = (model: SiteModel) =>
  [...model.notes.map((n) => n.html), ...model.questions.flatMap((q) => [q.ownHtml ?? "", ...q.answers.map((a) => a.html)])].join("\n");

test("raw HTML from a note is sanitized: no script, no event handler, no javascript: URL, no inline style", () => {
  const { model } = site({
    "a.md": [
      "正文 <script>alert(1)</script> <img src=x onerror=alert(2)> <b style=\"color:red\">粗</b>",
      "",
      "<div onclick=\"alert(3)\"><iframe src=\"https://evil.example\"></iframe>块</div>",
      "",
      "[点我](javascript:alert(4)) [数据](data:text/html,<script>alert(5)</script>)",
      "",
    ].join("\n"),
  });
  const html = allHtml(model);
  assert.doesNotMatch(html, /<script|onerror|onclick|javascript:|<iframe|style=|data:text/i);
  assert.match(html, /<b>粗<\/b>/, "harmless markup survives");
});

test("the seed card renders without file: URLs; comments become annotations; the block id is an anchor", () => {
  const vault = makeSeedVault();
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const model = buildSiteModel(graph, trees, normalizeConfig({ vaultRoot: "Z:/我的阅读黑曜石Vault/" }, vault), vault);
  const card = model.notes.find((note) => note.id === seedVaultPath.slice(0, -3));
  assert.ok(card);
  assert.doesNotMatch(card.html, /file:/);
  assert.doesNotMatch(card.html, /type="checkbox"/);
  assert.match(card.html, /<li id="47a9a2"/);
  assert.match(card.html, /class="annotation"[^>]*>我认为准确的说是提高了吞量</);
  // No media folder configured: the video is unavailable, and its chip says so but keeps its time.
  assert.deepEqual(Object.keys(card.video ?? {}), ["missing"]);
  assert.match(card.html, /class="ts ts-missing" data-start="398.418331"[^>]*>06:38<span class="ts-note">视频未发布</);
  assert.match(card.html, /class="media-placeholder"[^>]*>图片未发布: 图片.png</);
  const principle = model.questions.find((q) => q.title === "？RabbitMq普通集群模式 原理");
  assert.ok(principle);
  assert.equal(principle.answers.length, 1);
  assert.match(principle.answers[0]?.html ?? "", /在多台机器上启动多个/);
  assert.deepEqual(
    principle.breadcrumbs[0]?.map((crumb) => crumb.title),
    ["？保证消息队列的高可用", "？RabbitMq 的 高可用 实现", "？RabbitMq 集群模式", "？RabbitMq普通集群模式"],
  );
  assert.equal(model.commentPages.flatMap((page) => page.groups.flatMap((group) => group.comments)).length, 2);
});

test("media map through vaultRoot and the media folder; the seed's video and image are found", () => {
  const seed = fs.readFileSync(seedPath, "utf8");
  const lesson = "资产库藏/互联网Java工程师面试突击训练系列课程/第一季/06_引入消息队列之后该如何保证其高可用性？/视频/01";
  const { model, vault } = site({
    [seedVaultPath]: seed,
    [`媒体/${lesson}/图片.png`]: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    "媒体/clock.webm": Buffer.from("webm"),
  }, { vaultRoot: "Z:\\我的阅读黑曜石Vault", media: { dir: "媒体", map: { [`${lesson}/视频.mp4`]: "clock.webm" } } });
  const card = model.notes[0];
  assert.deepEqual(card?.video, { url: "/media/clock.webm" });
  assert.match(card?.html ?? "", /<img src="\/media\/%E8%B5%84/);
  assert.match(card?.html ?? "", /class="ts" data-start="398.418331" data-media="\/media\/clock.webm"/);
  assert.deepEqual(model.media.map((copy) => copy.to).sort(), ["media/clock.webm", `media/${lesson}/图片.png`]);
  for (const copy of model.media) assert.ok(copy.from.startsWith(vault), `${copy.from} is inside the vault's media folder`);
});

test("nothing a note says reads outside the vault or the media folder", () => {
  const { model } = site({
    "笔记/a.md": "![x](../../../../etc/passwd) ![y](file:///Z:/Vault/../../etc/hosts) ![[../../etc/shadow.png]] [v](file:///etc/passwd.mp4#t=3)\n",
    "媒体/ok.png": "png",
  }, { vaultRoot: "Z:/Vault/", media: { dir: "媒体" } });
  assert.deepEqual(model.media, []);
  const html = allHtml(model);
  assert.doesNotMatch(html, /(src|href)="[^"]*(etc|file:)/);
  assert.match(html, /media-placeholder/);
});

test("unpublished notes never leak: no page, no tag, no comment, no question only they ask, links unresolved", () => {
  const { model } = site({
    "卡片/公开.md": "* [[私密]] [[？公开问题]]\n\t* 公开答案 #公开标签\n",
    "卡片/私密.md": [
      '---\n{"dg-publish":false}\n---',
      "* [[？秘密问题]]",
      '\t* 秘密答案 #秘密标签 <label class="ob-comment" title="" style=""> 秘密评论 <input type="checkbox"> <span style=""> Comment </span></label>',
      "",
    ].join("\n"),
  });
  const everything = JSON.stringify(model);
  for (const secret of ["秘密答案", "秘密标签", "秘密评论", "秘密问题"]) assert.ok(!everything.includes(secret), `${secret} stays private`);
  assert.deepEqual(model.notes.map((n) => n.id), ["卡片/公开"]);
  assert.match(model.notes[0]?.html ?? "", /<span class="unresolved"[^>]*>私密<\/span>/);
});

test("permalinks that try to leave the site fall back to a safe path URL", () => {
  const { model } = site({
    "a.md": '---\npermalink: "/../../../etc/"\n---\n正文\n',
    "b.md": "---\npermalink: /tags/\n---\n正文\n",
  });
  for (const note of model.notes) {
    assert.doesNotMatch(note.url, /\.\./);
    assert.ok(!note.url.startsWith("/tags/"));
  }
});

test("the UI language is configurable: English strings, same search language", () => {
  const { model } = site({ "卡片/a.md": "* [视频](file:///Z:/V/x.mp4)\n\t* [[？问题]]\n\t\t* [01:00](file:///Z:/V/x.mp4#t=60)\n" }, { lang: "en" });
  assert.equal(model.config.lang, "en");
  assert.equal(model.config.searchLanguage, "zh-cn", "Chinese notes stay segmented as Chinese");
  assert.equal(model.strings.search, "Search");
  assert.match(model.notes[0]?.html ?? "", /<span class="ts-note">video not published<\/span>/);
});

test("a video in the vault itself: `[[video.mp4#t=5]]` is a playable moment on the card and on its question", () => {
  const { model } = site({
    "卡片/课.md": "* [[？什么是幂等]]\n\t* [[课程/第一课.webm#t=5,10|00:05]] 幂等就是多次执行结果相同\n",
    "卡片/课程/第一课.webm": Buffer.from("webm"),
  });
  const card = model.notes.find((note) => note.id === "卡片/课");
  assert.match(card?.html ?? "", /class="ts" data-start="5" data-end="10" data-media="\/assets\/%E5%8D%A1%E7%89%87\//);
  const question = model.questions.find((q) => q.title === "？什么是幂等");
  assert.deepEqual(question?.moments.map((m) => [m.label, m.start, m.available]), [["00:05", 5, true]]);
  assert.deepEqual(model.media.map((copy) => copy.to), ["assets/卡片/课程/第一课.webm"]);
});

test("raw HTML `src` and `href` into the vault resolve like markdown links; the renderer's own URLs are kept", () => {
  const { model } = site({
    "笔记/a.md": [
      "![[图.png]] [[b]] <img src=\"../附件/图.png\" alt=\"原始\"> <img src=\"附件/没有.png\" alt=\"没有\"> <a href=\"b.md#小节\">原始链接</a>",
      "",
    ].join("\n"),
    "笔记/b.md": "## 小节\n",
    "附件/图.png": Buffer.from("89504e470d0a1a0a", "hex"),
  });
  const html = model.notes.find((note) => note.id === "笔记/a")?.html ?? "";
  assert.equal(html.match(/src="\/assets\/%E9%99%84%E4%BB%B6\/%E5%9B%BE\.png"/g)?.length, 2, html);
  assert.match(html, /<img alt="没有">/, "a file not in the vault loses its src");
  assert.match(html, /<a href="\/笔记\/b\/#小节">原始链接<\/a>/);
  assert.match(html, /<a href="\/笔记\/b\/" class="internal">b<\/a>/, "the renderer's own link is untouched");
  assert.deepEqual(model.media.map((copy) => copy.to), ["assets/附件/图.png"]);
});

test("an attachment whose name is NFD on disk is found by an NFC link and copied", () => {
  const name = "Café-が.png";
  const { model, vault } = site({ "a.md": `![[${name}]] ![](附件/${encodeURIComponent(name)})\n`, [`附件/${name.normalize("NFD")}`]: Buffer.from("89504e470d0a1a0a", "hex") });
  const html = model.notes.find((note) => note.id === "a")?.html ?? "";
  assert.equal(html.match(/<img src="\/assets\//g)?.length, 2, html);
  assert.equal(model.media.length, 1);
  assert.ok(fs.existsSync(model.media[0]?.from ?? ""), `${model.media[0]?.from} is a file in ${vault}`);
});

test("a paragraph's single line breaks are kept (Obsidian's default); strictLineBreaks joins them", () => {
  const note = { "a.md": "第一行\n第二行\n\n* 要点\n  续行\n" };
  assert.match(allHtml(site(note).model), /第一行<br>\n第二行[\s\S]*要点<br>\n续行/);
  const strict = allHtml(site(note, { strictLineBreaks: true }).model);
  assert.doesNotMatch(strict, /<br>/);
  assert.match(strict, /第一行\n第二行/);
});

test("pages that show math are flagged (they link KaTeX's stylesheet), others are not", () => {
  const { model } = site({ "有公式.md": "$O(\\log n)$", "无公式.md": "价格 $5 和 $6" });
  const flags = Object.fromEntries(model.notes.map((page) => [page.id, page.math === true]));
  assert.deepEqual(flags, { 有公式: true, 无公式: false });
});
