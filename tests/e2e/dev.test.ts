/**
 * `wenda dev` live: on a temporary copy of a small vault, an open card tab shows an edit without anyone
 * reloading it, a question page's answers and backlinks follow the card and the notes that link to it, and a
 * deleted note's open tab ends on the 404 page. A built site carries none of the dev script.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { bin, wenda } from "../cli/run.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";
import { launchBrowser, openPage } from "./site.ts";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits (generously: the machine may be busy) until the tab's text has `text`, through any reloads it does. */
async function shows(page: Page, text: string, where = "body"): Promise<void> {
  await page.waitForFunction(([t, selector]) => document.querySelector(selector as string)?.textContent?.includes(t as string) === true, [text, where], { timeout: 120_000, polling: 100 });
}

describe("wenda dev updates open tabs", { timeout: 600_000 }, () => {
  let vault = "";
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let base = "";
  let output = "";
  before(async () => {
    vault = makeVault({
      "卡片/集群.md": "* [[？集群模式]]\n  * 第一版回答 #集群\n",
      "页面/笔记甲.md": "笔记甲提到 [[集群]]。\n",
      "页面/要删除的笔记.md": "# 要删除\n\n这条笔记会在 dev 运行时被删除。\n",
    });
    const port = await freePort();
    child = spawn(process.execPath, [bin, "dev", vault, "--port", String(port)], { cwd: os.tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wenda dev exited ${child.exitCode}:\n${output}`);
      const ok = await fetch(`${base}/`).then((response) => response.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`wenda dev did not answer in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    browser = await launchBrowser();
  });
  const stopDev = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.on("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  after(async () => {
    await browser?.close();
    await stopDev();
    removeVault(vault);
  });

  test("an edit shows in the open card and question tabs by itself; a deleted note's tab ends on 404", async () => {
    const card = await openPage(browser as Browser);
    await card.page.goto(`${base}${encodeURI("/卡片/集群/")}`);
    await shows(card.page, "第一版回答", "article");
    const questionHref = await card.page.locator('aside a[href*="/q/"]').first().getAttribute("href");
    assert.ok(questionHref, "the card links to its question");
    const question = await openPage(browser as Browser);
    await question.page.goto(`${base}${questionHref}`);
    await shows(question.page, "第一版回答", "main");
    // Marks the loaded documents: the test never reloads them itself.
    const loads = { card: 0, question: 0 };
    card.page.on("load", () => void loads.card++);
    question.page.on("load", () => void loads.question++);

    fs.writeFileSync(path.join(vault, "卡片/集群.md"), "* [[？集群模式]]\n  * 第二版回答，改过了 #集群\n");
    await shows(card.page, "第二版回答，改过了", "article");
    await shows(question.page, "第二版回答，改过了", "main");
    // The new text can be visible before the reloaded document's `load` event (it waits for the player's media).
    for (let waited = 0; !(loads.card >= 1 && loads.question >= 1) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(loads.card >= 1 && loads.question >= 1, "both tabs reloaded by themselves");
    assert.ok(!(await card.page.textContent("article"))?.includes("第一版回答"), "the old answer is gone");

    // A note that starts linking to the question: the question tab lists it as a backlink.
    fs.writeFileSync(path.join(vault, "页面/笔记甲.md"), "笔记甲提到 [[集群]]，也问 [[？集群模式]]。\n");
    await shows(question.page, "笔记甲", "aside");

    const doomedUrl = `${base}${encodeURI("/页面/要删除的笔记/")}`;
    const doomed = await openPage(browser as Browser);
    doomed.allowNotFound(doomedUrl);
    await doomed.page.goto(doomedUrl);
    await shows(doomed.page, "这条笔记会在 dev 运行时被删除", "article");
    fs.rmSync(path.join(vault, "页面/要删除的笔记.md"));
    const deadline = Date.now() + 120_000;
    let status = 200;
    while (Date.now() < deadline) {
      status = (await fetch(doomedUrl)).status;
      if (status === 404) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(status, 404, `a deleted note's URL answers 404\n${output.slice(-2000)}`);
    await doomed.page.waitForFunction(() => !document.body.textContent?.includes("这条笔记会在 dev 运行时被删除"), undefined, { timeout: 120_000, polling: 200 });
    assert.match((await doomed.page.textContent("h1")) ?? "", /页面不存在/);
    for (const tab of [card, question, doomed]) await tab.finish();
  });

  test("a built site has no dev script", async () => {
    await stopDev(); // A build waits for the checkout's lock, which the dev server holds.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-dev-built-"));
    try {
      const site = path.join(out, "site");
      const run = wenda(["build", vault, "--out", site]);
      assert.equal(run.code, 0, run.stderr);
      const files = fs.readdirSync(site, { recursive: true, encoding: "utf8" }).filter((f) => /\.(html|js)$/.test(f));
      assert.ok(files.length > 3);
      for (const file of files) assert.ok(!fs.readFileSync(path.join(site, file), "utf8").includes("wenda:changed"), `${file} has the dev script`);
    } finally {
      removeVault(out);
    }
  });
});
