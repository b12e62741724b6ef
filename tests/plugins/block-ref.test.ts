/** Logseq block references (DIALECT §8): `((uuid))` and `{{embed ((uuid))}}`, never inside code. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import type { BlockRef } from "../../plugins/types.d.ts";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("block-ref");

function refs(source: string): BlockRef[] {
  const found: BlockRef[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "blockRef") found.push(node as BlockRef);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source, "note.md").tree);
  return found;
}

test("an inline reference becomes a blockRef node with the lower-cased id, text around it kept", () => {
  const found = refs("- 普通集群里 ((6571A2B3-1c2d-4e5f-8a9b-0c1d2e3f4a5b))；镜像集群\n");
  assert.deepEqual(
    found.map((ref) => [ref.value, ref.embed ?? false]),
    [["6571a2b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b", false]],
  );
});

test("`{{embed ((uuid))}}` is an embed", () => {
  const found = refs("- {{embed ((6571a2b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b))}}\n");
  assert.equal(found.length, 1);
  assert.equal(found[0]?.embed, true);
});

test("code spans, fences and non-uuid parentheses are left alone", () => {
  assert.deepEqual(refs("`((6571a2b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b))`\n\n```\n((6571a2b3-1c2d-4e5f-8a9b-0c1d2e3f4a5b))\n```\n"), []);
  assert.deepEqual(refs("((abc)) ((数学)) （（全角））\n"), []);
});
