/**
 * Publishing basics on a built site (issue 10, item 7): with `--site` and `--base`, a sitemap of every page with
 * its dates, an Atom feed newest first with dates from front matter (or the file's time), description, Open
 * Graph and canonical URLs, "last updated", one stylesheet file for every page. Without `site`: no sitemap, feed,
 * canonical or og:url, and the build says why.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { wenda } from "../cli/run.ts";
import { filesUnder, launchBrowser } from "../e2e/site.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const answer =
  "Redis Cluster 把整个键空间分成 16384 个哈希槽，每个主节点负责其中一部分；客户端按 CRC16(key) mod 16384 找到槽，" +
  "再找到负责它的节点。扩容时迁移的是槽而不是单个键，迁移期间用 ASK 重定向，迁移完成后用 MOVED 重定向，客户端据此更新本地的槽映射表。";

const vault = makeVault({
  "卡片/集群.md": ["---", "created: 2024-01-02", "updated: 2024-03-05", "tags: [Redis]", "---", "* [[？Redis 集群怎么分片]]", `\t* ${answer}`, ""].join("\n"),
  "卡片/旧卡.md": ["---", "date: 2023/6/1", "---", "* [[？什么是缓存穿透]]", "\t* 查询一个一定不存在的数据，缓存和数据库都没有。", ""].join("\n"),
  "笔记/花园.md": ["---", "dg-created: 2024-04-01T09:00:00+08:00", "dg-updated: 2024-05-01T10:00:00+08:00", "---", "# 花园", "", "数字花园的笔记。", ""].join("\n"),
  "笔记/无日期.md": "没有日期的笔记，用文件时间。\n",
});
// No front matter date, no git: the file's modification time.
const mtime = new Date("2022-02-02T00:00:00.000Z");
fs.utimesSync(path.join(vault, "笔记/无日期.md"), mtime, mtime);

const withSite = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-publish-a-"));
const without = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-publish-b-"));
let withLog = "";
let withoutLog = "";

before(() => {
  fs.rmSync(withSite, { recursive: true });
  fs.rmSync(without, { recursive: true });
  const a = wenda(["build", vault, "--out", withSite, "--site", "https://notes.example.com/", "--base", "/notes/"], { timeout: 300_000 });
  assert.equal(a.code, 0, a.stderr + a.stdout);
  withLog = a.stdout + a.stderr;
  const b = wenda(["build", vault, "--out", without], { timeout: 300_000 });
  assert.equal(b.code, 0, b.stderr + b.stdout);
  withoutLog = b.stdout + b.stderr;
});
after(() => {
  removeVault(vault);
  fs.rmSync(withSite, { recursive: true, force: true });
  fs.rmSync(without, { recursive: true, force: true });
});

const read = (dir: string, url: string) => fs.readFileSync(path.join(dir, url, "index.html"), "utf8");
const attr = (html: string, pattern: RegExp) => pattern.exec(html)?.[1];
const site = "https://notes.example.com/notes";
/** The percent-encoded form of a decoded site path under the base. */
const absolute = (url: string) => `${site}${url.replace(/[^\x00-\x7f]+/g, (run) => encodeURIComponent(run))}`;

/** Every built page as its decoded site URL (`/卡片/集群/`), 404 excluded. */
function builtPages(dir: string): string[] {
  return filesUnder(dir, ".html")
    .map((file) => path.relative(dir, file).split(path.sep).join("/"))
    .filter((file) => file !== "404.html")
    .map((file) => `/${file.replace(/index\.html$/, "")}`);
}

test("sitemap.xml lists every page (not 404 or search) under site + base, with the dates the notes give", () => {
  const xml = fs.readFileSync(path.join(withSite, "sitemap.xml"), "utf8");
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
  const expected = builtPages(withSite).filter((url) => url !== "/search/").map(absolute).sort();
  assert.deepEqual([...locs].sort(), expected);
  assert.ok(locs.includes(`${site}/`) && locs.includes(absolute("/卡片/集群/")));
  const lastmod = (url: string) => new RegExp(`<loc>${absolute(url).replace(/[.?]/g, "\\$&")}</loc><lastmod>([^<]+)</lastmod>`).exec(xml)?.[1];
  assert.equal(lastmod("/卡片/集群/"), "2024-03-05");
  assert.equal(lastmod("/卡片/旧卡/"), "2023-06-01");
  assert.equal(lastmod("/笔记/无日期/"), "2022-02-02");
  // A question is as new as the newest card that answers it.
  assert.equal(lastmod("/q/Redis-集群怎么分片/"), "2024-03-05");
  assert.match(withLog, /sitemap\.xml \(\d+ pages\) and feed\.xml \(4 entries\)/);
});

