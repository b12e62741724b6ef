/**
 * Browser tests for code, diagrams, footnotes, task states and tables on the fixture vault's 代码/ notes
 * (tests/vaults/obsidian): highlighted tokens are coloured in light and in dark, Mermaid diagrams become SVG with
 * the site's own bundle (and stay readable as source without scripts), nothing is fetched from another host,
 * pages without a diagram load no Mermaid and at most the header search's few KB of script (issue 10: a page
 * loads ≤ 40 KB before search opens), and no page logs an error.
 *
 * Run: node --import tsx --test tests/e2e/code.test.ts
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { launchBrowser, luminance, openPage, type Site, screenshot, vaultSite, type WatchedPage } from "./site.ts";

let s: Site;
let browser: Browser;

before(
  async () => {
    s = await vaultSite("tests/vaults/obsidian");
    browser = await launchBrowser();
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await s?.close();
});

const TEST = { timeout: 90_000 };
const javaNote = "/代码/Java-并发与线程池/";
const diagramNote = "/代码/消息流程图/";
const taskNote = "/代码/复习清单/";
const tableNote = "/代码/中间件对比（宽表）/";
const scriptNote = "/代码/Python-脚本与-SQL-查询/";

/** What a page loaded: every request's URL, and the bytes of script it ran (external bodies and inline text). */
interface Loaded {
  requests: string[];
  scriptBytes: number;
}

/** Opens `pathname` on a fresh watched page and runs `body`; fails on any console error or failed request. */
async function visit(
  pathname: string,
  body: (page: Page, loaded: Loaded) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const watched: WatchedPage = await openPage(browser, options);
  const { page } = watched;
  const loaded: Loaded = { requests: [], scriptBytes: 0 };
  const bodies: Promise<void>[] = [];
  page.on("request", (request) => void loaded.requests.push(request.url()));
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.push(
      response.body().then((buffer) => {
        loaded.scriptBytes += buffer.length;
      }),
    );
  });
  try {
    await page.goto(s.url(pathname), { waitUntil: "networkidle" });
    await Promise.all(bodies);
    if (options.javaScriptEnabled !== false) {
      loaded.scriptBytes += await page.evaluate(() =>
        [...document.querySelectorAll("script:not([src])")].reduce(
          (sum, el) => sum + new TextEncoder().encode(el.textContent ?? "").length,
          0,
        ),
      );
    }
    await body(page, loaded);
  } catch (error) {
    await page
      .context()
      .close()
      .catch(() => {});
    if (error instanceof Error && watched.errors.length > 0)
      error.message += `\n\nThe page also reported:\n${watched.errors.join("\n")}`;
    throw error;
  }
  await watched.finish();
}

function sameHost(loaded: Loaded): void {
  const foreign = loaded.requests.filter((url) => !url.startsWith(`${s.origin}/`) && !url.startsWith("data:"));
  assert.deepEqual(foreign, [], "requests to another host");
}

