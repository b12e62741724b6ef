/**
 * Browser tests on the fixture vault tests/vaults/obsidian (链接/, 附件/, 资源/): a Chinese heading link lands on
 * the heading (scrolled there, `:target`), a same-note `[[#标题]]` too, a markdown link reaches the rendered note,
 * attachment images load, audio and video players load their files, the PDF embed points to a served PDF, and
 * Pagefind's sub-result anchors are the headings' own ids. Any console error or failed request fails the test.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage, type Site, site } from "./site.ts";

let s: Site;
let browser: Browser;

before(
  async () => {
    s = await site("tests/vaults/obsidian");
    browser = await launchBrowser();
  },
  { timeout: 240_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
});

const TEST = { timeout: 90_000 };

/** A short viewport, so that landing on a heading needs a scroll. */
async function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  const watched = await openPage(browser, { viewport: { width: 1000, height: 420 } });
  try {
    await body(watched.page);
  } catch (error) {
    await watched.page
      .context()
      .close()
      .catch(() => {});
    if (error instanceof Error && watched.errors.length > 0)
      error.message += `\n\nThe page also reported:\n${watched.errors.join("\n")}`;
    throw error;
  }
  await watched.finish();
}

const pathOf = (url: string) => decodeURIComponent(new URL(url).pathname);
const hashOf = (url: string) => decodeURIComponent(new URL(url).hash);

/** The `:target` element's id and where it is in the viewport, and the bottom of the sticky site header. */
function target(page: Page): Promise<{ id: string; tag: string; top: number; scrollY: number; header: number } | null> {
  return page.evaluate(() => {
    const element = document.querySelector(":target");
    const header = document.querySelector(".site-header")?.getBoundingClientRect().bottom ?? 0;
    return element
      ? {
          id: element.id,
          tag: element.tagName,
          top: element.getBoundingClientRect().top,
          scrollY: window.scrollY,
          header,
        }
      : null;
  });
}

test("clicking a Chinese heading link lands on the heading: scrolled to it, and it is :target", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/链接/链接大全/"));
    const link = page.locator(".outline a.internal", { hasText: "标题测试 › 第二章 RabbitMq 集群？ › 细节" });
    assert.equal(await link.getAttribute("href"), "/链接/标题测试/#细节-1", "CJK stays readable in the href");
    await link.click();
    await page.waitForURL((url) => pathOf(url.href) === "/链接/标题测试/" && hashOf(url.href) === "#细节-1");
    await page.waitForFunction(() => document.querySelector(":target") !== null);
    const landed = await target(page);
    assert.equal(landed?.id, "细节-1");
    assert.equal(landed?.tag, "H3");
    assert.ok(landed.scrollY > 0, "the page scrolled");
    assert.ok(
      landed.top >= landed.header && landed.top < landed.header + 40,
      `the heading is just below the sticky header (top ${landed.top}, header ${landed.header})`,
    );
    assert.equal(await page.locator(":target").textContent(), "细节", "the copy-link anchor adds no text");
  }),
);

test(
  "a same-note [[#标题]] and a table-cell heading link land too; the copy-link anchor links to its heading",
  TEST,
  () =>
    withPage(async (page) => {
      await page.goto(s.url("/链接/链接大全/"));
      await page.locator(".outline a.internal", { hasText: "回到顶部附近" }).click();
      await page.waitForURL((url) => hashOf(url.href) === "#本页标题");
      assert.equal((await target(page))?.id, "本页标题");
      const anchor = page.locator("h2#表格里的链接 > a.heading-anchor");
      assert.equal(await anchor.getAttribute("href"), "#表格里的链接");
      await page.locator("h2#表格里的链接").hover();
      assert.equal(await anchor.evaluate((a) => getComputedStyle(a).opacity), "1", "shown on hover");
      await page.locator("td a.internal", { hasText: "结尾" }).click();
      await page.waitForURL((url) => pathOf(url.href) === "/链接/标题测试/" && hashOf(url.href) === "#长长的结尾");
      assert.equal((await target(page))?.id, "长长的结尾");
    }),
);