test("feed.xml: well-formed Atom, cards and notes newest first, dates from front matter else the file's time", async () => {
  const xml = fs.readFileSync(path.join(withSite, "feed.xml"), "utf8");
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const error = doc.querySelector("parsererror")?.textContent ?? null;
      const entries = [...doc.getElementsByTagName("entry")].map((entry) => ({
        title: entry.getElementsByTagName("title")[0]?.textContent,
        link: entry.getElementsByTagName("link")[0]?.getAttribute("href"),
        updated: entry.getElementsByTagName("updated")[0]?.textContent,
        published: entry.getElementsByTagName("published")[0]?.textContent ?? null,
        summary: entry.getElementsByTagName("summary")[0]?.textContent ?? null,
      }));
      return { error, root: doc.documentElement.namespaceURI, self: doc.querySelector('link[rel="self"]')?.getAttribute("href"), entries };
    }, xml);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, "http://www.w3.org/2005/Atom");
    assert.equal(parsed.self, `${site}/feed.xml`);
    assert.deepEqual(
      parsed.entries.map((e) => [e.title, e.updated, e.published]),
      [
        ["花园", "2024-05-01T10:00:00+08:00", "2024-04-01T09:00:00+08:00"],
        ["集群", "2024-03-05T00:00:00Z", "2024-01-02T00:00:00Z"],
        ["旧卡", "2023-06-01T00:00:00Z", "2023-06-01T00:00:00Z"],
        ["无日期", "2022-02-02T00:00:00.000Z", null],
      ],
    );
    assert.equal(parsed.entries[1]?.link, absolute("/卡片/集群/"));
    // A card's text opens with the question it answers, then the answer.
    assert.match(parsed.entries[1]?.summary ?? "", /^？?Redis 集群怎么分片 Redis Cluster 把整个键空间分成 16384 个哈希槽/);
  } finally {
    await browser.close();
  }
});

test("a card's head: description (the start of its text, ~120 characters), Open Graph, canonical, the feed; last updated", () => {
  const html = read(withSite, "卡片/集群");
  const description = attr(html, /<meta name="description" content="([^"]*)"/);
  assert.ok(description, "a description");
  assert.ok(description.includes("Redis Cluster 把整个键空间分成 16384 个哈希槽"), description);
  assert.ok(!description.startsWith("集群"), "the title is not repeated in the description");
  const graphemes = [...new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(description)].length;
  assert.ok(graphemes <= 121 && graphemes >= 90, `${graphemes} characters: ${description}`);
  assert.ok(description.endsWith("…"));
  assert.equal(attr(html, /<meta property="og:description" content="([^"]*)"/), description);
  assert.equal(attr(html, /<meta property="og:title" content="([^"]*)"/), "集群");
  assert.equal(attr(html, /<meta property="og:type" content="([^"]*)"/), "article");
  assert.equal(attr(html, /<link rel="canonical" href="([^"]*)"/), absolute("/卡片/集群/"));
  assert.equal(attr(html, /<meta property="og:url" content="([^"]*)"/), absolute("/卡片/集群/"));
  assert.equal(attr(html, /<link rel="alternate" type="application\/atom\+xml"[^>]* href="([^"]*)"/), "/notes/feed.xml");
  assert.match(html, /<p class="updated"[^>]*>最后更新 <time datetime="2024-03-05">2024-03-05<\/time><\/p>/);
  const question = read(withSite, "q/Redis-集群怎么分片");
  assert.equal(attr(question, /<link rel="canonical" href="([^"]*)"/), absolute("/q/Redis-集群怎么分片/"));
  assert.ok(attr(question, /<meta name="description" content="([^"]*)"/)?.startsWith("Redis Cluster"));
  assert.equal(attr(read(withSite, "tags"), /<meta property="og:type" content="([^"]*)"/), "website");
});

test("every page links the same one stylesheet file and inlines no CSS", () => {
  for (const dir of [withSite, without]) {
    const prefix = dir === withSite ? "/notes/" : "/";
    const sheets = new Set<string>();
    for (const file of filesUnder(dir, ".html")) {
      const html = fs.readFileSync(file, "utf8");
      const links = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] as string);
      assert.equal(links.length, 1, `${file}: ${links.join(", ")}`);
      assert.doesNotMatch(html, /<style[\s>]/, `${file} inlines CSS`);
      sheets.add(links[0] as string);
    }
    assert.equal(sheets.size, 1, [...sheets].join(", "));
    const [sheet] = [...sheets] as [string];
    assert.match(sheet, new RegExp(`^${prefix}_astro/[\\w-]+\\.[\\w-]+\\.css$`));
    const css = fs.readFileSync(path.join(dir, sheet.slice(prefix.length)), "utf8");
    assert.match(css, /\[data-theme=(?:"|)dark/, "the theme rules are in it");
    assert.match(css, /@media print/, "the print rules are in it");
  }
});

test("without `site`: descriptions stay; no canonical, og:url, feed link, sitemap or feed; the build says so", () => {
  const html = read(without, "卡片/集群");
  assert.ok(attr(html, /<meta name="description" content="([^"]*)"/)?.includes("16384"));
  assert.match(html, /<meta property="og:title" content="集群"/);
  assert.doesNotMatch(html, /rel="canonical"|property="og:url"|application\/atom\+xml/);
  assert.ok(!fs.existsSync(path.join(without, "sitemap.xml")));
  assert.ok(!fs.existsSync(path.join(without, "feed.xml")));
  assert.match(withoutLog, /no `site` address set: sitemap\.xml and feed\.xml not written/);
  assert.match(html, /<time datetime="2024-03-05">/, "last updated needs no address");
});