/** The computed colour of the first token span whose text is `text`. */
function tokenColor(page: Page, text: string): Promise<string> {
  return page.evaluate((wanted) => {
    const span = [...document.querySelectorAll("pre.shiki span.line > span")].find(
      (el) => el.textContent?.trim() === wanted,
    );
    if (!span) throw new Error(`no token "${wanted}"`);
    return getComputedStyle(span).color;
  }, text);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`highlighted code has coloured tokens in ${colorScheme} mode`, TEST, async () => {
    await visit(
      javaNote,
      async (page, loaded) => {
        sameHost(loaded);
        assert.equal(await page.locator("pre.shiki").count(), 1);
        const expected =
          colorScheme === "light"
            ? { public: "rgb(215, 58, 73)", comment: "rgb(106, 115, 125)" }
            : { public: "rgb(249, 117, 131)", comment: "rgb(106, 115, 125)" };
        assert.equal(await tokenColor(page, "public"), expected.public);
        assert.equal(await tokenColor(page, "import"), expected.public);
        const plain = await page.evaluate(() => getComputedStyle(document.querySelector("pre.shiki") as Element).color);
        assert.notEqual(plain, expected.public, "tokens differ from the block's own colour");
        // The block's text is readable on its background in either scheme.
        const [fg, bg] = await page.evaluate(() => {
          const pre = document.querySelector("pre.shiki") as Element;
          return [getComputedStyle(pre).color, getComputedStyle(pre).backgroundColor];
        });
        const contrast =
          (Math.max(luminance(fg), luminance(bg)) + 0.05) / (Math.min(luminance(fg), luminance(bg)) + 0.05);
        assert.ok(contrast >= 7, `contrast ${contrast.toFixed(1)} of ${fg} on ${bg}`);
        // Python, SQL, shell and YAML too; plain and unknown languages stay plain.
        await page.goto(s.url(scriptNote), { waitUntil: "networkidle" });
        assert.equal(await page.locator("pre.shiki").count(), 4);
        assert.equal(await page.locator("pre:not(.shiki) > code").count(), 2);
        assert.equal(
          await page.locator("pre:not(.shiki) > code").first().textContent(),
          "没有语言的代码块：原样显示 <不是标签>\n",
        );
        await screenshot(page, `code-${colorScheme}`);
      },
      { colorScheme },
    );
  });
}

test("a data-theme on <html> overrides the system scheme for code", TEST, async () => {
  await visit(
    javaNote,
    async (page) => {
      await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
      assert.equal(await tokenColor(page, "public"), "rgb(249, 117, 131)");
      await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
      assert.equal(await tokenColor(page, "public"), "rgb(215, 58, 73)");
    },
    { colorScheme: "light" },
  );
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`Mermaid diagrams become SVG with the site's own bundle (${colorScheme})`, TEST, async () => {
    await visit(
      diagramNote,
      async (page, loaded) => {
        await page.waitForFunction(() => document.querySelectorAll("pre.mermaid[data-processed] svg").length === 2);
        sameHost(loaded);
        const all = [
          ...loaded.requests,
          ...(await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name))),
        ];
        assert.ok(
          all.some((url) => url.includes("/_wenda/mermaid/mermaid.esm.min.mjs")),
          "the bundle comes from the site",
        );
        const flow = page.locator("pre.mermaid").first();
        assert.match((await flow.locator("svg").textContent()) ?? "", /订单服务/);
        const box = await flow.locator("svg").boundingBox();
        assert.ok(box && box.width > 100 && box.height > 50, `the flowchart has a size: ${JSON.stringify(box)}`);
        assert.match((await page.locator("pre.mermaid").nth(1).locator("svg").textContent()) ?? "", /basic\.publish/);
        // Dark mode: Mermaid's dark theme draws light text.
        const label = await page.evaluate(() => {
          const text = document.querySelector("pre.mermaid svg .nodeLabel, pre.mermaid svg text");
          return text ? getComputedStyle(text).color : "";
        });
        if (colorScheme === "dark") assert.ok(luminance(label) > 0.4, `label ${label} is light on dark`);
        else assert.ok(luminance(label) < 0.2, `label ${label} is dark on light`);
        console.log(
          `# ${diagramNote} (${colorScheme}) loaded ${loaded.scriptBytes} bytes of script (${loaded.requests.filter((u) => u.endsWith(".mjs")).length} modules)`,
        );
        await screenshot(page, `mermaid-${colorScheme}`);
      },
      { colorScheme },
    );
  });
}

test("without scripts, a diagram shows its source", TEST, async () => {
  await visit(
    diagramNote,
    async (page) => {
      const source = (await page.locator("pre.mermaid").first().textContent()) ?? "";
      assert.match(source, /^flowchart LR\n {2}生产者\[订单服务\] -->\|发布\| 交换机\{\{交换机\}\}/);
      assert.ok(await page.locator("pre.mermaid").first().isVisible());
    },
    { javaScriptEnabled: false },
  );
});

