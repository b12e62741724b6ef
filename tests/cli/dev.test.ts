/**
 * `wenda dev`: Vite's `fs.strict` on (only the package, the vault and the media folder are served), a deleted
 * note's URL goes from its page to 404 without a 500 in between, SIGTERM/SIGINT stop the `astro dev` child, and
 * a build after a dev server ran in the same checkout puts none of Astro's internals in the site.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Graph } from "../../src/graph/types.ts";
import { makeVault, removeVault, repoRoot } from "../helpers/vault.ts";
import { bin, wenda } from "./run.ts";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Every live process below `pid` (from /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
}

async function status(url: string): Promise<number> {
  const response = await fetch(url, { redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

interface Dev {
  child: ChildProcess;
  base: string;
  log: () => string;
}

/** Start `wenda dev` and wait until its home page answers 200. */
async function startDev(vault: string): Promise<Dev> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "dev", vault, "--port", String(port)], { cwd: os.tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wenda dev exited ${child.exitCode}:\n${output}`);
    try {
      if ((await status(`${base}/`)) === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`wenda dev did not answer in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { child, base, log: () => output };
}

/** Send `signal` to wenda and wait for it and every process it started to be gone. */
async function stop(dev: Dev, signal: NodeJS.Signals): Promise<{ code: number | null; left: number[] }> {
  const tree = descendants(dev.child.pid as number);
  assert.ok(tree.length >= 1, "wenda dev runs astro in a child process");
  const exited = new Promise<number | null>((resolve) => dev.child.on("exit", (code) => resolve(code)));
  dev.child.kill(signal);
  const code = await exited;
  const deadline = Date.now() + 15_000;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  return { code, left: tree.filter(alive) };
}

/** After a failed assertion: stop a server that is still running (and, by pid, anything it left). */
async function kill(dev: Dev): Promise<void> {
  if (dev.child.exitCode !== null || dev.child.signalCode !== null) return;
  const tree = descendants(dev.child.pid as number);
  dev.child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const pid of [dev.child.pid as number, ...tree]) if (alive(pid)) process.kill(pid, "SIGKILL");
}

describe("wenda dev", { timeout: 600_000 }, () => {
  let vault = "";
  let outside = "";
  const started: Dev[] = [];
  before(() => {
    vault = makeVault({
      "卡片/集群.md": "* [[？ 集群模式]]\n  * 回答 #集群\n",
      "页面/要删除的笔记.md": "# 要删除\n\n这条笔记会在 dev 运行时被删除。\n",
      "页面/留下.md": "留下的笔记 [[要删除的笔记]]\n",
    });
    outside = makeVault({ "秘密.txt": "不应被读到" }, "wenda-outside-");
  });
  after(async () => {
    for (const dev of started) await kill(dev);
    removeVault(vault);
    removeVault(outside);
  });

  test("serves only the package, the vault and the media folder; a deleted note answers 404, never 500; SIGTERM stops astro", async (t) => {
    const graph = JSON.parse(wenda(["graph", vault]).stdout) as Graph;
    const doomed = graph.notes.find((n) => n.id === "页面/要删除的笔记");
    const kept = graph.notes.find((n) => n.id === "页面/留下");
    assert.ok(doomed && kept);
    const dev = await startDev(vault);
    started.push(dev);
    t.after(() => kill(dev));

    for (const file of ["/etc/passwd", path.join(outside, "秘密.txt")]) {
      const code = await status(`${dev.base}/@fs${encodeURI(file)}`);
      assert.ok(code === 403 || code === 404, `/@fs${file} answered ${code}`);
    }
    assert.equal(await status(`${dev.base}/@fs${encodeURI(path.join(repoRoot, "package.json"))}`), 200, "the package is served");

    const url = `${dev.base}${encodeURI(doomed.url)}`;
    assert.equal(await status(url), 200);
    assert.equal(await status(`${dev.base}${encodeURI(kept.url)}`), 200);
    fs.rmSync(path.join(vault, "页面/要删除的笔记.md"));
    const seen: number[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      seen.push(await status(url));
      if (seen.at(-1) === 404 && seen.filter((s) => s === 404).length >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(!seen.includes(500), `statuses after the delete: ${seen.join(" ")}\n${dev.log()}`);
    assert.equal(seen.at(-1), 404, `statuses after the delete: ${seen.join(" ")}`);
    assert.ok(seen.every((s) => s === 200 || s === 404), seen.join(" "));
    assert.equal(await status(`${dev.base}${encodeURI(kept.url)}`), 200, "the other notes still render");

    const { left } = await stop(dev, "SIGTERM");
    assert.deepEqual(left, [], "no process of wenda dev is left after SIGTERM");
  });

  test("SIGINT and even SIGKILL stop astro too; a build afterwards, from the checkout, has none of Astro's internals", async (t) => {
    const dev = await startDev(vault);
    started.push(dev);
    t.after(() => kill(dev));
    const { left } = await stop(dev, "SIGINT");
    assert.deepEqual(left, [], "no process of wenda dev is left after SIGINT");
    // SIGKILL cannot be passed on: the child notices it lost its parent and stops by itself.
    const killed = await startDev(vault);
    started.push(killed);
    t.after(() => kill(killed));
    const orphaned = await stop(killed, "SIGKILL");
    assert.deepEqual(orphaned.left, [], "no process of wenda dev is left after SIGKILL");
    // The dev server left its data store (this vault's entries and local paths) in the checkout's .astro/.
    assert.ok(fs.existsSync(path.join(repoRoot, ".astro", "data-store.json")));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-after-dev-"));
    try {
      const site = path.join(out, "site");
      const run = wenda(["build", vault, "--out", site]);
      assert.equal(run.code, 0, run.stderr);
      const files = fs.readdirSync(site, { recursive: true, encoding: "utf8" });
      for (const internal of ["data-store.json", "settings.json", "content-assets.mjs", "content-modules.mjs", "types.d.ts"]) {
        assert.ok(!files.some((f) => path.basename(f) === internal), `${internal} in the site`);
      }
      assert.deepEqual(files.filter((f) => f.endsWith(".mjs")), []);
      assert.ok(fs.existsSync(path.join(repoRoot, ".astro")), "the checkout's .astro/ is left where it was");
    } finally {
      removeVault(out);
    }
  });
});
