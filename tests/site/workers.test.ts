/**
 * Worker threads and the main thread render alike (README "How a build runs": `WENDA_WORKERS=0` gives the same
 * output). Links are resolved in both against the resolver snapshot the graph was built with, so every page's
 * HTML, every answer cut from a card and the media copied must be identical.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { assembleSiteModel, buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { parseAndRenderInWorkers } from "../../src/site/parallel.ts";
import { repoRoot } from "../helpers/vault.ts";

/** What the pages show of each note and question, and the files copied, in a stable order. */
function pages(model: SiteModel) {
  return {
    notes: model.notes.map((note) => [note.id, note.html]).sort(),
    questions: model.questions.map((q) => [q.id, q.ownHtml ?? "", ...q.answers.map((a) => a.html)]).sort(),
    media: model.media.map((copy) => `${copy.from} → ${copy.to}`).sort(),
  };
}

for (const vault of ["content", "tests/vaults/obsidian"]) {
  test(`${vault}: worker threads and the main thread give the same HTML`, async () => {
    const root = path.join(repoRoot, vault);
    const config = await loadConfig(root);
    const inProcess = loadVault(root, {
      keepTrees: true,
      questionPrefix: config.questionPrefix,
      publish: config.publish,
    });
    const here = buildSiteModel(inProcess.graph, inProcess.trees, config, root);
    const threaded = await parseAndRenderInWorkers(root, config, { workers: 2 });
    const there = assembleSiteModel(threaded.graph, threaded.rendered, config, root, threaded.copies);
    assert.deepEqual(threaded.graph, inProcess.graph);
    assert.ok(here.notes.length > 3 && here.notes.every((note) => note.html.length > 0), "every note rendered");
    assert.deepEqual(pages(there), pages(here));
  });
}