test("a markdown link to a note reaches the rendered note (never a raw .md)", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/链接/链接大全/"));
    const hrefs = await page
      .locator(".outline a")
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(!hrefs.some((href) => /\.md(#|$)/.test(href) || href.includes("/assets/")), hrefs.join("\n"));
    await page.locator(".outline li a", { hasText: "深层尖括号" }).click();
    await page.waitForURL((url) => pathOf(url.href) === "/链接/子目录/深层-笔记/");
    assert.match((await page.locator(".outline h1").first().textContent()) ?? "", /深层的标题/);
    await page.locator(".outline a", { hasText: "链接大全" }).first().click();
    await page.waitForURL((url) => pathOf(url.href) === "/链接/链接大全/" && hashOf(url.href) === "#本页标题");
    assert.equal((await target(page))?.id, "本页标题");
  }),
);

test("attachment images load from other folders; audio, video and the PDF are served files", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/链接/附件嵌入/"));
    const images = page.locator(".outline img");
    assert.equal(await images.count(), 9);
    await images.evaluateAll((list) =>
      Promise.all(
        list.map((img) => {
          // Lazy images below the fold would not load in a short viewport.
          (img as HTMLImageElement).loading = "eager";
          return (img as HTMLImageElement).decode();
        }),
      ),
    );
    const sizes = await images.evaluateAll((list) =>
      list.map((img) => [
        (img as HTMLImageElement).alt,
        (img as HTMLImageElement).naturalWidth,
        img.getAttribute("width"),
      ]),
    );
    for (const [alt, natural] of sizes) assert.ok(Number(natural) > 0, `${alt} loaded`);
    assert.deepEqual(
      sizes.filter(([, , width]) => width !== null).map(([, , width]) => width),
      ["100", "100", "50"],
    );
    assert.ok(
      sizes.some(([alt]) => alt === "原始 HTML 的图"),
      "raw HTML <img src> resolved",
    );
    assert.equal(await page.locator(".media-placeholder").count(), 1, "only the missing file is a placeholder");

    for (const selector of ["audio.embedded-media", "video.embedded-media"]) {
      const ready = await page.locator(selector).evaluate(
        (media: HTMLMediaElement) =>
          new Promise<number>((resolve) => {
            if (media.readyState >= 1) resolve(media.readyState);
            media.addEventListener("loadedmetadata", () => resolve(media.readyState), { once: true });
            media.addEventListener("error", () => resolve(-1), { once: true });
            media.load();
          }),
      );
      assert.ok(ready >= 1, `${selector} loaded its metadata`);
    }

    const pdf = page.locator("object.pdf-embed").first();
    const data = (await pdf.getAttribute("data")) ?? "";
    assert.match(decodeURIComponent(data), /^\/assets\/附件\/文档\.pdf#page=3$/);
    const response = await page.request.get(new URL(data, page.url()).href);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-type"] ?? "", /application\/pdf/);
    assert.equal((await response.body()).subarray(0, 5).toString(), "%PDF-");
    assert.equal(await page.locator("object.pdf-embed[height='400']").count(), 1);
  }),
);

test("Pagefind's sub-results point at the headings' own ids", TEST, () =>
  withPage(async (page) => {
    await page.goto(s.url("/链接/标题测试/"));
    const ids = await page.locator(".outline :is(h1,h2,h3,h4,h5,h6)").evaluateAll((list) => list.map((h) => h.id));
    const anchors = await page.evaluate(async () => {
      const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
      const search = await pagefind.search("细节");
      const found: string[] = [];
      for (const result of search.results) {
        const data = await result.data();
        if (!decodeURIComponent(data.url).startsWith("/链接/标题测试/")) continue;
        for (const sub of data.sub_results)
          if (sub.url.includes("#")) found.push(decodeURIComponent(sub.url.slice(sub.url.indexOf("#") + 1)));
      }
      return found;
    });
    assert.ok(anchors.length >= 2, `sub-results with anchors: ${anchors.join(", ")}`);
    for (const anchor of anchors)
      assert.ok(ids.includes(anchor), `#${anchor} is a heading id on the page (${ids.join(", ")})`);
    assert.ok(anchors.includes("细节-1"), "the repeated heading's sub-result uses its -1 id");
  }),
);
