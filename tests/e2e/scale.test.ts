/**
 * The site of a generated 1,000-card vault stays usable and small: the home, every tag page and comments page
 * under 150 KB; in Chromium (desktop and phone) the home filter finds a deep question by a few characters,
 * expand-all opens the levels the page loads on demand, and a question with several parents is shown once with
 * "also under". Ground truth is the vault's own question graph (`wenda graph`), never the home's index.
 *
 * Iterating: WENDA_E2E_SCALE_VAULT=<a generated vault> and WENDA_E2E_VAULT_SITE=<its built site> skip the work.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { sharedDir } from "../../scripts/shared-dir.ts";
import { hrefOf } from "../../src/graph/url.ts";
import type { Graph, GraphQuestion } from "../../src/graph/types.ts";
import { filterKey } from "../../src/site/filter-key.ts";
import { filesUnder, launchBrowser, openPage, projectRoot, type Site, site } from "./site.ts";

const limit = 150 * 1024;
let work: string | undefined;
let s: Site;
let browser: Browser;
let graph: Graph;
let shown: GraphQuestion[];

before(
  async () => {
    let vault = process.env.WENDA_E2E_SCALE_VAULT;
    if (!vault) {
      work = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-scale-"));
      vault = path.join(work, "vault");
      execFileSync(process.execPath, [path.join(sharedDir(), "tools", "gen-vault.mjs"), vault, "--cards", "1000"], {
        stdio: "ignore",
      });
    }
    graph = JSON.parse(
      execFileSync(process.execPath, [path.join(projectRoot, "bin", "wenda.mjs"), "graph", vault], {
        encoding: "utf8",
        maxBuffer: 256 << 20,
        stdio: ["ignore", "pipe", "ignore"],
      }),
    ) as Graph;
    shown = graph.questions.filter((q) => q.published);
    s = await site(vault);
    browser = await launchBrowser();
  },
  { timeout: 900_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const TEST = { timeout: 180_000 };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pageFile = (url: string) => path.join(s.dir, ...url.split("/").filter(Boolean), "index.html");

/** Published questions by id, their published parents, and each one's depth breadth first from the roots. */
function structure() {
  const byId = new Map(shown.map((q) => [q.id, q]));
  const parentsOf = (q: GraphQuestion) => [...new Set(q.parents)].filter((p) => byId.has(p));
  const roots = shown.filter((q) => parentsOf(q).length === 0);
  const depth = new Map<string, number>(roots.map((q) => [q.id, 0]));
  let frontier = roots;
  for (let d = 1; frontier.length > 0; d++) {
    const next: GraphQuestion[] = [];
    for (const q of frontier) {
      for (const id of q.children) {
        const child = byId.get(id);
        if (child && !depth.has(id)) {
          depth.set(id, d);
          next.push(child);
        }
      }
    }
    frontier = next;
  }
  const keyCount = new Map<string, number>();
  for (const q of shown) keyCount.set(filterKey(q.title), (keyCount.get(filterKey(q.title)) ?? 0) + 1);
  const unique = (q: GraphQuestion) => keyCount.get(filterKey(q.title)) === 1;
  return { byId, parentsOf, roots, depth, unique };
}

