// The Pagefind index fed page by page (src/site/search-index.ts) indexes what Pagefind over the finished folder
// would: pages it was handed, pages only on disk (an incremental build's copies), never a page that isn't there.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { finishSearchIndex, startSearchIndex } from "../../src/site/search-index.ts";

type Feed = (pathname: string, html: string) => Promise<void>;
const feed = (): Feed => {
  const found = (globalThis as unknown as Record<symbol, Feed | undefined>)[Symbol.for("wenda.search-feed")];
  assert.ok(found, "the feed is on globalThis once the index started");
  return found;
};
const page = (title: string, body: string, searchable = true) =>
  `<!doctype html><html lang="zh-CN"><head><title>${title}</title></head><body><main${searchable ? " data-pagefind-body" : ""}><h1>${title}</h1><p>${body}</p></main></body></html>`;

function site(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-search-index-"));
  for (const [rel, html] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), html);
  }
  return dir;
}
const pageCount = (dir: string): number =>
  (JSON.parse(fs.readFileSync(path.join(dir, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> }).languages["zh-cn"]?.page_count ?? -1;

test("fed pages, a page only on disk and a page without a body: the index holds the searchable ones", async () => {
  const pages = {
    "index.html": page("首页", "目录", false),
    "q/Redis-集群/index.html": page("Redis 集群", "主从复制与哨兵"),
    "卡片/缓存/index.html": page("缓存", "缓存击穿"),
    "copied/index.html": page("复制来的", "增量构建留下的页面"),
  };
  const dir = site(pages);
  try {
    await startSearchIndex("zh-cn", "/");
    await feed()("/", pages["index.html"]);
    await feed()(`/q/${encodeURIComponent("Redis-集群")}/`, pages["q/Redis-集群/index.html"]);
    await feed()(`/${encodeURIComponent("卡片")}/${encodeURIComponent("缓存")}/`, pages["卡片/缓存/index.html"]);
    const messages: string[] = [];
    assert.equal(await finishSearchIndex(dir, "zh-cn", (m) => messages.push(m)), 3);
    assert.deepEqual(messages, []);
    assert.equal(pageCount(dir), 3);
    assert.equal((globalThis as unknown as Record<symbol, unknown>)[Symbol.for("wenda.search-feed")], undefined, "the feed is gone after the build");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a fed page that is not a file of the site: the site is indexed from disk instead", async () => {
  const pages = { "a/index.html": page("甲", "正文一"), "b/index.html": page("乙", "正文二") };
  const dir = site(pages);
  try {
    await startSearchIndex("zh-cn", "/");
    await feed()("/a/", pages["a/index.html"]);
    await feed()("/nowhere/", page("丙", "不存在"));
    const messages: string[] = [];
    assert.equal(await finishSearchIndex(dir, "zh-cn", (m) => messages.push(m)), 2);
    assert.match(messages.join("\n"), /nowhere\/index\.html is not a file of the site/);
    assert.equal(pageCount(dir), 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
