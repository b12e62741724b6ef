/**
 * Browser tests on the Logseq fixture graph (tests/vaults/logseq/): a block ref shows the block's text and jumps
 * to it, a collapsed branch opens on click, a cloze reveals on click. No script is involved in any of them.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage, type Site, site } from "./site.ts";

let s: Site;
let browser: Browser;

before(
  async () => {
    s = await site("tests/vaults/logseq");
    browser = await launchBrowser();
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
});

const TEST = { timeout: 90_000 };

async function withPage(pathname: string, body: (page: Page) => Promise<void>): Promise<void> {
  const watched = await openPage(browser);
  try {
    await watched.page.goto(s.url(pathname));
    await body(watched.page);
  } catch (error) {
    await watched.page.context().close().catch(() => {});
    throw error;
  }
  await watched.finish();
}

test("a block ref shows the referenced block's text and jumps to that block", TEST, async () => {
  await withPage("/journals/2024-01-15/", async (page) => {
    const ref = page.locator("a.block-ref").first();
    assert.equal((await ref.textContent())?.trim(), "为什么使用消息队列 解耦、异步、削峰");
    await ref.click();
    await page.waitForURL((url) => url.hash === "#6571a2b3-0000-4000-8000-00000000c003");
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), "/消息队列/");
    const target = page.locator("li:target");
    assert.equal(await target.count(), 1);
    assert.match((await target.textContent()) ?? "", /^为什么使用消息队列/);
    assert.ok(await target.isVisible());
  });
});

test("a collapsed branch is folded and opens on click", TEST, async () => {
  await withPage("/Redis/", async (page) => {
    const details = page.locator("details.collapsed", { has: page.locator("summary", { hasText: "Redis 为什么快？" }) });
    const child = details.locator("li", { hasText: "纯内存操作" });
    assert.equal(await details.getAttribute("open"), null);
    assert.equal(await child.isVisible(), false);
    await details.locator("summary").first().click();
    assert.notEqual(await details.getAttribute("open"), null);
    assert.ok(await child.isVisible());
  });
});

test("a cloze hides its answer until clicked", TEST, async () => {
  await withPage("/Redis/", async (page) => {
    const cloze = page.locator(".cloze");
    const color = () => cloze.evaluate((element) => getComputedStyle(element).color);
    assert.equal(await color(), "rgba(0, 0, 0, 0)");
    await cloze.click();
    assert.notEqual(await color(), "rgba(0, 0, 0, 0)");
    assert.equal((await cloze.textContent())?.trim(), "内存 + IO 多路复用");
  });
});

test("no property line and no remote iframe on a Logseq page", TEST, async () => {
  await withPage("/消息队列/", async (page) => {
    const text = (await page.locator("main").textContent()) ?? "";
    assert.doesNotMatch(text, /[\p{L}\w-]::/u);
    assert.equal(await page.locator("iframe").count(), 0);
    // The page's own code box (an embedded page brings its own, inside the embed).
    assert.equal(await page.locator("main pre").evaluateAll((pres) => pres.filter((pre) => !pre.closest(".embed-body")).length), 1);
  });
});
