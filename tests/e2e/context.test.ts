/**
 * Browser tests for reading in context on the sample site: hovering (or focusing) a link to a question on a card
 * shows a preview with the question's title, read from a small JSON shard and never from the question's HTML;
 * touch screens get none; the table of contents links to ids that exist (aside on a desktop, `<details>` on a
 * phone); 来自卡片 and the comments page land on the exact bullet or comment on the card. On a vault too large for the
 * explorer beside every page, the header button opens it, loaded from one JSON file.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser, openPage, screenshot, type Site, seedCard, site } from "./site.ts";

let s: Site;
let large: Site;
let largeVault: string;
let browser: Browser;

/** A vault whose explorer is past the limit for every page: 450 short notes in three folders. */
function makeLargeVault(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-context-large-"));
  for (let i = 0; i < 450; i++) {
    const folder = path.join(root, ["缓存", "消息队列", "数据库"][i % 3] as string);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `笔记 ${i}.md`), `第 ${i} 篇笔记，链接到 [[笔记 ${(i + 1) % 450}]]。\n`);
  }
  return root;
}

before(
  async () => {
    s = await site();
    largeVault = makeLargeVault();
    large = await site(largeVault);
    browser = await launchBrowser();
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
  await large?.close();
  if (largeVault) fs.rmSync(largeVault, { recursive: true, force: true });
});

const TEST = { timeout: 90_000 };
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

async function withPage(body: (page: Page) => Promise<void>, options: BrowserContextOptions = {}): Promise<void> {
  const watched = await openPage(browser, options);
  try {
    await body(watched.page);
  } catch (error) {
    await watched.page.context().close().catch(() => {});
    throw error;
  }
  await watched.finish();
}

const pathOf = (url: string) => decodeURIComponent(new URL(url, "http://x").pathname);

test("hover preview: a card's link to a question shows the question's title, kind and text from a JSON shard", TEST, () =>
  withPage(async (page) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(pathOf(request.url())));
    await page.goto(s.url(seedCard));
    const link = page.locator("article .outline li[data-question] > a[href*='/q/']").first();
    const target = pathOf((await link.getAttribute("href")) ?? "");
    const preview = page.locator("#wenda-preview");
    assert.equal(await preview.isVisible(), false);
    await link.hover();
    await preview.waitFor({ state: "visible" });
    const title = (await preview.locator(".preview-title").textContent()) ?? "";
    assert.equal(await preview.locator(".preview-kind").textContent(), "问题");
    assert.ok((await preview.locator(".preview-text").textContent())?.length, "the preview shows the first words");
    assert.equal(await link.getAttribute("aria-describedby"), "wenda-preview");
    // Its data came from a preview shard, not from the question's page.
    assert.ok(requests.some((url) => /^\/_wenda\/preview\/\d+\.json$/.test(url)), requests.join("\n"));
    assert.ok(!requests.includes(target), "the question's HTML was not fetched");
    await screenshot(page, "context-preview-desktop");
    // Escape closes it.
    await page.keyboard.press("Escape");
    await preview.waitFor({ state: "hidden" });
    // The title is the question page's own title.
    await page.goto(s.url(target));
    assert.equal((await page.locator("main h1").textContent())?.trim(), title);
  }),
);

test("hover preview: keyboard focus on a link shows it too; the pointer leaving hides it", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const link = page.locator("article .outline li[data-question] > a[href*='/q/']").nth(1);
    await link.focus();
    const preview = page.locator("#wenda-preview");
    await preview.waitFor({ state: "visible" });
    assert.ok(((await preview.locator(".preview-title").textContent()) ?? "").length > 0, "the preview has a title");
    await link.blur();
    await preview.waitFor({ state: "hidden" });
  }),
);

test("hover preview: none on a touch screen", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const shown = await page.evaluate(() => matchMedia("(hover: hover) and (pointer: fine)").matches);
    assert.equal(shown, false, "the phone context has no fine hover pointer");
    const link = page.locator("article .outline li[data-question] > a[href*='/q/']").first();
    await link.dispatchEvent("pointerover");
    await link.focus();
    // Nothing is scheduled on a touch screen: give a desktop's delay twice over, then check.
    await page.waitForTimeout(1500);
    assert.equal(await page.locator("#wenda-preview").isVisible(), false);
    assert.equal(await link.getAttribute("aria-describedby"), null);
  }, phone),
);

