/**
 * Navigation on built fixture vaults, in Chromium: every page is reachable from `/` within two clicks (a crawl
 * of the links on the home page and on every page it links to), the home note renders at `/`, the title is
 * shown once, the explorer sits beside the content (after it on a phone) and folds without script, a Logseq
 * namespace page lists its children, a virtual page lists its references, the journals index is newest first,
 * a Digital Garden's home, URLs and hidden notes.
 *
 * Run: node --import tsx --test tests/e2e/navigation.test.ts
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { filesUnder, launchBrowser, openPage, type Site, siteOf } from "./site.ts";

let obsidian: Site;
let logseq: Site;
let garden: Site;
let browser: Browser;

before(
  async () => {
    // One build at a time per checkout (they share .astro/).
    obsidian = await siteOf("tests/vaults/obsidian");
    logseq = await siteOf("tests/vaults/logseq");
    garden = await siteOf("tests/vaults/digital-garden");
    browser = await launchBrowser();
  },
  { timeout: 420_000 },
);

after(async () => {
  await browser?.close();
  await obsidian?.close();
  await logseq?.close();
  await garden?.close();
});

const TEST = { timeout: 120_000 };

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

const pathOf = (url: string) => decodeURIComponent(new URL(url).pathname);

/** Decoded paths of every built page but the search page (a form leads there, not a link) and 404. */
function builtPages(site: Site): string[] {
  return filesUnder(site.dir, "index.html")
    .map((file) => `/${path.relative(site.dir, path.dirname(file)).split(path.sep).join("/")}/`.replace(/^\/\/$/, "/"))
    .filter((p) => p !== "/search/")
    .sort();
}

/** Same-site link targets on the page at `pathname`. */
async function linksOn(page: Page, site: Site, pathname: string): Promise<string[]> {
  await page.goto(site.url(pathname));
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.filter((href) => href.startsWith(site.origin)).map((href) => pathOf(href));
}

async function reachableInTwoClicks(page: Page, site: Site): Promise<Set<string>> {
  const first = new Set(await linksOn(page, site, "/"));
  const reached = new Set(["/", ...first]);
  for (const pathname of first) for (const next of await linksOn(page, site, pathname)) reached.add(next);
  return reached;
}

for (const [name, get] of [
  ["Obsidian", () => obsidian],
  ["Logseq", () => logseq],
] as const) {
  test(`${name} fixture: every page is reachable from / within two clicks`, TEST, () =>
    withPage(async (page) => {
      const site = get();
      const pages = builtPages(site);
      assert.ok(pages.length >= 6, `only ${pages.length} pages built`);
      const reached = await reachableInTwoClicks(page, site);
      assert.deepEqual(pages.filter((p) => !reached.has(p)), [], "pages more than two clicks from home");
    }),
  );
}

test("the home note renders at /, its repeated H1 shown once; a different leading H1 is kept", TEST, () =>
  withPage(async (page) => {
    await page.goto(obsidian.url("/"));
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["我的面试笔记"]);
    assert.equal(await page.title(), "我的面试笔记 · 问答");
    await page.getByRole("link", { name: "标题重复", exact: true }).first().click();
    await page.waitForURL((url) => pathOf(url.href) === "/导航/标题重复/");
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["标题重复"]);
    await page.goto(obsidian.url("/导航/不同标题/"));
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["不同标题", "另一个一级标题"]);
  }),
);

test("the explorer: beside the content on a desktop, folders fold natively, the current page marked", TEST, () =>
  withPage(async (page) => {
    await page.goto(obsidian.url("/导航/深层/更深/藏得很深的笔记/"));
    const explorer = page.locator("nav.explorer");
    const [nav, main] = [await explorer.boundingBox(), await page.locator("main").boundingBox()];
    assert.ok(nav && main && nav.x + nav.width <= main.x + 1, "explorer left of the content");
    const current = explorer.locator('a[aria-current="page"]');
    assert.equal(await current.textContent(), "藏得很深的笔记");
    assert.ok(await current.isVisible(), "the folders on the way to the current page are open");
    await page.goto(obsidian.url("/"));
    const folder = page.locator("nav.explorer details", { has: page.locator(":scope > summary", { hasText: "导航" }) }).first();
    assert.equal(await folder.getAttribute("open"), null);
    await folder.locator(":scope > summary").click();
    assert.equal(await folder.getAttribute("open"), "");
    assert.ok(await page.locator("nav.explorer").getByRole("link", { name: "标题重复", exact: true }).isVisible());
  }),
);

