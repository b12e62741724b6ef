/**
 * Browser tests on the built sample site (content/): the question tree, the card player, block anchors, search,
 * comments, tags, the 404 page and dark mode, driven through Chromium. The site is built once (see site.ts) and
 * every page opened here fails its test on a console error, an uncaught exception or a failed request.
 *
 * Run: node --import tsx --test tests/e2e/*.test.ts
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { filesUnder, launchBrowser, luminance, openPage, type Site, screenshot, seedCard, site, type WatchedPage } from "./site.ts";

let s: Site;
let browser: Browser;

before(
  async () => {
    s = await site();
    browser = await launchBrowser();
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
});

const TEST = { timeout: 90_000 };

/** Runs `body` on a fresh watched page; the test fails if the page logged an error, even when `body` passed. */
async function withPage(body: (page: Page, watched: WatchedPage) => Promise<void>, options: BrowserContextOptions = {}): Promise<void> {
  const watched = await openPage(browser, options);
  try {
    await body(watched.page, watched);
  } catch (error) {
    await watched.page.context().close().catch(() => {});
    if (error instanceof Error && watched.errors.length > 0) error.message += `\n\nThe page also reported:\n${watched.errors.join("\n")}`;
    throw error;
  }
  await watched.finish();
}

/** The decoded path of a URL: `/卡片/…/` rather than `/%E5%8D%A1…/`. */
function pathOf(url: string): string {
  return decodeURIComponent(new URL(url, "http://x").pathname);
}

async function waitForPath(page: Page, pathname: string): Promise<void> {
  await page.waitForURL((url) => pathOf(url.href) === pathname);
}

async function h1(page: Page): Promise<string> {
  return ((await page.locator("h1").textContent()) ?? "").trim();
}

/** Clicks a link by its exact accessible name inside `scope` and waits for the page it leads to. */
async function follow(page: Page, scope: string, name: string): Promise<void> {
  const link = page.locator(scope).getByRole("link", { name, exact: true });
  const href = await link.getAttribute("href");
  assert.ok(href, `no link "${name}" in ${scope} on ${pathOf(page.url())}`);
  await link.click();
  await waitForPath(page, pathOf(href));
  await page.waitForLoadState("load");
}

/** The number in Pagefind UI's "找到 N 个 … 的相关结果" message. */
async function resultCount(page: Page): Promise<number> {
  const text = (await page.locator(".pagefind-ui__message").textContent()) ?? "";
  const match = /(\d+)/.exec(text);
  assert.ok(match, `no result count in the search message "${text}"`);
  return Number(match[1]);
}

/** Waits until every result Pagefind UI lists has loaded its title link and excerpt (they render as placeholders first). */
async function waitForLoadedResults(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const results = [...document.querySelectorAll(".pagefind-ui__result")];
    return results.length > 0 && results.every((li) => li.querySelector(".pagefind-ui__result-link[href]") && li.querySelector(".pagefind-ui__result-excerpt"));
  });
}

/** Waits for Pagefind UI to show results, with the count in its message; returns that count. */
async function waitForResults(page: Page): Promise<number> {
  await page.waitForFunction(() => /\d/.test(document.querySelector(".pagefind-ui__message")?.textContent ?? ""));
  await waitForLoadedResults(page);
  return resultCount(page);
}

