/**
 * Digital Garden fidelity: with `publish: dg`, a note without a permalink gets the URL the DG plugin gives it
 * (its `generateUrlPath` over the garden path, `dg-path`, `dg-permalink`, the plugin's `slugifyEnabled` and path
 * rewrite rules read from `.obsidian/plugins/digitalgarden/data.json`), `dg-home` is `/`, `dg-hide` keeps a note
 * out of navigation. Fixture: tests/vaults/digital-garden (JSON one-line front matter as DG writes it).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { after, test } from "node:test";
import { normalizeConfig, graphOptionsOf } from "../../src/config.ts";
import { digitalGardenPermalink, readDigitalGardenSettings, rewriteRulesOf, slugify } from "../../src/graph/digital-garden.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault, repoRoot } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));
function makeVaultFor(files: Record<string, string>): string {
  const vault = makeVault(files);
  vaults.push(vault);
  return vault;
}

const garden = path.join(repoRoot, "tests/vaults/digital-garden");

test("the fixture garden's URLs are the plugin's", () => {
  const config = normalizeConfig({ publish: "dg" }, garden);
  const { graph } = loadVault(garden, graphOptionsOf(config));
  const urls = Object.fromEntries(graph.notes.filter((n) => n.published).map((n) => [n.path, n.url]));
  // What the plugin writes as `permalink` for each (slugifyEnabled: false in this garden), and `/` for dg-home.
  assert.deepEqual(urls, {
    "笔记/Redis 集群.md": "/笔记/Redis 集群/",
    "笔记/v1.2 发布说明.md": "/笔记/v1.2 发布说明/",
    "笔记/固定链接.md": "/固定/链接/",
    "笔记/自定义路径.md": "/专题/新的路径/",
    "笔记/隐藏.md": "/笔记/隐藏/",
    "花园首页.md": "/",
  });
  assert.equal(graph.notes.find((n) => n.id === "草稿")?.published, false);
  assert.equal(graph.notes.find((n) => n.id === "笔记/隐藏")?.hidden, true);
  assert.equal(graph.notes.find((n) => n.id === "笔记/自定义路径")?.navPath, "专题/新的路径", "the explorer files it under its garden path");
  assert.equal(graph.notes.find((n) => n.id === "笔记/v1.2 发布说明")?.title, "版本 1.2 发布说明");
  const table = graph.links.filter((l) => l.from === "花园首页").map((l) => [l.to, l.resolved]);
  assert.deepEqual(table, [
    ["笔记/Redis 集群", true],
    ["笔记/自定义路径", true],
    ["笔记/固定链接", true],
    ["笔记/v1.2 发布说明", true],
  ]);
});

test("a garden's exported notes: hide and hideInFiletree as the plugin writes them keep a note out of navigation", () => {
  const graph = loadVault(makeVaultFor({ "a.md": '---\n{"dg-publish":true,"hide":true}\n---\nx', "b.md": '---\n{"dg-publish":true,"hideInFiletree":true}\n---\ny', "c.md": "z" })).graph;
  assert.deepEqual(graph.notes.map((n) => [n.id, n.hidden ?? false]), [["a", true], ["b", true], ["c", false]]);
});

test("the plugin's settings are read from the vault; its defaults when absent", () => {
  assert.deepEqual(readDigitalGardenSettings(garden), { slugify: false, rewriteRules: [] });
  assert.deepEqual(readDigitalGardenSettings(path.join(repoRoot, "tests/vaults/logseq")), { slugify: true, rewriteRules: [] });
  assert.deepEqual(rewriteRulesOf("笔记:notes\nno rule here\n旧/:"), [
    { from: "笔记", to: "notes" },
    { from: "旧/", to: "" },
  ]);
});

test("generateUrlPath with slugify (the plugin's default): @sindresorhus/slugify per segment, CJK dropped", () => {
  const on = { slugify: true, rewriteRules: [] };
  assert.equal(digitalGardenPermalink("Custom Folder/My Note.md", {}, on), "/custom-folder/my-note/");
  assert.equal(digitalGardenPermalink("fooBar/Déjà Vu & Co.md", {}, on), "/foo-bar/deja-vu-and-co/");
  assert.equal(digitalGardenPermalink("面试/Redis 集群.md", {}, on), "//redis/", "the plugin's own (broken) URL for Chinese names");
  assert.equal(digitalGardenPermalink("a.b/c.d.md", {}, on), "/a-b/c-d/", "only the last extension goes");
  assert.equal(digitalGardenPermalink("x.md", { "dg-path": "Garden/Path.md" }, on), "/garden/path/");
  assert.equal(digitalGardenPermalink("x.md", { "dg-permalink": "mine" }, on), "/mine/");
  assert.equal(slugify("I'm here: don't"), "i-m-here-dont", "only 's and 't contract");
  assert.equal(slugify("XMLHttpRequest2"), "xml-http-request2");
  const rules = { slugify: false, rewriteRules: rewriteRulesOf("笔记/:") };
  assert.equal(digitalGardenPermalink("笔记/Redis 集群.md", {}, rules), "/Redis 集群/", "rewrite rule with an empty target");
});

test("slugified URLs that lose every segment keep the vault path; collapsed `//` as the garden serves it", () => {
  const config = normalizeConfig({ publish: "dg" }, garden);
  const { graph } = loadVault(garden, { ...graphOptionsOf(config), digitalGarden: { slugify: true, rewriteRules: [] } });
  const urls = Object.fromEntries(graph.notes.filter((n) => n.published).map((n) => [n.path, n.url]));
  assert.equal(urls["笔记/v1.2 发布说明.md"], "/v1-2/");
  assert.equal(urls["笔记/Redis 集群.md"], "/redis/");
  assert.equal(urls["笔记/隐藏.md"], "/笔记/隐藏/", "nothing left: the vault path");
});

test("`wenda graph` reads the vault's config: the same DG URLs as the build", () => {
  const out = execFileSync(process.execPath, [path.join(repoRoot, "bin", "wenda.mjs"), "graph", garden], { encoding: "utf8" });
  const graph = JSON.parse(out) as { notes: { id: string; url: string }[] };
  assert.equal(graph.notes.find((n) => n.id === "笔记/Redis 集群")?.url, "/笔记/Redis 集群/");
});
