/**
 * `wenda dev` edit latency: start the dev server on a copy of a generated vault, open a card page and one of its
 * question pages in Chromium, write edits to the card, and time file write → the new text visible in the tab
 * (the tab reloads by itself). Prints a JSON line: medians for the card tab and the question tab, and the
 * server's own update time (from its WENDA_DEBUG log).
 *
 *   node --import tsx bench/dev-edit.ts --cards 1000 [--edits 5] [--vault DIR] [--port P]
 *
 * `--vault` copies that vault instead of generating one (e.g. /work/gen/vault-4000). The copy is removed after.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { sharedDir } from "../scripts/shared-dir.ts";

const root = fileURLToPath(new URL("../", import.meta.url));

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.floor((sorted.length - 1) / 2)] as number) : null;
};

/**
 * Wait for `text` in the tab's page, across the reload; the milliseconds from `since` (epoch ms, the file write)
 * until the reloaded page first painted (its first contentful paint: until then the tab still shows the old page).
 * Playwright's own notice comes later (it sets itself up in each new document first), so it is not the measure.
 */
async function visible(page: Page, text: string, since: number, noticedMs: number[]): Promise<number> {
  await page.waitForFunction((t) => document.body?.textContent?.includes(t) === true, text, { timeout: 120_000, polling: 10 });
  const noticed = Date.now();
  noticedMs.push(noticed - since);
  const painted = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0] ?? performance.getEntriesByName("first-paint")[0];
    return paint ? performance.timeOrigin + paint.startTime : undefined;
  });
  return (painted !== undefined && painted >= since ? painted : noticed) - since;
}

async function main(): Promise<void> {
  const cards = Number(option("cards") ?? 1000);
  const edits = Number(option("edits") ?? 5);
  const vault = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-dev-edit-"));
  let child: ChildProcess | undefined;
  let log = "";
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const source = option("vault");
    if (source) fs.cpSync(source, vault, { recursive: true });
    else execFileSync(process.execPath, [path.join(sharedDir(), "tools", "gen-vault.mjs"), vault, "--cards", String(cards)], { stdio: "ignore" });

    // A card with a question: its permalink (front matter) and the first question bullet's line.
    const cardDir = path.join(vault, "卡片");
    let cardFile = "";
    let lines: string[] = [];
    let questionLine = -1;
    for (const name of fs.readdirSync(cardDir).sort()) {
      lines = fs.readFileSync(path.join(cardDir, name), "utf8").split("\n");
      if (!lines.join("\n").includes('"dg-publish":true')) continue; // a draft has no page
      questionLine = lines.findIndex((line) => /^\s*\* \[\[[^\]]*？/.test(line));
      if (questionLine !== -1) {
        cardFile = path.join(cardDir, name);
        break;
      }
    }
    if (!cardFile) throw new Error("no card with a question in the vault");
    const permalink = /"permalink":"([^"]+)"/.exec(lines.join("\n"))?.[1] ?? `/卡片/${path.basename(cardFile, ".md")}/`;
    const question = (/？([^\]|\\]+)/.exec(lines[questionLine] as string)?.[1] ?? "").trim();

    const port = Number(option("port") ?? (await freePort()));
    const started = performance.now();
    child = spawn(process.execPath, [path.join(root, "bin", "wenda.mjs"), "dev", vault, "--port", String(port)], { env: { ...process.env, WENDA_DEBUG: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      log += chunk;
    });
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wenda dev exited:\n${log}`);
      const ok = await fetch(`${base}/`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const startupMs = performance.now() - started;

    const cardTab = await browser.newPage();
    await cardTab.goto(`${base}${encodeURI(permalink)}`);
    const questionHref = await cardTab.evaluate((title) => {
      const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href*="/q/"]')];
      return (links.find((a) => a.textContent?.trim() === title) ?? links.find((a) => a.textContent?.includes(title)))?.href;
    }, question);
    if (!questionHref) throw new Error(`no link to the question ${question} on ${permalink}`);
    const questionTab = await browser.newPage();
    await questionTab.goto(questionHref);

    const card: number[] = [];
    const noticed: number[] = [];
    const answer: number[] = [];
    const indent = /^\s*/.exec(lines[questionLine] as string)?.[0] ?? "";
    for (let i = 0; i < edits; i++) {
      // The card tab: a paragraph appended to the card.
      const tail = `开发编辑${i}号${Date.now().toString(36)}`;
      let since = Date.now();
      fs.appendFileSync(cardFile, `\n\n${tail}\n`);
      card.push(await visible(cardTab, tail, since, noticed));
      // The question tab: a line in the answer under the card's first question.
      const said = `问题页编辑${i}号${Date.now().toString(36)}`;
      const text = fs.readFileSync(cardFile, "utf8").split("\n");
      text.splice(questionLine + 1, 0, `${indent}\t* ${said}`);
      since = Date.now();
      fs.writeFileSync(cardFile, text.join("\n"));
      answer.push(await visible(questionTab, said, since, noticed));
    }
    const updates = [...log.matchAll(/updated \d+ files: \d+ parsed, \d+ rendered in (\d+) ms/g)].map((m) => Number(m[1]));
    const result = {
      bench: "dev-edit",
      cards,
      edits,
      startupMs: Math.round(startupMs),
      cardTabMs: { median: median(card), runs: card.map(Math.round) },
      questionTabMs: { median: median(answer), runs: answer.map(Math.round) },
      playwrightNoticedMs: { median: median(noticed) },
      serverUpdateMs: { median: median(updates), runs: updates },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    // The server's own account (update phases, errors) is what tells a slow update from a broken one.
    process.stderr.write(`dev server log (last 4000 characters):\n${log.slice(-4000)}\n`);
    throw error;
  } finally {
    await browser.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(vault, { recursive: true, force: true });
  }
}

await main();