/** Clicks "load more" until all `expected` results are on the page; returns the result links' decoded paths. */
async function allResultPaths(page: Page, expected: number): Promise<string[]> {
  const results = page.locator(".pagefind-ui__result");
  for (let i = 0; i < 20; i++) {
    // Pagefind renders the list and its "load more" button asynchronously: wait for one or the other.
    await page.waitForFunction((n) => document.querySelectorAll(".pagefind-ui__result").length >= n || document.querySelector("button.pagefind-ui__button") !== null, expected);
    const shown = await results.count();
    if (shown >= expected) break;
    await page.locator("button.pagefind-ui__button").click();
    await page.waitForFunction((n) => document.querySelectorAll(".pagefind-ui__result").length > n, shown);
  }
  await waitForLoadedResults(page);
  const hrefs = await page.locator(".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map(pathOf);
}

/** WCAG contrast ratio between two colors. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text color of the first element matching `selector`, and the first opaque background behind it. */
async function colorsOf(page: Page, selector: string): Promise<{ color: string; background: string }> {
  return page.locator(selector).first().evaluate((element) => {
    let background = "rgb(255, 255, 255)"; // the canvas of a page that paints no background at all
    for (let node: Element | null = element; node; node = node.parentElement) {
      const value = getComputedStyle(node).backgroundColor;
      if (value && value !== "transparent" && !/rgba\(.*,\s*0\)$/.test(value)) {
        background = value;
        break;
      }
    }
    return { color: getComputedStyle(element).color, background };
  });
}

const ancestors = ["？保证消息队列的高可用", "？RabbitMq 的 高可用 实现", "？RabbitMq 集群模式", "？RabbitMq普通集群模式"] as const;
const leafQuestion = "？RabbitMq普通集群模式 原理";
const seedTitle = "引入消息队列之后该如何保证其高可用性1.mp4";
const seekSeconds = 398.418331;

test("home → question tree → sub-questions down to ？RabbitMq普通集群模式 原理, by clicking links", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url("/"));
    const tree = page.locator("ul.tree");
    await tree.waitFor();

    // The tree is made of <details>: the roots open, deeper levels collapsed until their summary is toggled.
    const details = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("ul.tree details")].map((d) => ({
          // The question's link sits before its <details> (a link inside <summary> nests two controls).
          name: d.parentElement?.querySelector(":scope > .branch-label a")?.textContent?.trim() ?? "",
          open: (d as HTMLDetailsElement).open,
        })),
      );
    const state = await details();
    assert.ok(state.length > 5, `expected a tree of <details>, got ${JSON.stringify(state)}`);
    assert.equal(state.find((d) => d.name === ancestors[0])?.open, true, "the root question is expanded");
    assert.equal(state.find((d) => d.name === ancestors[1])?.open, false, "a second-level question starts collapsed");
    // The innermost branch holding the link is the question's own; its summary is the toggle.
    const rabbitSummary = tree
      .locator("li.branch", { has: page.getByRole("link", { name: ancestors[1], exact: true }) })
      .last()
      .locator("xpath=./details/summary");
    const hidden = tree.getByRole("link", { name: ancestors[2], exact: true });
    assert.equal(await hidden.isVisible(), false, `${ancestors[2]} is hidden while its parent is collapsed`);
    await rabbitSummary.click(); // the toggle beside the link: expands instead of navigating
    assert.equal((await details()).find((d) => d.name === ancestors[1])?.open, true, "clicking the summary expands it");
    assert.equal(await hidden.isVisible(), true, `${ancestors[2]} shows once its parent is expanded`);
    assert.equal(pathOf(page.url()), "/", "toggling a summary does not navigate");
    await rabbitSummary.click();
    assert.equal((await details()).find((d) => d.name === ancestors[1])?.open, false, "and collapses again");

    // Down the hierarchy: the root from the tree, then each sub-question from its parent's page.
    const visited: string[] = [];
    await follow(page, "ul.tree", ancestors[0]);
    assert.equal(await h1(page), ancestors[0]);
    visited.push(pathOf(page.url()));
    for (const name of [...ancestors.slice(1), leafQuestion]) {
      await follow(page, "section.sub-questions", name);
      assert.equal(await h1(page), name, `the page reached by clicking "${name}"`);
      visited.push(pathOf(page.url()));
    }

    assert.equal(await h1(page), leafQuestion);
    const crumbs = page.locator("nav.breadcrumbs li a");
    assert.deepEqual((await crumbs.allInnerTexts()).map((t) => t.trim()), ancestors, "breadcrumbs list the four ancestors, root first");
    assert.deepEqual((await crumbs.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).map(pathOf), visited.slice(0, 4), "breadcrumbs link to the pages clicked through");

    const answer = page.locator("section.answers .answer", { has: page.locator(".answer-source a", { hasText: seedTitle }) });
    assert.equal(await answer.count(), 1, "the answers section has the seed card's answer");
    assert.equal(pathOf((await answer.locator(".answer-source a").getAttribute("href")) ?? ""), seedCard);
    assert.match((await answer.textContent()) ?? "", /在多台机器上启动多个/);

    const moment = page.locator("section.moments a.ts", { hasText: "06:38" });
    assert.equal(await moment.count(), 1, "the video moments list 06:38");
    const momentHref = new URL((await moment.getAttribute("href")) ?? "", page.url());
    assert.equal(pathOf(momentHref.href), seedCard);
    assert.equal(momentHref.hash, `#t=${seekSeconds}`);
    assert.equal(await moment.getAttribute("data-start"), String(seekSeconds));

    const tags = (await page.locator("article .tag-chips a.tag").allInnerTexts()).map((t) => t.trim());
    assert.ok(tags.includes("#RabbitMq/实例"), `tags ${JSON.stringify(tags)} include #RabbitMq/实例`);

    // …and on to the card that answers it.
    await follow(page, "section.answers .answer-source", seedTitle);
    assert.equal(pathOf(page.url()), seedCard);
    assert.equal(await h1(page), seedTitle);
  });
});

