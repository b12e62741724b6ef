/**
 * The graph view in Chromium, on the sample and on a small generated vault: `/graph/` draws every node of
 * `/graph.json` (the canvas reports the count), hovering a node shows its title, clicking one opens its page, the
 * filter dims the rest and lists the matches as links; a card page's local graph loads only when scrolled to and
 * draws the page and its neighbours, which its text alternative lists as links.
 *
 * Run: node --import tsx --test tests/e2e/graph.test.ts
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { sharedDir } from "../../scripts/shared-dir.ts";
import type { GraphJson } from "../../src/site/graph-view.ts";
import { launchBrowser, openPage, type Site, screenshot, seedCard, site } from "./site.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-graph-e2e-"));
let sample: Site;
let generated: Site;
let browser: Browser;

before(
  async () => {
    const vault = path.join(work, "vault");
    execFileSync(process.execPath, [path.join(sharedDir(), "tools", "gen-vault.mjs"), vault, "--cards", "40"], { stdio: "ignore" });
    // One build at a time per checkout (they share .astro/).
    sample = await site();
    generated = await site(vault);
    browser = await launchBrowser();
  },
  { timeout: 600_000 },
);

after(async () => {
  await browser?.close();
  await sample?.close();
  await generated?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const TEST = { timeout: 120_000 };
const desktop = { viewport: { width: 1280, height: 800 } };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

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

function graphJson(s: Site): GraphJson {
  return JSON.parse(fs.readFileSync(path.join(s.dir, "graph.json"), "utf8")) as GraphJson;
}

/** Where node `index` is on the page, from the canvas's reported view transform. */
async function nodeOnScreen(page: Page, json: GraphJson, index: number, canvas = "[data-graph-page] canvas"): Promise<{ x: number; y: number }> {
  const box = await page.locator(canvas).boundingBox();
  assert.ok(box, "the canvas is laid out");
  const [scale, offsetX, offsetY] = ((await page.locator(canvas).getAttribute("data-view")) ?? "").split(",").map(Number) as [number, number, number];
  const [x, y] = json.nodes[index] as [number, number, number, string, string];
  return { x: box.x + x * scale + offsetX, y: box.y + y * scale + offsetY };
}

/** A node no other node is near (so the pointer lands on it alone): the one farthest from its nearest neighbour. */
function loneNode(json: GraphJson): number {
  let best = 0;
  let bestGap = -1;
  json.nodes.forEach(([x, y], i) => {
    let gap = Number.POSITIVE_INFINITY;
    json.nodes.forEach(([ox, oy], j) => {
      if (i !== j) gap = Math.min(gap, Math.hypot(x - ox, y - oy));
    });
    if (gap > bestGap) [best, bestGap] = [i, gap];
  });
  return best;
}

for (const [name, which] of [["the sample", () => sample], ["a generated vault", () => generated]] as const) {
  test(`${name}: /graph/ draws every node, hover shows a title, a click opens the page`, TEST, async () => {
    const s = which();
    const json = graphJson(s);
    assert.ok(json.nodes.length > 20, `${json.nodes.length} nodes`);
    assert.deepEqual(json.kinds, ["question", "card", "page", "tag"]);
    await withPage(async (page) => {
      await page.goto(s.url("/graph/"));
      const canvas = page.locator("[data-graph-page] canvas");
      await canvas.waitFor();
      assert.equal(await canvas.getAttribute("data-nodes"), String(json.nodes.length));
      await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>("[data-graph-page] canvas")?.dataset.drawn !== undefined);
      assert.equal(await canvas.getAttribute("data-drawn"), String(json.nodes.length), "the fitted view shows every node");
      // Not blank: the canvas has painted pixels.
      const painted = await canvas.evaluate((element) => {
        const c = element as HTMLCanvasElement;
        const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) count++;
        return count;
      });
      assert.ok(painted > json.nodes.length * 4, `${painted} painted pixels`);

      const target = loneNode(json);
      const [, , , title, url] = json.nodes[target] as [number, number, number, string, string];
      const point = await nodeOnScreen(page, json, target);
      await page.mouse.move(point.x, point.y);
      const tip = page.locator("[data-graph-page] .graph-tip");
      await tip.waitFor({ state: "visible" });
      assert.equal(await tip.textContent(), title);
      if (name === "the sample") await screenshot(page, "graph-desktop");
      await page.mouse.click(point.x, point.y);
      await page.waitForURL((current) => decodeURIComponent(current.pathname) === url);
    }, desktop);
  });
}

