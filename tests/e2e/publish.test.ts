/**
 * Browser tests for the theme toggle and the print stylesheet on the sample site (issue 10, item 7): the header's
 * button cycles follow-the-system → light → dark, the choice survives a reload with no flash of the other theme,
 * and printing a card or a question hides the site's frame (header, search, explorer, player, footer).
 *
 * Run: node --import tsx --test tests/e2e/publish.test.ts
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, luminance, openPage, type Site, screenshot, seedCard, site } from "./site.ts";

let s: Site;
let browser: Browser;

before(
  async () => {
    s = await site();
    browser = await launchBrowser();
  },
  { timeout: 240_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
});

const TEST = { timeout: 90_000 };
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const choice = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme ?? "system");

for (const system of ["light", "dark"] as const) {
  test(`the toggle switches the theme and the choice survives a reload (system ${system})`, TEST, async () => {
    const watched = await openPage(browser, { colorScheme: system });
    const { page } = watched;
    await page.goto(s.url(seedCard));
    const toggle = page.locator("[data-theme-toggle]");
    await toggle.waitFor({ state: "visible" });
    assert.equal(await choice(page), "system");
    assert.equal(luminance(await background(page)) > 0.5, system === "light", "no choice: the system's theme");
    assert.match((await toggle.getAttribute("aria-label")) ?? "", /跟随系统/);

    await toggle.click();
    assert.equal(await choice(page), "light");
    assert.ok(luminance(await background(page)) > 0.5, "light chosen");
    assert.match((await toggle.getAttribute("aria-label")) ?? "", /浅色/);
    await toggle.click();
    assert.equal(await choice(page), "dark");
    assert.ok(luminance(await background(page)) < 0.1, "dark chosen");
    await screenshot(page, `publish-dark-chosen-${system}`);

    // The inline script in <head> applies the stored choice before anything paints: the theme is set by the time
    // the parser reaches <body>.
    await page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.dataset.theme ?? "none";
        seen.disconnect();
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    assert.equal(await page.evaluate(() => (window as unknown as { themeAtBody?: string }).themeAtBody), "dark");
    assert.equal(await choice(page), "dark");
    assert.ok(luminance(await background(page)) < 0.1, "dark after a reload");
    assert.equal(await page.evaluate(() => localStorage.getItem("wenda-theme")), "dark");
    await page.locator("[data-theme-toggle]").click();
    assert.equal(await choice(page), "system");
    assert.equal(await page.evaluate(() => localStorage.getItem("wenda-theme")), null, "following the system stores nothing");
    await page.reload();
    assert.equal(await choice(page), "system");
    assert.equal(luminance(await background(page)) > 0.5, system === "light");
    await watched.finish();
  });
}

test("the toggle on a phone: one tap target in the header, the theme follows", TEST, async () => {
  const watched = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page } = watched;
  await page.goto(s.url("/"));
  const toggle = page.locator(".site-header [data-theme-toggle]");
  const box = await toggle.boundingBox();
  assert.ok(box && box.width >= 24 && box.height >= 24, `tap target ${JSON.stringify(box)}`);
  await toggle.tap();
  await toggle.tap();
  assert.equal(await choice(page), "dark");
  await screenshot(page, "publish-phone-dark");
  await watched.finish();
});

for (const [name, pathname] of [
  ["a card", seedCard],
  ["a question", "/q/保证消息队列的高可用/"],
] as const) {
  test(`printing ${name}: no header, nav, search, explorer, player or footer; the content stays, in light colours`, TEST, async () => {
    const watched = await openPage(browser, { colorScheme: "dark" });
    const { page } = watched;
    await page.goto(s.url(pathname));
    await page.evaluate(() => localStorage.setItem("wenda-theme", "dark"));
    await page.reload();
    const frame = name === "a card" ? [".site-header", ".player", ".site-footer"] : [".site-header", ".site-footer"];
    for (const selector of frame) assert.ok(await page.locator(selector).first().isVisible(), `${selector} shows on screen`);
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() =>
      [".site-header", ".site-header nav", ".search-form", "[data-theme-toggle]", ".explorer", ".player", ".site-footer", "main > aside"].map((selector) => {
        const element = document.querySelector(selector);
        return [selector, element === null || !element.checkVisibility()];
      }),
    );
    assert.deepEqual(hidden.filter(([, gone]) => !gone), [], "the site's frame is hidden in print");
    assert.ok(await page.locator("main h1").first().isVisible(), "the title prints");
    // biome-ignore lint/performance/useDomNodeTextContent: the text as laid out for print, which CSS decides
    const text = await page.evaluate(() => document.querySelector("main")?.innerText ?? "");
    assert.ok(text.length > 100, "the content prints");
    assert.ok(luminance(await background(page)) > 0.9, "white paper even with the dark theme chosen");
    const link = await page.evaluate(() => {
      const a = document.querySelector("main a[href]");
      return a ? getComputedStyle(a).textDecorationLine : null;
    });
    assert.equal(link, "underline", "links read as links on paper");
    await screenshot(page, `publish-print-${name === "a card" ? "card" : "question"}`);
    await page.emulateMedia({ media: "screen" });
    assert.ok(await page.locator(".site-header").isVisible(), "the header is back on screen");
    await watched.finish();
  });
}
