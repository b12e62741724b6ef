/**
 * A 1000-card generated vault builds into a complete site: a page for every published card, every question a
 * published card asks and every tag a published note uses, counted against the generator's manifest.json, and
 * no `file:` or `javascript:` URL anywhere. (Its speed is measured by `npm run bench -- --site`, not here.)
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { sharedDir } from "../../scripts/shared-dir.ts";
import { questionKey } from "../../src/graph/question-merge.ts";
import type { Graph } from "../../src/graph/types.ts";
import { repoRoot } from "../helpers/vault.ts";

interface Manifest {
  cards: { file: string; publish: boolean; questions: string[] }[];
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-generated-site-"));
const vault = path.join(work, "vault");
const out = path.join(work, "site");
const wenda = path.join(repoRoot, "bin", "wenda.mjs");
let manifest: Manifest;
let graph: Graph;

before(() => {
  execFileSync(process.execPath, [path.join(sharedDir(), "tools", "gen-vault.mjs"), vault, "--cards", "1000"], { stdio: "ignore" });
  manifest = JSON.parse(fs.readFileSync(path.join(vault, "manifest.json"), "utf8")) as Manifest;
  const build = spawnSync(process.execPath, [wenda, "build", vault, "--out", out], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(build.status, 0, `wenda build failed:\n${build.stderr.slice(-3000)}`);
  graph = JSON.parse(execFileSync(process.execPath, [wenda, "graph", vault], { encoding: "utf8", maxBuffer: 256 << 20 })) as Graph;
}, { timeout: 600_000 });

after(() => fs.rmSync(work, { recursive: true, force: true }));

const pageAt = (url: string) => path.join(out, ...url.split("/").filter(Boolean), "index.html");

test("every published card has its page, at its permalink; unpublished cards have none", () => {
  const published = manifest.cards.filter((card) => card.publish);
  assert.ok(published.length > 900 && published.length < 1000, `the generator unpublishes a few cards (${published.length})`);
  for (const card of manifest.cards) {
    const note = graph.notes.find((n) => n.path === card.file);
    assert.ok(note, `${card.file} is in the graph`);
    assert.equal(fs.existsSync(pageAt(note.url)), card.publish, `${card.file}: page ${card.publish ? "present" : "absent"}`);
  }
  assert.equal(fs.readdirSync(path.join(out, "卡片")).length, published.length);
});

test("every question a published card asks, or with a published page of its own, has its page; no other", () => {
  // Spellings that differ only in spaces, case or width are one question (two pages stay two, with a warning).
  const asked = new Set(manifest.cards.filter((card) => card.publish).flatMap((card) => card.questions.map((q) => questionKey(q))));
  const all = new Set(manifest.cards.flatMap((card) => card.questions.map((q) => questionKey(q))));
  const apart = graph.diagnostics.filter((d) => d.code === "question-near-duplicate").length;
  assert.equal(graph.questions.length, all.size + apart);
  // Question pages carry no front matter in the generated vault, so each one that exists is published.
  const shown = graph.questions.filter((question) => asked.has(questionKey(question.title)) || question.hasPage);
  for (const question of graph.questions) {
    assert.equal(fs.existsSync(pageAt(question.url)), shown.includes(question), `${question.title} at ${question.url}`);
  }
  assert.equal(fs.readdirSync(path.join(out, "q")).length, shown.length);
});

test("every tag a published note uses has its page, nested tags under their prefix", () => {
  const published = new Set(graph.notes.filter((note) => note.published).map((note) => note.id));
  const visible = graph.tags.filter((tag) => tag.notes.some((id) => published.has(id)));
  assert.ok(visible.length > 100, `${visible.length} tags`);
  for (const tag of visible) assert.ok(fs.existsSync(pageAt(tag.url)), `tag page for #${tag.name} at ${tag.url}`);
});

test("no file: or javascript: URL in any page", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html") && /(?:href|src)\s*=\s*["']?\s*(?:file|javascript):/i.test(fs.readFileSync(full, "utf8"))) {
        offenders.push(path.relative(out, full));
      }
    }
  };
  walk(out);
  assert.deepEqual(offenders, []);
});
