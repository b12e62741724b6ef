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
import { axe, launchBrowser, luminance, openPage, type Site, screenshot, seedCard, site } from "./site.ts";

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
const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const variants: { name: string; options: BrowserContextOptions }[] = [
  { name: "desktop-light", options: { ...desktop, colorScheme: "light" } },
  { name: "desktop-dark", options: { ...desktop, colorScheme: "dark" } },
  { name: "phone-light", options: { ...phone, colorScheme: "light" } },
  { name: "phone-dark", options: { ...phone, colorScheme: "dark" } },
];

async function withPage(
  body: (page: Page) => Promise<void>,
  options: BrowserContextOptions = {},
  notFound?: string,
): Promise<void> {
  const watched = await openPage(browser, options);
  if (notFound) watched.allowNotFound(notFound);
  try {
    await body(watched.page);
  } catch (error) {
    await watched.page
      .context()
      .close()
      .catch(() => {});
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
            failures.push(
              `${variant.name} ${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.slice(0, 6).join("\n    ")}`,
            );
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

test("skip links lead to the content and to the header search", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(sample.url(seedCard));
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-links a").first();
    assert.equal(
      await skip.evaluate((el) => el === document.activeElement),
      true,
      "the first Tab lands on the skip link",
    );
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, "the focused skip link is on screen");
    await page.keyboard.press("Enter");
    assert.equal(new URL(page.url()).hash, "#wenda-main");
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.getElementById("wenda-main")?.contains(document.activeElement)),
      true,
      "after skipping, Tab goes on inside the content",
    );

    await page.goto(sample.url("/tags/"));
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute("data-skip-search")), true);
    await page.keyboard.press("Enter");
    assert.equal(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
      "q",
      "the search box has focus",
    );
  });
});

test("a row of tag chips is one Tab stop; arrow keys, Home and End move inside it", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(sample.url(seedCard));
    const chips = page.locator("main .tag-chips").first().locator("a.tag");
    const count = await chips.count();
    assert.ok(count >= 3, `the seed card has several tag chips (${count})`);
    assert.deepEqual(await chips.evaluateAll((all) => all.map((a) => a.getAttribute("tabindex"))), [
      "0",
      ...Array(count - 1).fill("-1"),
    ]);
    await chips.first().focus();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    const texts = await chips.allTextContents();
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), texts[1]);
    await page.keyboard.press("End");
    assert.equal(await focused(), texts[count - 1]);
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), texts[0], "ArrowRight wraps to the first chip");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focused(), texts[count - 1]);
    await page.keyboard.press("Home");
    assert.equal(await focused(), texts[0]);
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => Boolean(document.activeElement?.closest(".tag-chips"))),
      false,
      "one Tab leaves the row of chips",
    );

    // From the top of the page to the first reviewer comment: the chips count once (45 presses before, issue 10).
    await page.goto(sample.url(seedCard));
    let presses = 0;
    while (presses < 100) {
      presses++;
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("annotation"))) break;
    }
    assert.ok(presses <= 40, `Tab presses to the first annotation: ${presses}`);
  });
});

test(
  "inline #tags in prose are light text links, chips only in the page header, ≥ 4.5:1 in light and dark",
  TEST,
  async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await withPage(
        async (page) => {
          await page.goto(sample.url(seedCard));
          const inline = await page.locator("main .outline a.tag").evaluateAll((all) =>
            all.map((a) => {
              const style = getComputedStyle(a);
              return {
                background: style.backgroundColor,
                padding: style.paddingLeft,
                radius: style.borderRadius,
                display: style.display,
                color: style.color,
              };
            }),
          );
          assert.ok(inline.length > 5, "the seed card has inline tags");
          for (const style of inline) {
            assert.equal(style.background, "rgba(0, 0, 0, 0)", "no pill behind an inline tag");
            assert.equal(style.padding, "0px");
            assert.equal(style.display, "inline");
          }
          const chip = await page
            .locator("main .tag-chips a.tag")
            .first()
            .evaluate((a) => ({ background: getComputedStyle(a).backgroundColor, color: getComputedStyle(a).color }));
          assert.notEqual(chip.background, "rgba(0, 0, 0, 0)", "header tags are chips");
          const pageBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          const ratio = (a: string, b: string) => {
            const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
            return (hi + 0.05) / (lo + 0.05);
          };
          assert.ok(ratio(inline[0]?.color ?? "", pageBackground) >= 4.5, `${colorScheme}: inline tag contrast`);
          assert.ok(
            ratio(chip.color, chip.background) >= 4.5,
            `${colorScheme}: chip contrast ${ratio(chip.color, chip.background)}`,
          );
        },
        { ...desktop, colorScheme },
      );
    }
  },
);

