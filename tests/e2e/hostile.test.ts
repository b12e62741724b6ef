/**
 * The hostile vault as a site in Chromium (issue 7 "What must hold"): build it, visit every page it wrote (and the
 * search page with queries that hit the payloads), and assert that no script from a note runs and nothing loads
 * from another host. Traps: `alert`/`confirm`/`prompt`/`print`, the `window.__pwned` global every payload sets,
 * dialog events, page errors, and request interception for every host but the site's. Statically, on every
 * page: no attribute holds a `javascript:`, `vbscript:`, `file:` or `data:text/html` URL, no `on*` handler
 * attribute, no `srcdoc`, no `<base>`, no element that loads from another host.
 *
 * WENDA_E2E_HOSTILE_SITE=<folder> reuses a built hostile site while iterating on the test.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createStaticServer } from "../../src/cli/serve.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeHostileVault } from "../helpers/hostile.ts";
import { removeVault } from "../helpers/vault.ts";
import { filesUnder, launchBrowser, projectRoot } from "./site.ts";

let browser: Browser;
let dir: string;
let vault: string | undefined;
let origin: string;
let server: ReturnType<typeof createStaticServer>;

before(
  async () => {
    const prebuilt = process.env.WENDA_E2E_HOSTILE_SITE;
    if (prebuilt) dir = path.resolve(prebuilt);
    else {
      vault = makeHostileVault();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-hostile-site-"));
      await build(vault, dir);
    }
    server = createStaticServer(dir);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (vault) {
    removeVault(vault);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function build(from: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "bin", "wenda.mjs"), "build", from, "--out", out], {
      cwd: projectRoot,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0 && fs.existsSync(path.join(out, "index.html"))) resolve();
      else reject(new Error(`wenda build of the hostile vault failed (exit ${code ?? signal}):\n${log.slice(-4000)}`));
    });
  });
}

/** What went wrong on one page. */
interface Findings {
  scripts: string[];
  requests: string[];
  attributes: string[];
}

/** A context whose pages record script runs and block (and record) every request to another host. */
async function trappedContext(findings: Findings): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // tsx (esbuild, keepNames) wraps named inner functions of the evaluated callbacks in `__name(…)`.
  await context.addInitScript("globalThis.__name = (fn) => fn;");
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __trapped: string[] };
    w.__trapped = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      w[name] = (...args: unknown[]) => {
        w.__trapped.push(`${name}(${args.map(String).join(", ")})`);
        return null;
      };
    }
  });
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin) return route.continue();
    findings.requests.push(`${route.request().resourceType()} ${url.href}`);
    return route.abort("blockedbyclient");
  });
  return context;
}

/** Every attribute and element on the page a note could have turned into a script or a remote fetch. */
function scanPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const dangerous = /^(javascript|vbscript|file|livescript):|^data:text\/html/i;
    const loaders: Record<string, string[]> = {
      img: ["src", "srcset"],
      video: ["src", "poster"],
      audio: ["src"],
      source: ["src", "srcset"],
      track: ["src"],
      iframe: ["src"],
      embed: ["src"],
      object: ["data"],
      script: ["src"],
      link: ["href"],
      input: ["src"],
      image: ["href", "xlink:href"],
    };
    const describe = (el: Element) => el.outerHTML.slice(0, 160);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        const squeezed = attr.value.replace(/[\u0000-\u0020\u007f]+/g, "");
        if (dangerous.test(squeezed)) problems.push(`${attr.name}="${attr.value.slice(0, 80)}" on ${describe(el)}`);
        if (/^on/i.test(attr.name)) problems.push(`handler ${attr.name} on ${describe(el)}`);
        if (attr.name === "srcdoc") problems.push(`srcdoc on ${describe(el)}`);
      }
      const tag = el.tagName.toLowerCase();
      if (tag === "base") problems.push(`<base> ${describe(el)}`);
      if (tag === "meta" && el.getAttribute("http-equiv")?.toLowerCase() === "refresh")
        problems.push(`meta refresh ${describe(el)}`);
      if (tag === "script" && /__pwned/.test(el.textContent ?? "")) problems.push(`note script ${describe(el)}`);
      for (const name of loaders[tag] ?? []) {
        const value = el.getAttribute(name);
        if (!value) continue;
        const urls = name === "srcset" ? value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "") : [value];
        for (const url of urls) {
          let resolved: URL;
          try {
            resolved = new URL(url, document.baseURI);
          } catch {
            continue;
          }
          if (resolved.origin !== location.origin) problems.push(`${tag} ${name} loads ${resolved.href}`);
        }
      }
      const style = el.getAttribute("style") ?? "";
      if (/url\(/i.test(style) && /https?:|\/\//i.test(style)) problems.push(`style url() on ${describe(el)}`);
    }
    return problems;
  });
}