/** Polls the card's player until it sits at `seconds`. */
async function waitForSeek(page: Page, seconds: number): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const video = document.getElementById("wenda-player") as HTMLVideoElement | null;
      return video !== null && video.error === null && Math.abs(video.currentTime - target) < 1.5;
    },
    seconds,
    { timeout: 15_000 },
  );
}

test("card: clicking the 06:38 chip seeks the player to 398.4 s and sets #t=398.418331", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const player = page.locator("video#wenda-player");
    assert.equal(await player.count(), 1, "the card has the player");
    const chip = page.locator("article a.ts[data-start]", { hasText: "06:38" });
    assert.equal(await chip.count(), 1, "the card has one 06:38 chip");
    assert.equal(await chip.getAttribute("data-start"), String(seekSeconds));
    await chip.click();
    await waitForSeek(page, seekSeconds);
    assert.equal(await page.evaluate(() => location.hash), `#t=${seekSeconds}`);
    assert.equal(pathOf(page.url()), seedCard, "the chip seeks in place rather than leaving the page");
    const time = await player.evaluate((v) => (v as HTMLVideoElement).currentTime);
    assert.ok(Math.abs(time - seekSeconds) < 1.5, `currentTime ${time}`);
  });
});

test("question page: the 06:38 moment opens the card and its player starts at 398.4 s", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url("/q/RabbitMq普通集群模式-原理/"));
    assert.equal(await h1(page), leafQuestion);
    await page.locator("section.moments a.ts", { hasText: "06:38" }).click();
    await waitForPath(page, seedCard);
    await waitForSeek(page, seekSeconds);
    assert.equal(await page.evaluate(() => location.hash), `#t=${seekSeconds}`);
  });
});