test("page sizes at 1,000 cards: the home, every tag page, the tags index and every comments page ≤ 150 KB", () => {
  const sizes = filesUnder(s.dir, ".html").map((file) => ({
    file: path.relative(s.dir, file),
    bytes: fs.statSync(file).size,
  }));
  const home = sizes.find((f) => f.file === "index.html");
  assert.ok(home, "the home page exists");
  assert.ok(home.bytes <= limit, `home: ${kb(home.bytes)}`);
  const lists = sizes.filter((f) => f.file.startsWith(`tags${path.sep}`) || f.file.startsWith(`comments${path.sep}`));
  assert.ok(lists.length > 100, `${lists.length} tag and comments pages`);
  const over = lists.filter((f) => f.bytes > limit);
  assert.deepEqual(over, [], "tag and comments pages over 150 KB");
  // A tag with several pages (`~2/`) is still one entry of the tags index.
  const index = fs.readFileSync(pageFile("/tags/"), "utf8");
  const tagLinks = [...index.matchAll(/<a class="tag" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(tagLinks.length > 50, `${tagLinks.length} tags in the index`);
  assert.equal(new Set(tagLinks).size, tagLinks.length, "each tag listed once in the tags index");
  const largestList = lists.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  // /all/ lists every page of the site by design (its size grows with the vault): every other page is bounded.
  const rest = sizes.filter((f) => f.file !== path.join("all", "index.html"));
  const largest = rest.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(
    `home ${kb(home.bytes)}; largest tag/comments page ${largestList.file} ${kb(largestList.bytes)}; largest page but /all/ ${largest.file} ${kb(largest.bytes)}; /all/ ${kb(sizes.find((f) => f.file === path.join("all", "index.html"))?.bytes ?? 0)}`,
  );
  assert.ok(
    largest.bytes <= 400 * 1024,
    `a card page carries one card's outline and its comments, not the vault: ${largest.file} ${kb(largest.bytes)}`,
  );
});

test("without script the home lists every root question as a plain link, and no link sits inside a <summary>", () => {
  const html = fs.readFileSync(pageFile("/"), "utf8");
  const { roots } = structure();
  assert.ok(roots.length > 10, `${roots.length} roots`);
  for (const root of roots)
    assert.ok(html.includes(`href="${hrefOf(root.url)}"`), `root ${root.title} linked from the home`);
  assert.equal(/<summary\b[^>]*>(?:(?!<\/summary>)[\s\S])*<a\b/.test(html), false, "a link inside a <summary>");
  const tree = html.slice(html.indexOf('<div class="home-tree"'), html.indexOf("</main>"));
  assert.ok(tree.length > 1000, "the home has its question tree");
  assert.equal(tree.includes("↗"), false, "no unlabeled ↗ rows");
});

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(
    `${device}: the filter finds a deep question by a few characters, typed with spaces and full-width letters`,
    TEST,
    async () => {
      const { depth, unique } = structure();
      // A question the page does not carry (two levels down), and the shortest piece of its title few others share.
      const keys = shown.map((q) => filterKey(q.title));
      let best: { q: GraphQuestion; piece: string; matches: number } | undefined;
      for (const q of shown.filter((q) => (depth.get(q.id) ?? 0) >= 2 && unique(q)).slice(0, 200)) {
        const key = filterKey(q.title);
        for (let length = 3; length <= 6 && !best; length++) {
          for (let at = 0; at + length <= key.length; at++) {
            const piece = key.slice(at, at + length);
            const matches = keys.filter((k) => k.includes(piece)).length;
            if (matches <= 20) {
              best = { q, piece, matches };
              break;
            }
          }
        }
        if (best) break;
      }
      assert.ok(best, "a deep question with a distinctive piece of title");
      // Typed as a reader might: ASCII as full-width forms, a space in the middle.
      const typed = [...best.piece].map((c) => (/[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c));
      typed.splice(1, 0, " ");
      await onPage(viewport, async (page) => {
        const row = page.locator(`.home-topics li[data-i] > a[href="${hrefOf(best.q.url)}"]`);
        assert.equal(await row.count(), 0, "the question has no row on the page itself (it comes from the index)");
        const filter = page.getByRole("searchbox", { name: /筛选问题|Filter questions/ });
        await filter.click();
        await filter.pressSequentially(typed.join(""), { delay: 30 });
        const hit = page.locator(`.home-hits a[href="${hrefOf(best.q.url)}"]`);
        await hit.waitFor();
        assert.ok(await hit.isVisible(), `${best.q.title} among the hits for "${typed.join("")}"`);
        assert.equal(await page.locator(".home-topics").isVisible(), false, "the tree steps aside while filtering");
        await filter.fill("");
        await page.locator(".home-topics").waitFor();
      });
    },
  );

  test(
    `${device}: expand-all opens the levels loaded on demand; a multi-parent question is shown once, with "also under"`,
    TEST,
    async () => {
      const { byId, parentsOf, depth, unique } = structure();
      const deep = shown.find((q) => (depth.get(q.id) ?? 0) >= 3) ?? shown.find((q) => (depth.get(q.id) ?? 0) >= 2);
      assert.ok(deep, "a question two or more levels down");
      const multi = shown.find(
        (q) =>
          parentsOf(q).length === 2 &&
          depth.has(q.id) &&
          unique(q) &&
          parentsOf(q).every((p) => unique(byId.get(p) as GraphQuestion)),
      );
      assert.ok(multi, "a question with two parents");
      await onPage(viewport, async (page) => {
        const rows = page.locator(".home-topics li[data-i]");
        const before = await rows.count();
        console.log(
          `${device}: home ${await page.evaluate(() => document.getElementsByTagName("*").length)} DOM nodes, ${before} rows before expanding`,
        );
        const deepLink = page.locator(`.home-topics a[href="${hrefOf(deep.url)}"]`);
        assert.equal(await deepLink.count(), 0, "a deep question is not rendered before expanding");
        await page.getByRole("button", { name: /全部展开|Expand all/ }).click();
        await deepLink.waitFor();
        await page.waitForFunction(
          (total) => document.querySelectorAll(".home-topics li[data-i]").length === total,
          shown.length,
        );
        assert.equal(await rows.count(), shown.length, "every published question once");
        assert.equal(await page.locator('.home-topics .tg[aria-expanded="false"]').count(), 0, "every level open");
        console.log(
          `${device}: ${await page.evaluate(() => document.getElementsByTagName("*").length)} DOM nodes with everything expanded`,
        );

        const key = filterKey(multi.title);
        const own = rows.filter({ has: page.locator(`:scope > a[href="${hrefOf(multi.url)}"]`) });
        assert.equal(await own.count(), 1, `${multi.title} is shown once`);
        const placedUnder = await own.evaluate(
          (li) => li.parentElement?.closest("li")?.querySelector(":scope > a")?.textContent ?? "",
        );
        const also = await own.locator(":scope > .also a").allTextContents();
        assert.equal(also.length, 1, "one other parent in its 'also under' line");
        const parents = parentsOf(multi).map((p) => filterKey(byId.get(p)?.title ?? ""));
        assert.deepEqual(
          [filterKey(placedUnder), filterKey(also[0] ?? "")].sort(),
          parents.sort(),
          `${key}: placed under one parent, also under the other`,
        );
        assert.match((await own.locator(":scope > .also").textContent()) ?? "", /^(也在：|Also under: )/);

        await page.getByRole("button", { name: /全部收起|Collapse all/ }).click();
        assert.equal(await deepLink.isVisible(), false, "collapse all hides the deeper levels again");
      });
    },
  );
}

async function onPage(viewport: { width: number; height: number }, body: (page: Page) => Promise<void>): Promise<void> {
  const watched = await openPage(browser, { viewport });
  try {
    await watched.page.goto(s.url("/"));
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