test(
  "on a phone the player starts below the real header and becomes a mini-player when the page scrolls",
  TEST,
  async () => {
    await withPage(async (page) => {
      await page.goto(sample.url(seedCard));
      const header = page.locator(".site-header");
      const video = page.locator("#wenda-player");
      const rect = (locator: typeof header) => locator.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
      const headerRect = await rect(header);
      assert.ok(headerRect.height > 60, `the phone header wraps to several lines (${headerRect.height}px)`);
      assert.ok((await rect(video)).top >= headerRect.bottom - 0.5, "the player starts below the header");

      await page.mouse.wheel(0, 900);
      await page.waitForFunction(() => document.querySelector(".player")?.classList.contains("compact"));
      const small = await rect(video);
      const bottomOfHeader = (await rect(header)).bottom;
      assert.ok(small.top >= bottomOfHeader, `the mini-player is below the header (${small.top} ≥ ${bottomOfHeader})`);
      assert.ok(small.bottom <= 844 && small.right <= 390, "the mini-player is on screen");
      const share = (bottomOfHeader + small.height) / 844;
      assert.ok(share < 0.22, `header and player take ${(share * 100).toFixed(1)} % of the screen (was 31 %)`);
      await screenshot(page, "a11y-card-phone-mini-player");

      await page.getByRole("button", { name: (await page.locator(".player-expand").textContent()) ?? "" }).click();
      await page.waitForFunction(() => !document.querySelector(".player")?.classList.contains("compact"));
      const big = await rect(video);
      assert.ok(big.top >= (await rect(header)).bottom - 0.5, "back at full size, the player is below the header");
    }, phone);
  },
);

test("on a desktop the sticky player sits right under the header, nothing hidden behind it", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(sample.url(seedCard));
    await page.mouse.wheel(0, 1200);
    await page.waitForFunction(() => window.scrollY > 600);
    const [headerBottom, videoTop] = await page.evaluate(() => [
      document.querySelector(".site-header")?.getBoundingClientRect().bottom ?? 0,
      document.getElementById("wenda-player")?.getBoundingClientRect().top ?? 0,
    ]);
    assert.ok(
      videoTop >= headerBottom - 0.5 && videoTop - headerBottom < 12,
      `video top ${videoTop}, header bottom ${headerBottom}`,
    );
  }, desktop);
});

test("question titles show the marker as an icon, without the stray space after it", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(sample.url(seedCard));
    const links = await page
      .locator("main .outline a.internal:has(.q-mark)")
      .evaluateAll((all) => all.map((a) => a.textContent ?? ""));
    assert.ok(links.length >= 5, "the seed card's question links carry the marker icon");
    for (const text of links) assert.doesNotMatch(text, /^？\s/, `no space after the marker: ${text}`);
    const explorer = await page.locator(".explorer a").allTextContents();
    for (const text of explorer) assert.doesNotMatch(text, /^？\s/, `explorer: ${text}`);
    await page.goto(sample.url("/q/RabbitMq-的-高可用-实现/"));
    assert.equal(await page.locator("h1 .q-mark").count(), 1);
    assert.equal(await page.locator("h1").textContent(), "？RabbitMq 的 高可用 实现");
  });
});
