/**
 * Shared set-up for the browser tests: build the sample vault (content/) once per process into a temporary
 * folder, serve it with the project's own static server, and drive Debian's Chromium through playwright-core.
 *
 * Astro builds through a work folder inside the project (.astro/), so two builds at once collide: keep every
 * browser test in processes that call `site()` one at a time (today: one test file). Set WENDA_E2E_SITE to an
 * already built folder to skip the build while iterating on the tests.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { createStaticServer } from "../../src/cli/serve.ts";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const screenshotDir = path.join(projectRoot, "tests", ".artifacts", "screenshots");

/** The seed card of the sample vault. */
export const seedCard = "/卡片/引入消息队列之后该如何保证其高可用性1.mp4/";

export interface Site {
  /** The built site on disk. */
  dir: string;
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  origin: string;
  /** An absolute URL for a site path such as `/tags/` (non-ASCII paths are percent-encoded by the URL parser). */
  url(pathname: string): string;
  close(): Promise<void>;
}

const sites = new Map<string, Promise<Site>>();

/**
 * Builds and serves the site of `vault` (a folder relative to the project; default the sample vault in
 * content/), once per process.
 */
export function site(vault = "content"): Promise<Site> {
  let built = sites.get(vault);
  if (!built) {
    built = buildAndServe(vault);
    sites.set(vault, built);
  }
  return built;
}

/** Builds and serves another vault (a folder under the project, e.g. `tests/vaults/obsidian`), once per process. */
export function vaultSite(vault: string): Promise<Site> {
  return site(vault);
}

/** The same, under the name the navigation tests use. */
export function siteOf(vault: string): Promise<Site> {
  return site(vault);
}

async function buildAndServe(vault: string): Promise<Site> {
  // WENDA_E2E_SITE: the sample already built; WENDA_E2E_VAULT_SITE: another vault already built (while iterating);
  // WENDA_E2E_PREBUILT: several, as `vault=dir;vault=dir` (a test over three vaults).
  const prebuilt =
    prebuiltSites().get(vault) ?? (vault === "content" ? process.env.WENDA_E2E_SITE : process.env.WENDA_E2E_VAULT_SITE);
  let dir: string;
  let temporary = false;
  if (prebuilt) {
    dir = path.resolve(prebuilt);
    assert.ok(fs.existsSync(path.join(dir, "index.html")), `WENDA_E2E_SITE=${prebuilt} has no index.html`);
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-e2e-"));
    temporary = true;
    await build(dir, vault);
  }
  const server = createStaticServer(dir);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    dir,
    origin,
    url: (pathname) => new URL(pathname, `${origin}/`).href,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (temporary) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function prebuiltSites(): Map<string, string> {
  const pairs = (process.env.WENDA_E2E_PREBUILT ?? "").split(";").filter(Boolean);
  return new Map(pairs.map((pair) => pair.split("=", 2) as [string, string]));
}

function build(out: string, vault: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "bin", "wenda.mjs"), "build", vault, "--out", out], {
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
      else reject(new Error(`wenda build failed (exit ${code ?? signal}):\n${log.slice(-4000)}`));
    });
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/** A page in a fresh context whose console errors, uncaught exceptions and failed requests are recorded. */
export interface WatchedPage {
  page: Page;
  /** Console errors, page errors and failed requests, one line each. */
  errors: string[];
  /**
   * Expects `url` to answer 404 on purpose (the 404 page): Chromium logs "Failed to load resource: … 404" for
   * any document served with that status, which is then the point of the test rather than a broken resource.
   */
  allowNotFound(url: string): void;
  /** Throws if anything went wrong on the page, then closes its context. */
  finish(): Promise<void>;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  const notFound = new Set<string>();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    if (notFound.has(where.url) && /status of 404\b/.test(message.text())) return;
    errors.push(`console error on ${page.url()}: ${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    // A navigation or media download the page itself cancels (following a link, the player dropping a range it
    // no longer needs after a seek) is not a broken resource.
    if (failure === "net::ERR_ABORTED") return;
    errors.push(`request failed on ${page.url()}: ${request.method()} ${request.url()} ${failure}`);
  });
  return {
    page,
    errors,
    allowNotFound: (url) => void notFound.add(new URL(url).href),
    async finish() {
      await context.close();
      assert.deepEqual(errors, [], `the page reported errors:\n${errors.join("\n")}`);
    },
  };
}

/** Saves a full-page screenshot to tests/.artifacts/screenshots/<kind>.png. */
export async function screenshot(page: Page, kind: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${kind}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Every file under `dir` whose name ends with `ext`. */
export function filesUnder(dir: string, ext: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

/** Relative luminance (WCAG) of a CSS `rgb()` / `rgba()` color, from 0 (black) to 1 (white). */
export function luminance(color: string): number {
  const parts = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  assert.ok(parts, `not an rgb() color: ${color}`);
  const [r, g, b] = parts.slice(1, 4).map((value) => {
    const channel = Number(value) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** One rule axe-core found broken on a page, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements, each with axe's summary of what is wrong. */
  nodes: string[];
}

/**
 * Runs axe-core (its every non-experimental rule: WCAG 2.x A/AA and best practices) on the page as it is now and
 * returns the violations. The script is injected from node_modules, so nothing is fetched.
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: path.join(projectRoot, "node_modules", "axe-core", "axe.min.js") });
  return page.evaluate(async () => {
    const engine = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await engine.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`.replace(/\s+/g, " ")),
    }));
  });
}
