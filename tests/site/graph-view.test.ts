/**
 * The graph view's data (nodes, edges, each page's neighbourhood) and its layout: deterministic, finite, inside
 * its extent, and linked nodes closer than unlinked ones.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { graphJsonOf, layoutGraph, localLimits } from "../../src/site/graph-view.ts";
import { cachedLayout } from "../../src/site/layout-cache.ts";
import { buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

function model(files: Record<string, string>): SiteModel {
  const vault = makeVault(files);
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  return buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
}

const published = "---\ndg-publish: true\n---\n";
const vault = {
  "卡片/消息队列.md": `${published}- 卡片\n  - [[？ 消息队列 的 高可用]]\n    - [[？ Kafka 的 高可用]]\n      - 靠副本 #Kafka/副本\n`,
  "笔记/总结.md": `${published}读 [[消息队列]] 之前先看 #消息队列\n`,
  "笔记/草稿.md": "---\ndg-publish: false\n---\n[[消息队列]] #秘密\n",
};

test("nodes: published questions, cards, pages and used tags, each once; unpublished notes and their tags stay out", () => {
  const { graph } = model(vault);
  const titles = graph.nodes.map((node) => `${node.kind}:${node.title}`).sort();
  assert.deepEqual(titles, [
    "card:消息队列",
    "page:总结",
    "question:？Kafka 的 高可用",
    "question:？消息队列 的 高可用",
    "tag:#Kafka",
    "tag:#Kafka/副本",
    "tag:#消息队列",
  ].sort());
  assert.ok(!graph.nodes.some((node) => node.title.includes("草稿") || node.title.includes("秘密")));
  assert.equal(new Set(graph.nodes.map((node) => node.url)).size, graph.nodes.length, "one node per URL");
});

test("edges: question → sub-question, card → question, page → tag, tag → parent tag, note → linked note", () => {
  const { graph } = model(vault);
  const name = (i: number) => graph.nodes[i]?.title ?? "?";
  const edges = new Set(graph.edges.map(([a, b]) => [name(a), name(b)].sort().join(" — ")));
  for (const [a, b] of [
    ["？消息队列 的 高可用", "？Kafka 的 高可用"],
    ["消息队列", "？消息队列 的 高可用"],
    ["消息队列", "#Kafka/副本"],
    ["#Kafka/副本", "#Kafka"],
    ["总结", "消息队列"],
    ["总结", "#消息队列"],
  ]) assert.ok(edges.has([a, b].sort().join(" — ")), `${a} — ${b} in ${[...edges].join(", ")}`);
  assert.equal(edges.size, graph.edges.length, "no edge twice");
});

test("local graph: a card's neighbours and theirs, as links, within the limits", () => {
  const m = model(vault);
  const card = m.notes.find((note) => note.title === "消息队列");
  assert.ok(card);
  const first = card.neighbours.map((node) => node.title);
  assert.deepEqual(first, ["？消息队列 的 高可用", "？Kafka 的 高可用", "总结", "#Kafka/副本"], "questions first, then pages, then tags");
  assert.ok(card.neighbours.every((node) => node.url.startsWith("/")));
  // Depth 2: the page that links the card sees the card's questions through it, each node once.
  const summary = m.notes.find((note) => note.title === "总结");
  const viaCard = summary?.neighbours.find((node) => node.title === "消息队列");
  assert.deepEqual(viaCard?.children?.map((node) => node.title), ["？消息队列 的 高可用", "？Kafka 的 高可用", "#Kafka/副本"]);
  assert.equal(summary?.neighbours.find((node) => node.kind === "tag")?.children, undefined, "no depth 2 through a tag");
  const page = m.questions.find((q) => q.title === "？Kafka 的 高可用");
  assert.ok(page?.neighbours.some((node) => node.title === "？消息队列 的 高可用"));
  // A hub: a tag on many cards is listed, the neighbourhood stays bounded.
  const many: Record<string, string> = {};
  for (let i = 0; i < 80; i++) many[`卡片/c${i}.md`] = `${published}- [[？ 问题${i}]] #共同\n  - [[？ 子问题${i}]]\n`;
  const big = model(many);
  for (const page of [...big.notes, ...big.questions]) {
    const count = page.neighbours.reduce((sum, node) => sum + 1 + (node.children?.length ?? 0), 0);
    assert.ok(page.neighbours.length <= localLimits.first && count <= localLimits.total, `${page.title}: ${count}`);
  }
});

test("layout: deterministic, finite, inside the extent; linked nodes end nearer than unlinked ones", () => {
  // Two rings of 30 joined by one edge, and a lone node.
  const edges: [number, number][] = [];
  for (let i = 0; i < 30; i++) edges.push([i, (i + 1) % 30], [30 + i, 30 + ((i + 1) % 30)]);
  edges.push([0, 30]);
  const a = layoutGraph(61, edges, { extent: 1000 });
  const b = layoutGraph(61, edges, { extent: 1000 });
  assert.deepEqual([...a], [...b], "same input, same positions");
  assert.ok([...a].every((v) => Number.isInteger(v) && v >= 0 && v <= 1000), "integers in [0, 1000]");
  assert.ok(Math.max(...a) === 1000, "fills the extent on its longer side");
  const d = (i: number, j: number) => Math.hypot((a[i * 2] as number) - (a[j * 2] as number), (a[i * 2 + 1] as number) - (a[j * 2 + 1] as number));
  let linked = 0;
  for (const [i, j] of edges) linked += d(i, j);
  let unlinked = 0;
  for (let i = 0; i < 30; i++) unlinked += d(i, 30 + ((i + 15) % 30));
  assert.ok(linked / edges.length < unlinked / 30, `linked ${linked / edges.length} < unlinked ${unlinked / 30}`);
});

test("layout: degenerate graphs (none, one, all nodes unlinked, a self-contained star) give finite positions", () => {
  assert.equal(layoutGraph(0, []).length, 0);
  assert.deepEqual([...layoutGraph(1, [])], [0, 0]);
  const loose = layoutGraph(50, []);
  assert.ok([...loose].every(Number.isFinite));
  assert.equal(new Set(Array.from({ length: 50 }, (_, i) => `${loose[i * 2]},${loose[i * 2 + 1]}`)).size, 50, "no two on one spot");
  const star = layoutGraph(200, Array.from({ length: 199 }, (_, i) => [0, i + 1] as [number, number]));
  assert.ok([...star].every((v) => Number.isFinite(v) && v >= 0 && v <= 10_000));
});

test("graph.json packs every node with its position, kind and URL, and every edge", () => {
  const { graph } = model(vault);
  const json = graphJsonOf(graph);
  assert.equal(json.nodes.length, graph.nodes.length);
  assert.equal(json.edges.length, graph.edges.length * 2);
  for (const [i, [x, y, kind, title, url]] of json.nodes.entries()) {
    assert.ok(Number.isInteger(x) && Number.isInteger(y));
    assert.equal(json.kinds[kind], graph.nodes[i]?.kind);
    assert.equal(title, graph.nodes[i]?.title);
    assert.equal(url, graph.nodes[i]?.url);
  }
});

test("the layout kept in the build cache is the layout laid out again; a damaged entry is laid out again", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-layout-"));
  const saved = { cache: process.env.WENDA_CACHE_DIR, page: process.env.WENDA_PAGE_CACHE };
  process.env.WENDA_CACHE_DIR = dir;
  process.env.WENDA_PAGE_CACHE = "1";
  try {
    const edges: [number, number][] = Array.from({ length: 60 }, (_, i) => [i % 40, (i * 7 + 3) % 40]);
    const fresh = layoutGraph(40, edges);
    assert.deepEqual(cachedLayout(40, edges), fresh, "first: laid out, and kept");
    assert.ok(fs.existsSync(path.join(dir, "graph-layout.bin")));
    assert.deepEqual(cachedLayout(40, edges), fresh, "then: read back");
    assert.notDeepEqual(cachedLayout(40, edges.slice(1)), fresh, "other edges: laid out again");
    fs.writeFileSync(path.join(dir, "graph-layout.bin"), "damaged");
    assert.deepEqual(cachedLayout(40, edges), fresh, "a damaged entry: laid out again");
  } finally {
    for (const [name, value] of [["WENDA_CACHE_DIR", saved.cache], ["WENDA_PAGE_CACHE", saved.page]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