/** Every href/src/… attribute value in an HTML file (quoted or not), entities for `:` decoded. */
function urlAttributes(html: string): { name: string; value: string }[] {
  const found: { name: string; value: string }[] = [];
  const pattern = /\s(href|src|srcset|poster|action|formaction|xlink:href|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
  for (const match of html.matchAll(pattern)) {
    const raw = match[2] ?? match[3] ?? match[4] ?? "";
    const value = raw.replace(/&#(?:x3a|58);?|&colon;/gi, ":").replace(/&amp;/g, "&");
    found.push({ name: (match[1] ?? "").toLowerCase(), value });
  }
  return found;
}

test("no built page links to file: or javascript: URLs", TEST, () => {
  const pages = filesUnder(s.dir, ".html");
  assert.ok(pages.length > 50, `expected the whole sample site, found ${pages.length} pages`);
  const bad: string[] = [];
  let checked = 0;
  for (const file of pages) {
    for (const { name, value } of urlAttributes(fs.readFileSync(file, "utf8"))) {
      checked++;
      // Browsers skip leading spaces and control characters, and drop tabs and newlines anywhere in a URL.
      const scheme = value.replace(/[\t\n\r]/g, "").replace(/^[\s\p{Cc}]+/u, "").toLowerCase();
      if (/^(?:file|javascript|vbscript):/.test(scheme)) bad.push(`${path.relative(s.dir, file)}: ${name}="${value}"`);
    }
  }
  assert.ok(checked > 1000, `only ${checked} URL attributes found: is the pattern wrong?`);
  assert.deepEqual(bad, [], `unsafe URLs:\n${bad.join("\n")}`);
});

test("no built page has a broken internal link or fragment", TEST, () => {
  const pages = filesUnder(s.dir, ".html");
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set([...fs.readFileSync(file, "utf8").matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? ""));
      ids.set(file, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const file of pages) {
    const here = `/${path.relative(s.dir, file).split(path.sep).join("/")}`.replace(/index\.html$/, "");
    for (const { name, value } of urlAttributes(fs.readFileSync(file, "utf8"))) {
      if (!["href", "src", "poster"].includes(name) || /^[a-z][a-z0-9+.-]*:/i.test(value)) continue; // external
      const url = new URL(value, `http://x${here}`);
      let target = path.join(s.dir, decodeURIComponent(url.pathname));
      if (url.pathname.endsWith("/")) target = path.join(target, "index.html");
      if (!fs.existsSync(target)) {
        broken.push(`${here}: ${name}="${value}" → ${decodeURIComponent(url.pathname)} does not exist`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      // `#t=…` is a media fragment the player reads, not an element id.
      if (fragment && !fragment.startsWith("t=") && target.endsWith(".html") && !idsOf(target).has(fragment)) {
        broken.push(`${here}: ${name}="${value}" → no element with id "${fragment}"`);
      }
    }
  }
  assert.deepEqual(broken, [], `broken links:\n${broken.join("\n")}`);
});

test("card#47a9a2 scrolls to the block <li> of ？ RabbitMq普通集群模式 优点", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url(`${seedCard}#47a9a2`));
    const block = page.locator("[id='47a9a2']");
    assert.equal(await block.count(), 1, "one element with id 47a9a2");
    assert.equal(await block.evaluate((e) => e.tagName), "LI");
    assert.match((await block.textContent()) ?? "", /RabbitMq普通集群模式 优点/);
    assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), "47a9a2", "the block is the :target");
    const box = await block.boundingBox();
    const height = await page.evaluate(() => window.innerHeight);
    assert.ok(box, "the block is rendered");
    assert.ok(box.y >= 0 && box.y < height, `the block's top (${box.y}) is inside the viewport (0…${height})`);
  });
});

test("a linked block or comment is not hidden behind the sticky header and video player", TEST, async () => {
  // The targets readers follow: the seed's block id, and every card comment linked from /comments/.
  const targets = [`${seedCard}#47a9a2`];
  await withPage(async (page) => {
    await page.goto(s.url("/comments/"));
    const hrefs = await page.locator("li.comment-item a[href*='#comment-']").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(hrefs.length >= 2, "/comments/ links to comments on cards");
    for (const href of hrefs) targets.push(`${pathOf(href)}${new URL(href).hash}`);
  });
  const hidden: string[] = [];
  for (const target of targets) {
    await withPage(async (page) => {
      await page.goto(s.url(target));
      // The player takes its height once the video's metadata is in: judge the page the reader ends up with.
      await page.waitForFunction(() => {
        const video = document.getElementById("wenda-player") as HTMLVideoElement | null;
        return !video || video.readyState >= 1;
      });
      await page.waitForTimeout(300); // let layout and the fragment scroll settle
      // What is painted at the start of the target's first line: the target itself, or something on top of it?
      const probe = await page.locator(":target").evaluate((element) => {
        const first = element.getClientRects()[0] ?? element.getBoundingClientRect();
        const hit = document.elementFromPoint(first.left + Math.min(12, first.width / 2), first.top + Math.min(10, first.height / 2));
        const name = hit ? `<${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ""}${hit.className ? `.${String(hit.className).split(" ").join(".")}` : ""}>` : "nothing";
        return { top: Math.round(first.top), covered: !hit || !element.contains(hit), hit: name };
      });
      if (probe.covered) hidden.push(`${target}: the target's first line at y=${probe.top}px is under ${probe.hit}`);
    });
  }
  assert.deepEqual(hidden, [], `${hidden.length} of ${targets.length} targets are hidden after following their link:\n${hidden.join("\n")}`);
});

