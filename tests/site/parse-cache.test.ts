/**
 * The parse cache (src/site/parse-cache.ts): a note is parsed again exactly when something its parse reads has
 * changed — its text, wenda's code version, a parse option from the config — and read from the cache otherwise
 * (its render likewise, with the site's links);
 * a corrupt entry is a reparse, never a crash; what comes out of the cache builds the same graph and HTML as a
 * parse; entries no note uses any more are pruned.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { loadConfig, type WendaConfig } from "../../src/config.ts";
import { codeVersion } from "../../src/site/parse-cache.ts";
import { type ParallelResult, parseAndRenderInWorkers } from "../../src/site/parallel.ts";
import { repoRoot } from "../helpers/vault.ts";

let scratch = "";
let vault = "";
let cache = "";
let config: WendaConfig;
let notes = 0;
const saved = { dir: process.env.WENDA_CACHE_DIR, version: process.env.WENDA_CODE_VERSION };

before(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-parse-cache-"));
  vault = path.join(scratch, "vault");
  cache = path.join(scratch, "cache");
  fs.cpSync(path.join(repoRoot, "content"), vault, { recursive: true });
  config = await loadConfig(vault);
  notes = fs.readdirSync(vault, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md")).length;
  process.env.WENDA_CACHE_DIR = cache;
  process.env.WENDA_CODE_VERSION = "test-1";
});
after(() => {
  for (const [name, value] of [["WENDA_CACHE_DIR", saved.dir], ["WENDA_CODE_VERSION", saved.version]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

const build = (options: Partial<WendaConfig> = {}) => parseAndRenderInWorkers(vault, { ...config, ...options }, { workers: 2 });
/** What a build gives, in a comparable form (the rendered notes' HTML, answers and fragments). */
const output = (result: ParallelResult) => ({
  graph: result.graph,
  rendered: [...result.rendered].map(([id, note]) => [id, note.html, [...note.answers], note.embeds, [...note.fragments]]).sort(),
  copies: result.copies.map((copy) => `${copy.from} ${copy.to}`).sort(),
});
const entries = () => fs.readdirSync(path.join(cache, "parse"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".bin"));

let published = 0;

test("the first build parses and renders every note and fills the cache; the next parses and renders none, and gives the same", async () => {
  const first = await build();
  published = first.rendered.size;
  assert.equal(first.parsed, notes);
  assert.equal(first.renders, published);
  assert.equal(entries().length, notes + published);
  const second = await build();
  assert.equal(second.parsed, 0);
  assert.equal(second.renders, 0);
  assert.equal(second.cached, notes);
  delete process.env.WENDA_CACHE_DIR;
  const uncached = await build();
  process.env.WENDA_CACHE_DIR = cache;
  assert.deepEqual(output(second), output(uncached));
});

test("an edited note, and only it, is parsed again; its old entry is pruned", async () => {
  const card = path.join(vault, "卡片", "redis的过期策略1.mp4.md");
  fs.appendFileSync(card, "\n* 新增的一行 #缓存\n");
  const result = await build();
  assert.equal(result.parsed, 1);
  assert.ok(result.renders >= 1);
  assert.equal(entries().length, notes + published);
  assert.ok(result.rendered.get("卡片/redis的过期策略1.mp4")?.html.includes("新增的一行"));
});

test("a new wenda code version parses everything again", async () => {
  process.env.WENDA_CODE_VERSION = "test-2";
  assert.equal((await build()).parsed, notes);
  assert.equal((await build()).parsed, 0);
});

test("a parse option from the config (question prefix, budget) parses everything again", async () => {
  assert.equal((await build({ questionPrefix: "问：" })).parsed, notes);
  assert.equal((await build({ questionPrefix: "问：" })).parsed, 0);
  assert.equal((await build({ budget: { ...config.budget, noteBytes: 123_456 } })).parsed, notes);
  assert.equal((await build()).parsed, notes);
});

test("corrupt and truncated entries are parsed again, without an error", async () => {
  const files = entries().map((name) => path.join(cache, "parse", name));
  fs.writeFileSync(files[0] as string, "not a cache entry");
  const bytes = fs.readFileSync(files[1] as string);
  fs.writeFileSync(files[1] as string, bytes.subarray(0, bytes.length >> 1));
  const flipped = fs.readFileSync(files[2] as string);
  flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0xff;
  fs.writeFileSync(files[2] as string, flipped);
  fs.writeFileSync(files[3] as string, "");
  const result = await build();
  // Each broken entry is one parse or one render again (a parse's render entry is keyed by the same text).
  assert.equal(result.parsed + result.renders, 4);
  const again = await build();
  assert.equal(again.parsed + again.renders, 0);
  delete process.env.WENDA_CACHE_DIR;
  const uncached = await build();
  process.env.WENDA_CACHE_DIR = cache;
  assert.deepEqual(output(result), output(uncached));
});

test("without a cache folder nothing is cached", async () => {
  delete process.env.WENDA_CACHE_DIR;
  const before = entries().sort();
  assert.equal((await build()).parsed, notes);
  process.env.WENDA_CACHE_DIR = cache;
  assert.deepEqual(entries().sort(), before);
});

test("wenda's code version is its package version and a hash of its files", () => {
  const saved = process.env.WENDA_CODE_VERSION;
  delete process.env.WENDA_CODE_VERSION;
  const version = codeVersion();
  process.env.WENDA_CODE_VERSION = saved;
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  assert.match(version, new RegExp(`^${pkg.version.replace(/\./g, "\\.")}\\+[0-9a-f]{16}$`));
});