test("the filter dims the other nodes and lists the matches as links", TEST, async () => {
  const json = graphJson(sample);
  const query = "Redis";
  const expected = json.nodes.filter(([, , , title]) => title.toLowerCase().includes(query.toLowerCase())).map(([, , , title]) => title);
  assert.ok(expected.length > 1);
  await withPage(async (page) => {
    await page.goto(sample.url("/graph/"));
    await page.locator("[data-graph-page] canvas").waitFor();
    await page.getByRole("searchbox", { name: "筛选节点" }).fill(query);
    const links = page.locator(".graph-matches a");
    await links.first().waitFor();
    assert.deepEqual((await links.allTextContents()).sort(), expected.slice(0, 50).sort());
    assert.match((await page.locator(".graph-count").textContent()) ?? "", new RegExp(`^${expected.length} / ${json.nodes.length}$`));
  }, desktop);
});

test("a phone: the graph page fits the screen and a pinch zooms in", TEST, async () => {
  await withPage(async (page) => {
    await page.goto(sample.url("/graph/"));
    const canvas = page.locator("[data-graph-page] canvas");
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    assert.ok(box && box.width <= 390 && box.width > 300, `canvas ${box?.width}px wide`);
    const before = Number(((await canvas.getAttribute("data-view")) ?? "").split(",")[0]);
    const { x, y, width, height } = box;
    const cx = x + width / 2;
    const cy = y + height / 2;
    // Two touch pointers moving apart (CDP touch events, as a pinch is).
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", d: number) =>
      cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }] });
    await touch("touchStart", 20);
    for (const d of [40, 60, 80, 100]) await touch("touchMove", d);
    await touch("touchEnd", 0);
    await page.waitForFunction((old) => Number(document.querySelector<HTMLCanvasElement>("[data-graph-page] canvas")?.dataset.view?.split(",")[0]) > old * 1.5, before);
    await screenshot(page, "graph-phone");
  }, phone);
});

test("a card page's local graph loads when scrolled to and draws the card and its neighbours", TEST, async () => {
  await withPage(async (page) => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(sample.url(seedCard));
    const section = page.locator("[data-local-graph]");
    const top = (await section.boundingBox())?.y ?? 0;
    assert.ok(top > 600, `the graph starts below the fold (${top}px)`);
    const listed = await section.locator(".graph-neighbours a").count();
    assert.ok(listed > 3, `${listed} neighbours listed`);
    assert.equal(await section.locator("canvas").count(), 0, "nothing drawn before the graph is near the viewport");
    const before = scripts.length;
    assert.ok(!scripts.some((url) => url.includes("/graph.json")));
    await section.scrollIntoViewIfNeeded();
    const canvas = section.locator("canvas");
    await canvas.waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>("[data-local-graph] canvas")?.dataset.drawn !== undefined);
    assert.ok(scripts.length > before, "the local graph's script loads on demand");
    assert.equal(await canvas.getAttribute("data-nodes"), String(listed + 1), "the card and every listed neighbour");
    assert.equal(await canvas.getAttribute("data-drawn"), String(listed + 1));
    // The text alternative: each neighbour is a link to its page.
    const first = section.locator(".graph-neighbours > li > a").first();
    assert.match((await first.getAttribute("href")) ?? "", /^\//);
    await screenshot(page, "graph-local");
  }, { viewport: { width: 1280, height: 360 } });
});

test("a generated card page lists and draws its neighbourhood; no page fetches /graph.json but /graph/", TEST, async () => {
  const json = graphJson(generated);
  const card = json.nodes.find(([, , kind]) => json.kinds[kind] === "card");
  assert.ok(card);
  await withPage(async (page) => {
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(decodeURIComponent(new URL(request.url()).pathname)));
    await page.goto(generated.url(card[4]));
    const section = page.locator("[data-local-graph]");
    await section.scrollIntoViewIfNeeded();
    await section.locator("canvas").waitFor();
    const listed = await section.locator(".graph-neighbours a").count();
    assert.equal(await section.locator("canvas").getAttribute("data-nodes"), String(listed + 1));
    assert.ok(!fetched.includes("/graph.json"), fetched.join("\n"));
  }, desktop);
});