test("search: header form → results for 集群, narrowed by the RabbitMq tag filter", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url("/"));
    await page.locator("header form[role=search] input[name=q]").fill("集群");
    await page.locator("header form[role=search] input[name=q]").press("Enter");
    await page.waitForURL((url) => pathOf(url.href) === "/search/" && url.searchParams.get("q") === "集群");
    const total = await waitForResults(page);
    assert.ok(total >= 1, `找到 ${total} results`);
    assert.equal(await page.locator(".pagefind-ui__search-input").inputValue(), "集群", "the query is in Pagefind's box");
    const shown = page.locator(".pagefind-ui__result");
    assert.ok((await shown.count()) >= 1);
    for (const result of await shown.all()) {
      const title = ((await result.locator(".pagefind-ui__result-title").first().textContent()) ?? "").trim();
      const excerpt = ((await result.locator(".pagefind-ui__result-excerpt").first().textContent()) ?? "").trim();
      assert.ok(title.length > 0, "every result has a title");
      assert.ok(excerpt.length > 0, `result "${title}" has an excerpt`);
    }
    assert.ok((await page.locator(".pagefind-ui__result-excerpt mark", { hasText: "集群" }).count()) > 0, "excerpts highlight 集群");

    // The filter panel: open the tag group if it is collapsed, tick RabbitMq.
    const tagBlock = page.locator("details.pagefind-ui__filter-block", { has: page.locator("summary", { hasText: /^\s*(tag|标签)\s*$/i }) });
    assert.equal(await tagBlock.count(), 1, "Pagefind shows a tag filter group");
    if (!(await tagBlock.evaluate((d) => (d as HTMLDetailsElement).open))) await tagBlock.locator("summary").click();
    const kindBlock = page.locator("details.pagefind-ui__filter-block", { has: page.locator("summary", { hasText: /^\s*(kind|类型)\s*$/i }) });
    assert.equal(await kindBlock.count(), 1, "Pagefind shows a kind filter group");
    const rabbit = tagBlock.locator('input.pagefind-ui__filter-checkbox[name="标签"][value="RabbitMq"]');
    assert.equal(await rabbit.count(), 1, "the tag group offers RabbitMq");
    await rabbit.check();
    await page.waitForFunction((before) => {
      const match = /(\d+)/.exec(document.querySelector(".pagefind-ui__message")?.textContent ?? "");
      return match !== null && Number(match[1]) !== before;
    }, total);
    const narrowed = await resultCount(page);
    assert.ok(narrowed > 0 && narrowed < total, `the RabbitMq filter narrows ${total} results to ${narrowed}`);
    await waitForLoadedResults(page);
    const paths = await allResultPaths(page, narrowed);
    assert.equal(paths.length, narrowed, `every filtered result is listed once "load more" is exhausted: ${JSON.stringify(paths)}`);

    // Each remaining result is a page tagged RabbitMq (or a nested RabbitMq/… tag): listed on /tags/RabbitMq/ and
    // carrying such a chip.
    await page.goto(s.url("/tags/RabbitMq/"));
    const tagged = new Set((await page.locator("main .link-list a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).map(pathOf));
    for (const resultPath of paths) {
      assert.ok(tagged.has(resultPath), `${resultPath} is listed on /tags/RabbitMq/`);
      await page.goto(s.url(resultPath));
      const chips = (await page.locator("article .tag-chips a.tag").allInnerTexts()).map((t) => t.trim());
      assert.ok(
        chips.some((chip) => chip === "#RabbitMq" || chip.startsWith("#RabbitMq/")),
        `${resultPath} has a #RabbitMq tag chip (chips: ${JSON.stringify(chips)})`,
      );
    }
  });
});

