/**
 * Browser tests for embeds (transclusion) on the fixture vaults: on tests/vaults/obsidian a whole note, a heading
 * section and a block are shown in the page, with their source linked, the cycle stops with a notice, and the
 * embedded copy's heading anchor follows its own prefixed id; on tests/vaults/logseq `{{embed [[page]]}}` shows the
 * page and `{{embed ((uuid))}}` the block with its children. No id repeats on these pages.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage, type Site, site } from "./site.ts";

let obsidian: Site;
let logseq: Site;
let browser: Browser;

before(
  async () => {
    obsidian = await site("tests/vaults/obsidian");
    logseq = await site("tests/vaults/logseq");
    browser = await launchBrowser();
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  await obsidian?.close();
  await logseq?.close();
});

const TEST = { timeout: 90_000 };

async function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  const watched = await openPage(browser);
  try {
    await body(watched.page);
  } catch (error) {
    await watched.page.context().close().catch(() => {});
    throw error;
  }
  await watched.finish();
}

async function repeatedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
}

test("Obsidian: a transcluded note, heading section and block show in the page; a cycle stops", TEST, () =>
  withPage(async (page) => {
    await page.goto(obsidian.url("/嵌入/嵌入示例/"));
    const embeds = page.locator("main .embed");
    assert.ok((await embeds.count()) >= 8, `${await embeds.count()} embeds`);
    // The heading section: its heading and its sub-content, not the next section.
    const section = embeds.filter({ has: page.locator(".embed-source", { hasText: "Redis 持久化 › AOF 重写" }) }).first();
    assert.equal(await section.locator(".embed-body h3").first().textContent(), "AOF 重写");
    assert.ok(await section.locator(".embed-body", { hasText: "BGREWRITEAOF" }).isVisible());
    assert.equal(await section.locator(".embed-body", { hasText: "混合持久化" }).count(), 0);
    // The embedded callout renders as a callout.
    assert.ok((await section.locator(".callout").count()) >= 1);
    // The block, with its child bullet.
    const block = page.locator("main .embed .embedded-block li", { hasText: "appendfsync everysec" }).first();
    assert.ok(await block.isVisible());
    assert.match((await block.textContent()) ?? "", /默认配置/);
    // The cycle 循环甲 → 循环乙 → 循环甲 stops with a notice after showing each once.
    assert.equal(await page.locator("main", { hasText: "循环嵌入" }).count(), 1);
    assert.equal((await page.locator("main").textContent())?.match(/循环乙的内容/g)?.length, 1);
    // The embedded heading's copy-link anchor points at the copy's own (prefixed) id, which exists.
    const anchor = (await section.locator(".embed-body h3 a.heading-anchor").getAttribute("href")) ?? "";
    assert.ok(anchor.startsWith("#e"), anchor);
    assert.equal(await page.locator(`[id="${decodeURIComponent(anchor.slice(1))}"]`).count(), 1);
    // The source link opens the embedded note at the heading.
    await section.locator(".embed-source").click();
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === "/嵌入/素材/Redis-持久化/");
    assert.deepEqual(await repeatedIds(page), []);
  }),
);

test("Logseq: {{embed [[page]]}} shows the page, {{embed ((uuid))}} the block with its children", TEST, () =>
  withPage(async (page) => {
    await page.goto(logseq.url("/消息队列/"));
    const pageEmbed = page.locator("main .embed", { has: page.locator(".embed-source", { hasText: "Redis" }) }).first();
    assert.ok((await pageEmbed.locator(".embed-body").textContent())?.includes("Redis 为什么快"), "the Redis page is transcluded");
    const blockEmbed = page.locator("main .embed .embedded-block").first();
    assert.ok(await blockEmbed.isVisible(), "the block is transcluded");
    assert.ok((await blockEmbed.locator("li").count()) >= 1);
    assert.deepEqual(await repeatedIds(page), []);
  }),
);
