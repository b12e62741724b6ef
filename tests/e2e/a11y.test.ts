/**
 * Accessibility in Chromium: axe-core finds no violation on any page kind (home, card, question, note, tags,
 * a tag, comments, search with results, all pages, journals, a Logseq page, 404) in light and dark, on a desktop
 * and a phone; skip links lead to the content and to search; a row of tag chips is one Tab stop with arrow keys
 * inside it; inline `#tag`s in prose are text links (no pill); on a phone the sticky player starts below the
 * header and shrinks to a mini-player once the page scrolls.
 *
 * Run: node --import tsx --test tests/e2e/a11y.test.ts
 * (WENDA_E2E_PREBUILT="content=/tmp/a;tests/vaults/logseq=/tmp/b;tests/vaults/obsidian=/tmp/c" to reuse builds.)
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { axe, launchBrowser, openPage, type Site, screenshot, seedCard, site } from "./site.ts";

let sample: Site;
let logseq: Site;
let obsidian: Site;
let browser: Browser;

before(
  async () => {
    // One build at a time per checkout (they share .astro/).
    sample = await site();
    logseq = await site("tests/vaults/logseq");
    obsidian = await site("tests/vaults/obsidian");
    browser = await launchBrowser();
  },
  { timeout: 420_000 },
);

after(async () => {
  await browser?.close();
  await sample?.close();
  await logseq?.close();
  await obsidian?.close();
});

const TEST = { timeout: 240_000 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const variants: { name: string; options: BrowserContextOptions }[] = [
  { name: "desktop-light", options: { ...desktop, colorScheme: "light" } },
  { name: "desktop-dark", options: { ...desktop, colorScheme: "dark" } },
  { name: "phone-light", options: { ...phone, colorScheme: "light" } },
  { name: "phone-dark", options: { ...phone, colorScheme: "dark" } },
];

async function withPage(body: (page: Page) => Promise<void>, options: BrowserContextOptions = {}, notFound?: string): Promise<void> {
  const watched = await openPage(browser, options);
  if (notFound) watched.allowNotFound(notFound);
  try {
    await body(watched.page);
  } catch (error) {
    await watched.page.context().close().catch(() => {});
    throw error;
  }
  await watched.finish();
}

interface PageKind {
  kind: string;
  site: () => Site;
  path: string;
  /** Waits for what the page shows after its script ran (search results). */
  ready?: (page: Page) => Promise<void>;
  status?: number;
}

const kinds: PageKind[] = [
  { kind: "home", site: () => sample, path: "/" },
  { kind: "card", site: () => sample, path: seedCard },
  { kind: "question", site: () => sample, path: "/q/保证消息队列的高可用/" },
  { kind: "tags", site: () => sample, path: "/tags/" },
  { kind: "tag", site: () => sample, path: "/tags/Kafka/" },
  { kind: "comments", site: () => sample, path: "/comments/" },
  {
    kind: "search",
    site: () => sample,
    path: "/search/?q=集群",
    ready: (page) => page.waitForFunction(() => document.querySelectorAll("main a[href]").length > 2).then(() => {}),
  },
  { kind: "all", site: () => sample, path: "/all/" },
  { kind: "404", site: () => sample, path: "/no-such-page/", status: 404 },
  { kind: "journals", site: () => logseq, path: "/journals/" },
  { kind: "journal", site: () => logseq, path: "/journals/2024-01-15/" },
  { kind: "logseq-page", site: () => logseq, path: "/面试/Redis/" },
  { kind: "note", site: () => obsidian, path: "/语法/提示框-callout-大全/" },
  { kind: "note-home", site: () => obsidian, path: "/" },
];

for (const pageKind of kinds) {
  test(`axe finds no violation on the ${pageKind.kind} page, light and dark, desktop and phone`, TEST, async () => {
    const failures: string[] = [];
    for (const variant of variants) {
      const url = pageKind.site().url(pageKind.path);
      await withPage(
        async (page) => {
          const response = await page.goto(url);
          assert.equal(response?.status(), pageKind.status ?? 200, url);
          await pageKind.ready?.(page);
          for (const violation of await axe(page)) {
            failures.push(`${variant.name} ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.slice(0, 6).join("\n    ")}`);
          }
          await screenshot(page, `a11y-${pageKind.kind}-${variant.name}`);
        },
        variant.options,
        pageKind.status === 404 ? url : undefined,
      );
    }
    assert.deepEqual(failures, [], `axe on ${pageKind.path}:\n${failures.join("\n")}`);
  });
}

test("axe finds no violation with the header search dropdown open on a card page", TEST, async () => {
  for (const variant of variants.filter((v) => v.name.startsWith("desktop"))) {
    await withPage(async (page) => {
      await page.goto(sample.url(seedCard));
      await page.locator(".site-header input[name=q]").fill("集群");
      await page.locator(".search-results [role=option]").first().waitFor();
      const violations = await axe(page);
      assert.deepEqual(violations, [], `${variant.name}:\n${JSON.stringify(violations, null, 2)}`);
    }, variant.options);
  }
});