test("search: the two-character word 消费 is matched as a word", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url(`/search/?q=${encodeURIComponent("消费")}`));
    const total = await waitForResults(page);
    assert.ok(total >= 1, `找到 ${total} results for 消费`);
    const marks = (await page.locator(".pagefind-ui__result-excerpt mark").allInnerTexts()).map((t) => t.trim());
    assert.ok(marks.length > 0, "the excerpts highlight the match");
    assert.ok(
      marks.every((mark) => mark.includes("消费")),
      `every highlight covers the whole word 消费, not single characters: ${JSON.stringify(marks)}`,
    );
  });
});

test("comments: /comments/ lists the seed's comments under their card, linked to their question and to their place on the card; the card shows them as focusable annotations", TEST, async () => {
  const comments = [
    { text: "我认为准确的说是提高了吞量", question: "？RabbitMq普通集群模式 优点" },
    { text: "我认为两者都可以归结为单实例性能瓶颈", question: "？RabbitMq普通集群模式 缺点" },
  ];
  await withPage(async (page) => {
    await page.goto(s.url("/"));
    await follow(page, "header nav", "审阅意见");
    assert.equal(pathOf(page.url()), "/comments/");
    for (const { text, question } of comments) {
      const item = page.locator("li.comment-item", { has: page.locator(".comment-body", { hasText: text }) });
      assert.equal(await item.count(), 1, `/comments/ lists "${text}"`);
      const questionLink = item.getByRole("link", { name: question, exact: true });
      assert.equal(await questionLink.count(), 1, `"${text}" links to ${question}`);
      assert.match(pathOf((await questionLink.getAttribute("href")) ?? ""), /^\/q\//);
      const group = page.locator("section.comment-group", { has: item });
      assert.equal(await group.locator("h2").getByRole("link", { name: seedTitle, exact: true }).count(), 1, `"${text}" is listed under its card`);
      const jump = item.locator("a.comment-jump");
      assert.equal(await jump.getAttribute("aria-label"), text);
      const cardHref = new URL((await jump.getAttribute("href")) ?? "", page.url());
      assert.equal(pathOf(cardHref.href), seedCard);
      assert.match(cardHref.hash, /^#comment-\d+$/);
    }

    // Following the first comment's link lands on that comment in the card.
    await page.locator("li.comment-item", { hasText: comments[0]?.text ?? "" }).locator("a.comment-jump").click();
    await waitForPath(page, seedCard);
    const target = page.locator(":target");
    assert.equal(await target.count(), 1, "the comment link targets an element of the card");
    assert.match((await target.textContent()) ?? "", new RegExp(comments[0]?.text ?? ""));

    // On the card: annotations, keyboard-focusable, and none of Obsidian's comment checkboxes.
    for (const { text } of comments) {
      const note = page.locator("article .annotation", { hasText: text });
      assert.equal(await note.count(), 1, `the card shows "${text}" as an annotation`);
      assert.equal(await note.getAttribute("tabindex"), "0");
    }
    assert.equal(await page.locator('input[type="checkbox"]').count(), 0, "no checkbox anywhere on the card");

    // Tab through the page from the top: both annotations take the focus.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    const focused = new Set<string>();
    for (let i = 0; i < 300 && focused.size < comments.length; i++) {
      await page.keyboard.press("Tab");
      const text = await page.evaluate(() => (document.activeElement?.classList.contains("annotation") ? (document.activeElement.textContent ?? "").trim() : null));
      if (text) focused.add(text);
    }
    assert.deepEqual([...focused].sort(), comments.map((c) => c.text).sort(), "Tab reaches both annotations");
  });
});

const pageKinds: { kind: string; path: string; status?: number }[] = [
  { kind: "home", path: "/" },
  { kind: "card", path: seedCard },
  { kind: "question", path: "/q/RabbitMq普通集群模式-原理/" },
  { kind: "tags", path: "/tags/" },
  { kind: "tag", path: "/tags/RabbitMq/" },
  { kind: "comments", path: "/comments/" },
  { kind: "search", path: "/search/?q=集群" },
  { kind: "404", path: "/no/such/page/", status: 404 },
];

test("every page kind renders without console errors (screenshots in tests/.artifacts/screenshots/)", TEST, async () => {
  for (const { kind, path: pathname, status = 200 } of pageKinds) {
    await withPage(async (page, watched) => {
      if (status === 404) watched.allowNotFound(s.url(pathname));
      const response = await page.goto(s.url(pathname));
      assert.equal(response?.status(), status, `${pathname} answers ${status}`);
      if (kind === "search") await waitForResults(page);
      if (kind === "card") await page.waitForFunction(() => ((document.getElementById("wenda-player") as HTMLVideoElement | null)?.readyState ?? 0) >= 1);
      await page.evaluate(() => document.fonts.ready);
      assert.ok((await h1(page)).length > 0, `${pathname} has a heading`);
      await screenshot(page, kind);
    });
  }
});

test("404: an unknown URL gets the 404 page with a link home", TEST, async () => {
  await withPage(async (page, watched) => {
    watched.allowNotFound(s.url("/q/不存在的问题/"));
    const response = await page.goto(s.url("/q/不存在的问题/"));
    assert.equal(response?.status(), 404);
    assert.ok((await h1(page)).length > 0);
    const home = page.locator("main a[href='/']");
    assert.equal(await home.count(), 1, "the 404 page links home");
    await home.click();
    await waitForPath(page, "/");
    assert.equal(await page.locator("ul.tree").count(), 1, "the link leads to the home page");
  });
});

test("card on a phone (390×844): no sideways scrolling (screenshot card-phone.png)", TEST, async () => {
  await withPage(
    async (page) => {
      await page.goto(s.url(seedCard));
      await page.waitForFunction(() => ((document.getElementById("wenda-player") as HTMLVideoElement | null)?.readyState ?? 0) >= 1);
      await screenshot(page, "card-phone");
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      assert.ok(widths.page <= widths.viewport, `the page is ${widths.page}px wide in a ${widths.viewport}px viewport`);
    },
    { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  );
});

test("tags: the index nests #RabbitMq/实例 under #RabbitMq, and /tags/RabbitMq/ lists pages with nested tags", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url("/"));
    await follow(page, "header nav", "标签");
    assert.equal(pathOf(page.url()), "/tags/");
    const tree = await page.evaluate(() =>
      [...document.querySelectorAll("ul.tag-tree > li")].map((li) => ({
        tag: li.querySelector(":scope > a.tag")?.textContent?.trim() ?? "",
        children: [...li.querySelectorAll(":scope > ul a.tag")].map((a) => a.textContent?.trim() ?? ""),
      })),
    );
    const rabbit = tree.find((t) => t.tag === "#RabbitMq");
    assert.ok(rabbit, `the tag index has #RabbitMq at the top level: ${JSON.stringify(tree.map((t) => t.tag))}`);
    assert.ok(rabbit.children.includes("#RabbitMq/实例"), `#RabbitMq/实例 is nested under #RabbitMq: ${JSON.stringify(rabbit.children)}`);
    assert.ok(!tree.some((t) => t.tag === "#RabbitMq/实例"), "#RabbitMq/实例 is not also a top-level tag");

    await follow(page, "ul.tag-tree", "#RabbitMq");
    assert.equal(pathOf(page.url()), "/tags/RabbitMq/");
    assert.equal(await h1(page), "#RabbitMq");
    const listed = (await page.locator("main a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).map(pathOf);
    assert.ok(listed.includes(seedCard), "the seed card is listed on /tags/RabbitMq/");
    // The question's own chips are only nested tags (#RabbitMq/实例, #RabbitMq/Queue): it is listed through them.
    assert.ok(listed.includes("/q/RabbitMq普通集群模式-原理/"), "a page tagged only #RabbitMq/… is listed under #RabbitMq");

    await follow(page, "main", "#RabbitMq/实例");
    assert.equal(pathOf(page.url()), "/tags/RabbitMq/实例/");
    assert.equal(await h1(page), "#RabbitMq/实例");
    const nested = (await page.locator("main a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).map(pathOf);
    assert.ok(nested.includes(seedCard), "the seed card is listed on /tags/RabbitMq/实例/");
  });
});

test("dark mode: dark background and light text on the home and card pages", TEST, async () => {
  await withPage(
    async (page) => {
      for (const pathname of ["/", seedCard]) {
        await page.goto(s.url(pathname));
        const body = await page.evaluate(() => ({ background: getComputedStyle(document.body).backgroundColor, color: getComputedStyle(document.body).color }));
        assert.ok(luminance(body.background) < 0.3, `${pathname}: body background ${body.background} is dark`);
        const heading = await colorsOf(page, "h1");
        assert.ok(contrast(heading.color, heading.background) >= 4.5, `${pathname}: the heading ${heading.color} on ${heading.background} is readable`);
      }
      await page.goto(s.url("/"));
      await screenshot(page, "home-dark");
    },
    { colorScheme: "dark" },
  );
});

test("dark mode: search results and filters are readable", TEST, async () => {
  await withPage(
    async (page) => {
      await page.goto(s.url("/search/?q=集群"));
      await waitForResults(page);
      await screenshot(page, "search-dark");
      const unreadable: string[] = [];
      for (const selector of [".pagefind-ui__result-link", ".pagefind-ui__result-excerpt", ".pagefind-ui__message", ".pagefind-ui__filter-label", ".pagefind-ui__search-input"]) {
        const { color, background } = await colorsOf(page, selector);
        const ratio = contrast(color, background);
        if (ratio < 4.5) unreadable.push(`${selector}: ${color} on ${background} (contrast ${ratio.toFixed(2)}, needs 4.5)`);
      }
      assert.deepEqual(unreadable, [], `unreadable search text in dark mode:\n${unreadable.join("\n")}`);
    },
    { colorScheme: "dark" },
  );
});

test("header search: typing 集群 on a card page shows results grouped by kind; Enter on one lands on the passage", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url(seedCard));
    const box = page.locator("header form[role=search] input[name=q]");
    await box.click();
    await box.pressSequentially("集群", { delay: 30 });
    const list = page.locator("#wenda-search-results");
    await list.locator("[role=option]").first().waitFor({ state: "visible" });
    const groups = (await list.locator(".search-group-title").allInnerTexts()).map((t) => t.trim());
    assert.ok(groups.length >= 1, "results come in groups");
    for (const group of groups) assert.ok(["问题", "卡片", "页面"].includes(group), `group ${group}`);
    assert.deepEqual(groups, [...groups].sort((a, b) => ["问题", "卡片", "页面"].indexOf(a) - ["问题", "卡片", "页面"].indexOf(b)), "questions first, then cards, then pages");
    assert.ok((await list.locator("[role=option] mark", { hasText: "集群" }).count()) > 0, "excerpts mark the query");
    // No script URL anywhere in the results.
    const hrefs = await list.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    assert.ok(hrefs.every((h) => !/^\s*javascript:/i.test(h)), hrefs.join("\n"));

    await box.press("ArrowDown");
    assert.equal(await list.locator("[role=option][aria-selected=true]").count(), 1, "ArrowDown selects the first result");
    const chosen = await list.locator("[role=option][aria-selected=true]").getAttribute("href");
    assert.ok(chosen?.includes(":~:text="), `the result links to the passage: ${chosen}`);
    await box.press("Enter");
    await page.waitForURL((url) => url.pathname !== new URL(s.url(seedCard)).pathname || url.hash !== "");
    await page.waitForLoadState("load");
    // The browser scrolled to the matched text (a text fragment) or to the matched heading.
    const visible = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.querySelector("main") as Node, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.includes("集群")) continue;
        const rect = (node.parentElement as HTMLElement).getBoundingClientRect();
        if (rect.top >= 0 && rect.bottom <= innerHeight) return true;
      }
      return false;
    });
    assert.ok(visible, "a passage with 集群 is in view on the page the result opened");
  });
});

test("header search: Ctrl+K and / focus the box from anywhere; Escape closes the results", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(s.url("/tags/"));
    await page.keyboard.press("Control+k");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "q", "Ctrl+K focuses the search box");
    await page.locator("h1").first().click();
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "q", "/ focuses the search box");
    await page.keyboard.type("消费");
    await page.locator("#wenda-search-results [role=option]").first().waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#wenda-search-results").isHidden(), true);
  });
});