test("pages without a diagram load no Mermaid, and less script than issue 10's 40 KB", TEST, async () => {
  for (const pathname of [javaNote, taskNote, tableNote, "/"]) {
    await visit(pathname, async (_page, loaded) => {
      sameHost(loaded);
      assert.ok(!loaded.requests.some((url) => url.includes("/_wenda/mermaid/")), `${pathname} loads nothing of Mermaid`);
      // Search box, player, theme, previews and the local graph (drawn once in view): far from Mermaid's ~1 MB.
      assert.ok(loaded.scriptBytes < 40 * 1024, `${pathname} loads ${loaded.scriptBytes} bytes of script`);
      console.log(`# ${pathname} loaded ${loaded.scriptBytes} bytes of script`);
    });
  }
});

test("custom task states are drawn as state icons; GFM boxes as boxes", TEST, async () => {
  await visit(taskNote, async (page) => {
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll(".task-list-item > input")].map((input) => {
        const li = input.parentElement as HTMLElement;
        const style = getComputedStyle(input);
        return {
          state: li.dataset.task ?? ((input as HTMLInputElement).checked ? "x" : " "),
          image: style.backgroundImage,
          width: input.getBoundingClientRect().width,
          disabled: (input as HTMLInputElement).disabled,
        };
      }),
    );
    assert.deepEqual(
      boxes.map((b) => b.state),
      [" ", "x", "/", "-", ">", "<", "!", "?", "*", '"', "i"],
    );
    assert.ok(boxes.every((b) => b.disabled && b.width > 8));
    assert.equal(boxes[0]?.image, "none", "an open task is an empty box");
    const images = boxes.slice(1).map((b) => b.image);
    assert.ok(
      images.every((image) => image.startsWith('url("data:image/svg+xml')),
      "every other state has an icon",
    );
    assert.equal(new Set(images).size, images.length, "each state its own icon");
    await screenshot(page, "task-states");
  });
});

test("a wide table scrolls inside its wrapper on a phone, the page does not; GFM alignment holds", TEST, async () => {
  await visit(
    tableNote,
    async (page) => {
      const layout = await page.evaluate(() => {
        // No named functions in here: the test's compiler would wrap them in a helper the page does not have.
        const wrap = document.querySelector(".table-wrap") as HTMLElement;
        const cells = [...(wrap.querySelectorAll("tr")[1]?.children ?? [])]
          .slice(0, 3)
          .map((cell) => getComputedStyle(cell));
        return {
          wrapScrolls: wrap.scrollWidth > wrap.clientWidth,
          pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
          align: cells.map((cell) => cell.textAlign),
          border: cells[0]?.borderTopStyle,
          stripes: [
            getComputedStyle(wrap.querySelectorAll("tbody tr")[0] as Element).backgroundColor,
            getComputedStyle(wrap.querySelectorAll("tbody tr")[1] as Element).backgroundColor,
          ],
        };
      });
      assert.ok(layout.wrapScrolls, "the table is wider than the phone and scrolls");
      assert.ok(!layout.pageScrolls, "the page itself does not scroll sideways");
      assert.deepEqual(layout.align, ["left", "center", "right"]);
      assert.equal(layout.border, "solid");
      assert.notEqual(layout.stripes[0], layout.stripes[1], "zebra stripes");
      await screenshot(page, "table-phone");
    },
    { viewport: { width: 390, height: 800 }, isMobile: true },
  );
});

test("a footnote reference leads to its note and the back-link returns", TEST, async () => {
  await visit(javaNote, async (page) => {
    await page.locator("a[data-footnote-ref]").first().click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === "#fn-参数");
    assert.ok(await page.locator(":target").first().isVisible());
    assert.match((await page.locator(":target").textContent()) ?? "", /corePoolSize/);
    await page.locator(":target a[data-footnote-backref]").click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === "#fnref-参数");
    assert.equal(await page.locator("section.footnotes h2").textContent(), "脚注");
  });
});
