/**
 * A generated vault of 1000 cards (shared/tools/gen-vault.mjs) against the generator's ground truth
 * (`manifest.json`): every count, and each card's timestamps in order. No timing here: speed is a benchmark.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Graph } from "../../src/graph/types.ts";
import { questionKey } from "../../src/graph/question-merge.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { removeVault, } from "../helpers/vault.ts";
import { sharedDir } from "../../scripts/shared-dir.ts";

/** CI clones the repository with `shared/` beside it. */
const generator = path.join(sharedDir(), "tools/gen-vault.mjs");

interface Manifest {
  cards: { file: string; publish: boolean; timestamps: number[]; comments: number; blockIds: string[]; questions: string[] }[];
  questions: number;
  questionPages: number;
  timestamps: number;
  comments: number;
  blockIds: number;
  images: number;
}

describe("a generated vault of 1000 cards", { timeout: 600_000 }, () => {
  let root = "";
  let manifest: Manifest;
  let graph: Graph;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-generated-"));
    execFileSync(process.execPath, [generator, root, "--cards", "1000"], { stdio: "pipe" });
    manifest = JSON.parse(fs.readFileSync(path.join(root, "manifest.json"), "utf8")) as Manifest;
    graph = loadVault(root).graph;
  });
  after(() => removeVault(root));

  test("the generator wrote what its manifest says", () => {
    assert.equal(manifest.cards.length, 1000);
    assert.ok(manifest.questions > 0 && manifest.timestamps > 0 && manifest.comments > 0);
  });

  test("every file is a note; one card per manifest card", () => {
    assert.equal(graph.notes.length, manifest.cards.length + manifest.questionPages);
    assert.equal(graph.notes.filter((note) => note.kind === "card").length, manifest.cards.length);
  });

  test("questions and question pages; near-duplicate spellings merge, and each merge is reported", () => {
    const merges = graph.diagnostics.filter((d) => d.code === "question-merged").length;
    assert.ok(merges > 0, "the generator spells some questions with and without spaces");
    assert.equal(graph.questions.length, manifest.questions - merges);
    assert.equal(graph.questions.filter((question) => question.hasPage).length, manifest.questionPages);
    // No two remaining questions differ only in spaces, case or width, unless both have pages.
    const byKey = new Map<string, number>();
    for (const q of graph.questions) if (!q.hasPage) byKey.set(questionKey(q.title), (byKey.get(questionKey(q.title)) ?? 0) + 1);
    assert.deepEqual([...byKey].filter(([, n]) => n > 1), []);
    // With merging off, every spelling is its own question, as the manifest counts them.
    assert.equal(loadVault(root, { mergeSimilarQuestions: false }).graph.questions.length, manifest.questions);
  });

  test("timestamps, comments, block ids, images", () => {
    assert.equal(graph.timestamps.length, manifest.timestamps);
    assert.equal(graph.comments.length, manifest.comments);
    assert.equal(graph.blocks.length, manifest.blockIds);
    assert.equal(graph.images.length, manifest.images);
  });

  test("each card's timestamps, in order", () => {
    const byCard = new Map<string, number[]>();
    for (const ts of graph.timestamps) {
      const list = byCard.get(ts.card);
      if (list) list.push(ts.start);
      else byCard.set(ts.card, [ts.start]);
    }
    for (const card of manifest.cards) {
      const id = card.file.replace(/\.md$/, "");
      assert.deepEqual(byCard.get(id) ?? [], card.timestamps, id);
    }
  });

  test("each card's block ids and comment count", () => {
    for (const card of manifest.cards) {
      const id = card.file.replace(/\.md$/, "");
      assert.deepEqual(
        graph.blocks.filter((block) => block.note === id).map((block) => block.id),
        card.blockIds,
        id,
      );
      assert.equal(graph.comments.filter((comment) => comment.card === id).length, card.comments, id);
    }
  });

  test("each card asks the questions the manifest lists (up to merged spellings)", () => {
    const keyOf = new Map(graph.questions.map((question) => [question.id, questionKey(question.title)]));
    for (const card of manifest.cards) {
      const id = card.file.replace(/\.md$/, "");
      const note = graph.notes.find((entry) => entry.id === id);
      assert.ok(note, id);
      assert.deepEqual(new Set(note.questions.map((question) => keyOf.get(question))), new Set(card.questions.map((title) => questionKey(title))), id);
    }
  });

  test("publication follows dg-publish", () => {
    for (const card of manifest.cards) {
      const id = card.file.replace(/\.md$/, "");
      assert.equal(graph.notes.find((entry) => entry.id === id)?.published, card.publish, id);
    }
  });

  test("no `{ #id}` or `t=` tag, no error diagnostics", () => {
    const blockIds = new Set(graph.blocks.map((block) => block.id.toLowerCase()));
    for (const tag of graph.tags) {
      assert.ok(!blockIds.has(tag.name.toLowerCase()), tag.name);
      assert.ok(!tag.name.startsWith("t="), tag.name);
    }
    assert.deepEqual(
      graph.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
  });

  test("URLs are unique", () => {
    const urls = [...graph.notes.filter((note) => note.kind !== "question").map((note) => note.url), ...graph.questions.map((q) => q.url)];
    assert.equal(new Set(urls.map((url) => url.toLowerCase())).size, urls.length);
  });
});