test("table of contents: a card lists its questions in order, each linking to an id on the page", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const side = page.locator("aside .toc-side");
    assert.ok(await side.isVisible(), "a desktop shows the table beside the content");
    assert.equal(await page.locator(".toc-top").isVisible(), false);
    const entries = await side.locator("a").evaluateAll((links) => links.map((a) => ({ hash: decodeURIComponent(new URL((a as HTMLAnchorElement).href).hash.slice(1)), text: a.textContent ?? "" })));
    assert.ok(entries.length >= 2, `${entries.length} entries`);
    const questions = await page.locator("article .outline li[data-question]").evaluateAll((items) => items.map((li) => li.id));
    // The questions in document order (the deepest levels left out).
    const positions = entries.map((entry) => questions.indexOf(entry.hash));
    assert.ok(positions.every((at, i) => at >= 0 && (i === 0 || at > (positions[i - 1] as number))), `${positions} follow the card's order`);
    assert.equal(positions[0], 0, "the first question comes first");
    for (const entry of entries) assert.equal(await page.locator(`[id="${entry.hash}"]`).count(), 1, `#${entry.hash} exists once`);
    // Following one lands on its question's bullet.
    const last = side.locator("a").last();
    await last.click();
    const target = page.locator(":target");
    assert.notEqual(await target.getAttribute("data-question"), null, "the target is a question bullet");
    await screenshot(page, "context-toc-desktop");
  });
  await withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const top = page.locator("details.toc-top");
    assert.ok(await top.isVisible(), "a phone shows the table above the content");
    assert.equal(await top.getAttribute("open"), null, "collapsed");
    assert.equal(await page.locator(".toc-side").isVisible(), false);
    await top.locator("summary").click();
    assert.ok(await top.locator("a").first().isVisible());
    await screenshot(page, "context-toc-phone");
  }, phone);
});

test("来自卡片 on a question page lands on the question's bullet on the card", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/"));
    const questions = await page.locator("main a[href*='/q/']").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    let checked = 0;
    for (const href of [...new Set(questions)].slice(0, 12)) {
      await page.goto(href);
      const sources = await page.locator(".answer-source a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      for (const source of sources) {
        const url = new URL(source);
        assert.match(url.hash, /^#./, `${pathOf(href)}: 来自卡片 links to a block, not the card's top`);
        const title = (await page.locator("main h1").textContent())?.trim() ?? "";
        await page.goto(source);
        const target = page.locator(":target");
        assert.equal(await target.count(), 1, `${url.hash} exists on ${pathOf(source)}`);
        assert.notEqual(await target.getAttribute("data-question"), null, "it is a question bullet");
        // The bullet asks this question (its link reads as the title, stray spaces aside).
        const asked = (await target.locator(":scope > a, :scope > p > a").first().textContent()) ?? "";
        assert.equal(asked.replace(/\s+/g, ""), title.replace(/\s+/g, ""));
        checked++;
        await page.goBack();
      }
    }
    assert.ok(checked >= 3, `${checked} answers followed`);
  }),
);

test("comments: every entry on the comments page and on question pages lands on its comment on the card", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/comments/"));
    const entries = await page.locator("li.comment-item").evaluateAll((items) =>
      items.map((li) => ({ text: li.querySelector(".comment-body")?.textContent ?? "", href: (li.querySelector("a.comment-jump") as HTMLAnchorElement | null)?.href ?? "" })),
    );
    assert.ok(entries.length >= 2);
    for (const entry of entries) {
      assert.match(entry.href, /#comment-\d+$/);
      await page.goto(entry.href);
      const target = page.locator(":target");
      assert.equal(await target.count(), 1, entry.href);
      assert.ok((await target.getAttribute("class"))?.includes("ob-comment"), "the target is the comment");
      assert.ok(((await target.textContent()) ?? "").includes(entry.text), `${entry.href} shows "${entry.text}"`);
    }
    // The same comment listed on its question's page links to the same place.
    await page.goto(s.url(seedCard));
    const questionHref = await page.locator("aside .comment-list .comment-where a[href*='/q/']").first().getAttribute("href");
    assert.ok(questionHref);
    await page.goto(s.url(questionHref));
    const onQuestion = page.locator("aside .comment-list .comment-where a[href*='#comment-']").first();
    await onQuestion.click();
    assert.ok(((await page.locator(":target").getAttribute("class")) ?? "").includes("ob-comment"));
  }),
);

test("explorer on demand: a large vault's pages carry no explorer; the header button loads and opens it", TEST, async () => {
  for (const options of [{}, phone]) {
    await withPage(async (page) => {
      const requests: string[] = [];
      page.on("request", (request) => requests.push(pathOf(request.url())));
      await page.goto(large.url("/消息队列/笔记-1/"));
      assert.equal(await page.locator("nav#explorer").count(), 0, "no explorer in the page");
      assert.ok(!requests.includes("/_wenda/explorer.json"), "nothing loaded before it is opened");
      const button = page.locator("header button.explorer-open");
      await button.click();
      const drawer = page.locator("#wenda-explorer-drawer");
      await drawer.locator(".nav-tree").waitFor();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      const current = drawer.locator("a[aria-current=page]");
      assert.equal(await current.textContent(), "笔记 1");
      assert.ok(await current.isVisible(), "the folder holding this page is open");
      assert.equal(await drawer.locator("details:not([open]) > summary .folder").count(), 2, "the other folders are closed");
      // The panel starts below the header (two lines on a phone).
      const header = await page.locator(".site-header").boundingBox();
      const box = await drawer.boundingBox();
      assert.ok(header && box && box.y >= header.y + header.height - 1, `below the header: ${JSON.stringify({ header, box })}`);
      await screenshot(page, `context-explorer-${options === phone ? "phone" : "desktop"}`);
      if (options === phone) {
        await button.click();
        await drawer.waitFor({ state: "hidden" });
        return;
      }
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
      await button.click();
      await drawer.getByRole("link", { name: "笔记 10", exact: true }).click();
      await page.waitForURL((url) => pathOf(url.href) === "/消息队列/笔记-10/");
    }, options);
  }
});
