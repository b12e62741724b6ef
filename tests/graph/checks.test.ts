/** Aggregated unresolved links and duplicate block ids in one note (issue 7 point 7's diagnostics). */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));
const graphOf = (files: Record<string, string>) => {
  const vault = makeVault(files);
  vaults.push(vault);
  return loadVault(vault).graph;
};

test("5,000 links to one missing note give one diagnostic with a count and the first place", () => {
  const graph = graphOf({
    "洪水/一.md": `开头\n\n${"[[不存在]] ".repeat(3000)}\n`,
    "洪水/二.md": `${"[[不存在]] ".repeat(2000)}[[另一个缺失]]\n`,
  });
  const unresolved = graph.diagnostics.filter((d) => d.code === "link-unresolved");
  assert.equal(unresolved.length, 2);
  const [flood, other] = unresolved;
  assert.deepEqual([flood?.path, flood?.line, flood?.column], ["洪水/一.md", 3, 1]);
  assert.match(flood?.message ?? "", /`\[\[不存在\]\]`.*5000 links in 2 notes, the first here/);
  assert.deepEqual([other?.path, other?.line], ["洪水/二.md", 1]);
  assert.doesNotMatch(other?.message ?? "", /links in/);
  assert.equal(graph.links.length, 5001, "every link is still in the graph");
});

test("a block id repeated in one note: DG, Obsidian and Logseq forms each get one warning naming both lines", () => {
  const graph = graphOf({
    "块/DG.md": "* 一\n{ #dup001}\n* 二\n{ #dup001}\n",
    "块/Obsidian.md": "一 ^abc\n\n二 ^abc\n",
    "块/Logseq.md":
      "- 一\n  id:: 6500aaaa-0000-4000-8000-000000000001\n- 二\n  id:: 6500aaaa-0000-4000-8000-000000000001\n",
    "块/不同笔记.md": "三 ^abc\n",
  });
  const dups = graph.diagnostics.filter((d) => d.code === "block-id-duplicate");
  assert.deepEqual(dups.map((d) => d.path).sort(), ["块/DG.md", "块/Logseq.md", "块/Obsidian.md"]);
  const logseq = dups.find((d) => d.path === "块/Logseq.md");
  assert.equal(logseq?.severity, "warning");
  assert.equal(logseq?.line, 3);
  assert.match(logseq?.message ?? "", /line 3 is already used on line 1/);
  for (const d of dups) assert.match(d.message, /line \d+/);
});
