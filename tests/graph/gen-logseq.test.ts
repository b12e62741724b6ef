/** The benchmark's Logseq graph generator writes what it claims: a Logseq graph with deep outlines, refs that resolve. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import type { List, ListItem, Nodes } from "mdast";
import { generateLogseqGraph } from "../../bench/gen-logseq.ts";
import { listVault, loadVault } from "../../src/graph/vault.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-gen-logseq-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a generated graph of 40 pages: Logseq pages, 15-level outlines, every block ref resolves", () => {
  const stats = generateLogseqGraph(path.join(dir, "g"), 40);
  const files = listVault(path.join(dir, "g"));
  assert.equal(files.length, 40);
  assert.ok(files.every((file) => file.logseq === true));
  assert.ok(files.some((file) => file.path.includes("___")) && files.some((file) => file.path.includes("%2F")));
  const { graph, trees } = loadVault(path.join(dir, "g"), { keepTrees: true });
  const ids = new Set(graph.blocks.map((block) => block.id));
  assert.ok(stats.refs > 0);
  const sources = files.map((file) => fs.readFileSync(file.absolute, "utf8")).join("\n");
  for (const [, id] of sources.matchAll(/\(\(([0-9a-f-]{36})\)\)/g)) assert.ok(ids.has(id as string), id);
  const depth = (node: Nodes): number =>
    node.type === "list" ? 1 + Math.max(0, ...(node as List).children.map((item: ListItem) => Math.max(0, ...item.children.map(depth)))) : "children" in node ? Math.max(0, ...(node.children as Nodes[]).map(depth)) : 0;
  assert.equal(Math.max(...[...trees.values()].map(depth)), 15);
  // The only code in the graph is its java fences: outline indentation never made any.
  const langs = new Set<string>();
  const walk = (node: Nodes) => {
    if (node.type === "code") langs.add(node.lang ?? "none");
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
  };
  for (const tree of trees.values()) walk(tree);
  assert.deepEqual([...langs], ["java"]);
});