test("the explorer on a phone: after the content, one tap from the header", TEST, () =>
  withPage(
    async (page) => {
      await page.goto(obsidian.url("/导航/标题重复/"));
      // Both boxes read at once, after the page settled: scripts (local graph, player) may still grow the content.
      await page.waitForLoadState("networkidle");
      const { nav, main } = await page.evaluate(() => {
        const [n, m] = ["nav.explorer", "main"].map((selector) => document.querySelector(selector)?.getBoundingClientRect());
        return { nav: n && { y: n.y }, main: m && { y: m.y, height: m.height } };
      });
      assert.ok(nav && main && nav.y >= main.y + main.height - 1, `explorer below the content (${JSON.stringify({ nav, main })})`);
      await page.locator(".site-header a.to-explorer").click();
      await page.waitForURL((url) => url.hash === "#explorer");
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= 390, `no horizontal scroll (${scrollWidth})`);
    },
    { viewport: { width: 390, height: 800 } },
  ),
);

test("Logseq: :default-home at /, a namespace page lists its children, readable URLs", TEST, () =>
  withPage(async (page) => {
    await page.goto(logseq.url("/"));
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["首页"]);
    await page.goto(logseq.url("/面试/"));
    const children = await page.locator("main .namespace a").evaluateAll((links) => links.map((a) => [a.textContent, decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname)]));
    assert.deepEqual(children, [
      ["MySQL", "/面试/MySQL/"],
      ["Redis", "/面试/Redis/"],
      ["集群", "/面试/Redis/集群/"],
    ]);
    for (const p of builtPages(logseq)) assert.doesNotMatch(p, /___|%2F/i);
  }),
);

test("Logseq: a ref to a page without a file leads to a virtual page listing its references", TEST, () =>
  withPage(async (page) => {
    await page.goto(logseq.url("/面试/Redis/"));
    await page.locator("main .outline").getByRole("link", { name: "分布式锁", exact: true }).click();
    await page.waitForURL((url) => pathOf(url.href) === "/分布式锁/");
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["分布式锁"]);
    assert.deepEqual(await page.locator("main .references a").allTextContents(), ["2024-01-31", "面试/Redis"]);
    for (const p of ["/", "/面试/Redis/", "/journals/2024-01-31/"]) {
      await page.goto(logseq.url(p));
      assert.equal(await page.locator("main .unresolved").count(), 0, `a dead link on ${p}`);
    }
  }),
);

test("Logseq: the journals index is newest first and linked from home", TEST, () =>
  withPage(async (page) => {
    await page.goto(logseq.url("/"));
    await page.locator("main .home-links").getByRole("link", { name: "日志", exact: true }).click();
    await page.waitForURL((url) => pathOf(url.href) === "/journals/");
    const dates = await page.locator(".journal-list time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")));
    assert.deepEqual(dates, ["2024-02-01", "2024-01-31", "2024-01-15", "2023-12-25"]);
  }),
);

test("Digital Garden: dg-home at /, the plugin's URLs, a dg-hide note published but not in the explorer", TEST, () =>
  withPage(async (page) => {
    await page.goto(garden.url("/"));
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["花园首页"]);
    await page.locator("main table").getByRole("link", { name: "Redis 集群", exact: true }).click();
    await page.waitForURL((url) => pathOf(url.href) === "/笔记/Redis 集群/");
    const explorer = await page.locator("nav.explorer a").allTextContents();
    assert.ok(explorer.includes("Redis 集群") && !explorer.includes("隐藏"), `explorer: ${explorer.join(", ")}`);
    const hidden = await page.goto(garden.url("/笔记/隐藏/"));
    assert.equal(hidden?.status(), 200);
    assert.deepEqual(await page.locator("main h1").allTextContents(), ["隐藏"]);
    await page.goto(garden.url("/all/"));
    assert.equal(await page.locator("main").getByRole("link", { name: "隐藏", exact: true }).count(), 0);
    assert.equal(await page.locator("main").getByRole("link", { name: "草稿", exact: true }).count(), 0, "unpublished");
  }),
);