/** Visit `pathname`, let it settle, and record everything it did. */
async function visit(
  context: BrowserContext,
  pathname: string,
  findings: Findings,
  settle?: (page: Page) => Promise<void>,
) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on("dialog", (dialog) => {
    findings.scripts.push(`${pathname}: dialog ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => findings.scripts.push(`${pathname}: page error ${error.message}`));
  const response = await page.goto(new URL(pathname, `${origin}/`).href, { waitUntil: "load" });
  assert.ok(response, pathname);
  if (settle) await settle(page);
  // Lazy images and focus handlers: scroll to the end and tab through a few elements.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  for (let i = 0; i < 5; i++) await page.keyboard.press("Tab");
  await page.waitForTimeout(150);
  const state = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __trapped?: string[] };
    return { pwned: w.__pwned, trapped: w.__trapped ?? [] };
  });
  if (state.pwned !== undefined) findings.scripts.push(`${pathname}: window.__pwned = ${String(state.pwned)}`);
  for (const call of state.trapped) findings.scripts.push(`${pathname}: ${call}`);
  for (const problem of await scanPage(page)) findings.attributes.push(`${pathname}: ${problem}`);
  await page.close();
}

/** Every page the build wrote, as site paths. */
function sitePages(): string[] {
  return filesUnder(dir, ".html")
    .map((file) => `/${path.relative(dir, file).split(path.sep).join("/")}`.replace(/index\.html$/, ""))
    .sort();
}

test("the traps work: a page that runs a payload and loads from another host is caught", {
  timeout: 60_000,
}, async () => {
  const findings: Findings = { scripts: [], requests: [], attributes: [] };
  const context = await trappedContext(findings);
  // Registered after the catch-all, so it takes precedence for this one URL.
  await context.route(`${origin}/__trap-check/`, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: '<!doctype html><p>x</p><script>window.__pwned=1;alert(1)</script><img src="https://evil.example/x.png"><a href="javascript:void(0)" onclick="x()">y</a>',
    }),
  );
  await visit(context, "/__trap-check/", findings);
  await context.close();
  assert.deepEqual(findings.scripts, ["/__trap-check/: window.__pwned = 1", "/__trap-check/: alert(1)"]);
  assert.deepEqual(findings.requests, ["image https://evil.example/x.png"]);
  assert.equal(findings.attributes.length, 4, findings.attributes.join("\n"));
});

test("every page of the hostile site: no note script runs, no dangerous URL, nothing from another host", {
  timeout: 600_000,
}, async (t) => {
  const pages = sitePages();
  // Published cases and the site's own pages; fail-closed drafts are absent (checked below).
  assert.ok(pages.length >= 40, `only ${pages.length} pages`);
  const findings: Findings = { scripts: [], requests: [], attributes: [] };
  const context = await trappedContext(findings);
  for (const pathname of pages) await visit(context, pathname, findings);
  await context.close();
  t.diagnostic(`${pages.length} pages visited`);
  assert.deepEqual(findings.scripts, [], "scripts from notes ran");
  assert.deepEqual(findings.requests, [], "requests to other hosts");
  assert.deepEqual(findings.attributes, [], "dangerous attributes or remote loads");
});

test("the search page, with queries that hit the payloads, runs no note script", { timeout: 300_000 }, async (t) => {
  const findings: Findings = { scripts: [], requests: [], attributes: [] };
  const context = await trappedContext(findings);
  const results: Record<string, number> = {};
  for (const query of ["pwned", "onerror", "script", "标题", "评论"]) {
    await visit(context, `/search/?q=${encodeURIComponent(query)}`, findings, async (page) => {
      // Results load in steps: wait (up to 8 s) for the first, then until the count stops changing.
      let last = 0;
      for (let i = 0, stable = 0; i < 40 && stable < 3; i++) {
        await page.waitForTimeout(200);
        const count = await page.locator(".pagefind-ui__result").count();
        stable = count > 0 && count === last ? stable + 1 : 0;
        last = count;
      }
      results[query] = last;
    });
  }
  await context.close();
  t.diagnostic(`search results: ${JSON.stringify(results)}`);
  // The payloads are text on the pages, so searching for them finds those pages (escaped, inert).
  assert.ok(
    (results.onerror ?? 0) > 0 && (results.标题 ?? 0) > 0,
    `search finds the hostile pages: ${JSON.stringify(results)}`,
  );
  assert.deepEqual(findings.scripts, [], "scripts from notes ran");
  assert.deepEqual(findings.requests, [], "requests to other hosts");
  assert.deepEqual(findings.attributes, [], "dangerous attributes or remote loads");
});

test("fail-closed drafts have no page and their text is in no file of the site", () => {
  for (const draft of ["坏YAML草稿", "不是映射", "未闭合", "字符串假", "草稿也许", "重复键", "JSON坏", "别名炸弹"]) {
    assert.equal(fs.existsSync(path.join(dir, "前言", draft)), false, `a page for ${draft}`);
  }
  for (const published of ["坏YAML无键", "未闭合无键", "字符串真"]) {
    assert.equal(fs.existsSync(path.join(dir, "前言", published, "index.html")), true, `no page for ${published}`);
  }
  const secrets = /秘密草稿内容/;
  for (const file of [...filesUnder(dir, ".html"), ...filesUnder(dir, ".json"), ...filesUnder(dir, ".js")]) {
    assert.doesNotMatch(fs.readFileSync(file, "utf8"), secrets, path.relative(dir, file));
  }
});

test("every published note and question of the hostile vault has its page in the site", () => {
  const copy = makeHostileVault();
  try {
    const { graph } = loadVault(copy);
    const missing = [...graph.notes, ...graph.questions]
      .filter(
        (item) =>
          item.published && !fs.existsSync(path.join(dir, ...item.url.split("/").filter(Boolean), "index.html")),
      )
      .map((item) => `${item.id.slice(0, 60)} → ${item.url.slice(0, 60)}`);
    assert.deepEqual(missing, []);
    for (const tag of graph.tags)
      assert.ok(fs.existsSync(path.join(dir, ...tag.url.split("/").filter(Boolean), "index.html")), tag.url);
  } finally {
    removeVault(copy);
  }
});

test("remote media became links the reader can follow; YouTube timestamps stay links", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("/远程/远程媒体/", `${origin}/`).href);
  const links = await page
    .locator("a.remote-media")
    .evaluateAll((list) => list.map((a) => (a as HTMLAnchorElement).href));
  await context.close();
  for (const url of [
    "https://tracker.example/pixel.gif",
    "https://tracker.example/raw.gif",
    "https://media.example/v.mp4",
    "https://frame.example/embed",
    "https://obj.example/x.pdf",
  ]) {
    assert.ok(links.includes(url), `${url} is not a link: ${links.join(" ")}`);
  }
  const html = fs.readFileSync(path.join(dir, "远程", "远程媒体", "index.html"), "utf8");
  assert.match(html, /class="ts ts-remote"[^>]*>06:38</);
});
