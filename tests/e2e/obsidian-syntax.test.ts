/**
 * Browser tests on the Obsidian fixture vault's syntax notes (tests/vaults/obsidian/语法/): a foldable callout
 * opens on click, formulas render with KaTeX's stylesheet and fonts served by the site itself, highlights are
 * <mark>, and no raw `%%`, `==`, `$$` or `[!` marker is left in the page text outside code.
 *
 * Run: node --import tsx --test tests/e2e/obsidian-syntax.test.ts
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, openPage, type Site, screenshot, site } from "./site.ts";

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
const notes = {
  callouts: "/语法/提示框-callout-大全/",
  marks: "/语法/高亮、注释与换行/",
  math: "/语法/数学公式/",
  unclosed: "/语法/未闭合的注释/",
};

/** Open `pathname` on a watched page (any console error or failed request fails the test) and run `body`. */
async function onPage(pathname: string, body: (page: Page, requests: string[]) => Promise<void>): Promise<void> {
  const watched = await openPage(browser);
  const requests: string[] = [];
  watched.page.on("request", (request) => requests.push(request.url()));
  try {
    const response = await watched.page.goto(s.url(pathname));
    assert.equal(response?.status(), 200, pathname);
    await body(watched.page, requests);
  } catch (error) {
    await watched.page
      .context()
      .close()
      .catch(() => {});
    throw error;
  }
  await watched.finish();
}

/**
 * Markers of a construct left unparsed: any `%%` or `$$`, a callout marker, a highlight pair (a lone `==`, as in
 * `a == b`, is the author's text in Obsidian too).
 */
const rawMarkers: [string, RegExp][] = [
  ["%%", /%%/],
  ["$$", /\$\$/],
  ["[!type]", /\[![^\]\s]+\]/],
  ["==x==", /==[^\s=](?:[^=]*[^\s=])?==/],
];

/** The text of the note's content, without code (where markers are the author's text). */
function proseText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const outline = document.querySelector(".outline");
    if (!outline) return "";
    const copy = outline.cloneNode(true) as HTMLElement;
    for (const code of copy.querySelectorAll("pre, code, .katex-mathml")) code.remove();
    return copy.textContent ?? "";
  });
}

test("a folded callout opens when its title is clicked", TEST, async () => {
  await onPage(notes.callouts, async (page) => {
    const callout = page.locator("details.callout-question").first();
    const body = callout.locator(".callout-content");
    assert.equal(await callout.getAttribute("open"), null);
    assert.equal(await body.isVisible(), false, "closed: its body is hidden");
    await callout.locator("summary").click();
    await body.waitFor({ state: "visible" });
    assert.match((await body.textContent()) ?? "", /实际数据只在一个实例上/);
    // `+` starts open; nested callouts render inside their parent.
    assert.equal(await page.locator("details.callout-warning").getAttribute("open"), "");
    assert.equal(await page.locator(".callout-example .callout-quote details.callout-success").count(), 1);
    // The default title is translated; the icon is painted by the site's CSS (a mask, no request).
    assert.equal((await page.locator(".callout-note .callout-title-inner").first().textContent())?.trim(), "备注"); // not 笔记: that word is not a card (one term per concept, issue 10)
    const mask = await page
      .locator(".callout-tip .callout-icon")
      .first()
      .evaluate((el) => getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage);
    assert.match(mask, /^url\("data:image\/svg\+xml/);
    await screenshot(page, "obsidian-callouts");
  });
});

test("formulas are KaTeX markup styled by the site's own stylesheet and fonts", TEST, async () => {
  await onPage(notes.math, async (page, requests) => {
    assert.ok((await page.locator(".math-inline .katex").count()) >= 3);
    assert.equal(await page.locator("div.math-display .katex-display").count(), 1);
    assert.equal(
      await page.locator("span.math-display .katex-display").count(),
      1,
      "$$…$$ inside a line is display math",
    );
    // A bad formula shows its source.
    assert.match((await page.locator(".katex-error").first().textContent()) ?? "", /\\frac\{1\}\{/);
    const stylesheet = await page.locator('link[rel="stylesheet"][href*="katex"]').getAttribute("href");
    assert.equal(stylesheet, "/_wenda/katex/katex.min.css");
    // The stylesheet applied: KaTeX's font, loaded from the site.
    const family = await page
      .locator(".katex")
      .first()
      .evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(family, /KaTeX_Main/);
    await page.evaluate(() => document.fonts.ready);
    assert.ok(
      await page.evaluate(() =>
        [...document.fonts].some((font) => font.family.includes("KaTeX") && font.status === "loaded"),
      ),
    );
    const origin = new URL(s.url("/")).origin;
    assert.deepEqual(
      requests.filter((url) => new URL(url).origin !== origin && !url.startsWith("data:")),
      [],
      "no request leaves the site",
    );
    assert.ok(
      requests.some((url) => /\/_wenda\/katex\/fonts\/KaTeX_[\w-]+\.woff2$/.test(url)),
      "fonts come from the site",
    );
    assert.doesNotMatch(await proseText(page), /\$\$|\[!/);
    await screenshot(page, "obsidian-math");
  });
});

test("highlights are <mark>; comments and markers are gone; line breaks are kept", TEST, async () => {
  await onPage(notes.marks, async (page) => {
    assert.equal(await page.locator(".outline mark").first().textContent(), "重点内容");
    assert.ok((await page.locator(".outline mark").count()) >= 4);
    const text = await proseText(page);
    for (const [name, marker] of rawMarkers) assert.doesNotMatch(text, marker, `no ${name} outside code`);
    assert.match(text, /a == b 不是高亮/, "a lone == is text");
    assert.doesNotMatch(text, /审阅时再补充|块注释|不该出现的标签/);
    assert.match(text, /注释之后的正文/);
    // Markers in code are the author's text and stay.
    assert.match((await page.locator(".outline pre").textContent()) ?? "", /%% 不是注释 %%/);
    assert.ok((await page.locator(".outline p br").count()) >= 2, "single line breaks render as <br>");
    // A page without math does not load KaTeX.
    assert.equal(await page.locator('link[href*="katex"]').count(), 0);
  });
});

test("an unclosed %% hides the rest of the note, as in Obsidian", TEST, async () => {
  await onPage(notes.unclosed, async (page) => {
    const text = await proseText(page);
    assert.match(text, /这一段能看到/);
    assert.doesNotMatch(text, /%%|但忘了关|也看不到/);
  });
});

test(
  "no page of the vault leaves a raw callout, highlight, comment or display-math marker outside code",
  TEST,
  async () => {
    const pages = fs
      .readdirSync(path.join(s.dir, "语法"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory());
    assert.ok(pages.length >= 4);
    for (const entry of pages) {
      await onPage(`/语法/${entry.name}/`, async (page) => {
        const text = await proseText(page);
        for (const [name, marker] of rawMarkers)
          assert.doesNotMatch(text, marker, `${entry.name}: ${name} left in the page`);
      });
    }
  },
);
