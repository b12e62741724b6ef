// The Pagefind index of the finished site (src/site/search-index.ts): every page with searchable content, read
// from disk, so an incremental build's copied pages count like rendered ones.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { finishSearchIndex } from "../../src/site/search-index.ts";

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

test("the site on disk: pages with a body are indexed, a page without one is left out", async () => {
  const pages = {
    "index.html": page("首页", "目录", false),
    "q/Redis-集群/index.html": page("Redis 集群", "主从复制与哨兵"),
    "卡片/缓存/index.html": page("缓存", "缓存击穿"),
    "copied/index.html": page("复制来的", "增量构建留下的页面"),
  };
  const dir = site(pages);
  try {
    assert.equal(await finishSearchIndex(dir, "zh-cn"), 4, "every HTML file is read");
    assert.equal(pageCount(dir), 3, "the home page, without a body, is left out of the index");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a site without searchable content still gets an index, never a failure", async () => {
  const dir = site({ "index.html": page("首页", "目录", false) });
  try {
    assert.equal(await finishSearchIndex(dir, "zh-cn"), 1);
    assert.ok(fs.existsSync(path.join(dir, "pagefind", "pagefind-entry.json")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
