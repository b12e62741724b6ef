/**
 * Fuzz (issue 7): a few thousand mutations of real notes (the seed card, every fixture input, gen-vault
 * output) spliced with delimiter runs, brackets, `%%`, `$$`, `{{`, `((`, HTML and control characters. Every note
 * parses or gets a diagnostic, no exception escapes, no C0 control survives reading, and each note stays
 * within the time budget. Bounded: it stops generating after `FUZZ_MS` (default 45 s; on an idle machine
 * that is the 3,000 notes, on a loaded one fewer, at least 200). `npm run fuzz` runs
 * the same loop on many more notes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { mutate, random, seedTexts } from "../../bench/hostile.ts";
import { sharedDir } from "../../scripts/shared-dir.ts";
import { createProcessor } from "../../plugins/index.ts";
import { defaultBudget } from "../../src/graph/budget.ts";
import { decodeSource } from "../../src/graph/source.ts";
import { parseNote } from "../../src/graph/vault.ts";

const notes = Number(process.env.FUZZ_NOTES ?? 3000);
const budgetMs = Number(process.env.FUZZ_MS ?? 45_000);

test(`fuzz: up to ${notes} mutated notes parse, each within budget, nothing escapes`, { timeout: 120_000 }, () => {
  let shared: string | undefined;
  try {
    shared = sharedDir();
  } catch {
    shared = undefined;
  }
  const seeds = seedTexts(shared);
  assert.ok(seeds.length > 20, `${seeds.length} seed texts`);
  const processor = createProcessor();
  const next = random(20_261_202);
  const started = performance.now();
  let done = 0;
  let slowest = { ms: 0, index: -1 };
  for (let i = 0; i < notes && performance.now() - started < budgetMs; i++) {
    const text = mutate(seeds[Math.floor(next() * seeds.length)] as string, next);
    const path = `模糊/${i}.md`;
    const begun = performance.now();
    const { note, tree } = parseNote(processor, { id: path.slice(0, -3), path }, decodeSource(Buffer.from(text), path));
    const ms = performance.now() - begun;
    if (ms > slowest.ms) slowest = { ms, index: i };
    assert.equal(note.path, path);
    for (const d of note.diagnostics) {
      assert.equal(d.path, path);
      assert.ok(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1, JSON.stringify(d));
      assert.match(d.code, /^[a-z]+(?:-[a-z]+)*$/);
    }
    // Parses, or gets a diagnostic: text with an empty tree went into page properties or must say why (`{ #x}`
    // alone: an orphan block id).
    const kept = tree.children.length > 0 || Object.keys(note.properties).length > 0 || note.diagnostics.length > 0;
    if (text.trim()) assert.ok(kept, `note ${i} lost its text: ${JSON.stringify(text.slice(0, 200))}`);
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(JSON.stringify(tree).replace(/\\u00[01][0-9a-f]/gi, (m) => String.fromCharCode(Number.parseInt(m.slice(2), 16)))), `note ${i}: a control character in the tree`);
    assert.ok(ms < defaultBudget.noteMs, `note ${i}: ${Math.round(ms)} ms`);
    done += 1;
  }
  assert.ok(done >= Math.min(notes, 200), `only ${done} notes in ${budgetMs} ms`);
  console.log(`fuzz: ${done} notes in ${Math.round(performance.now() - started)} ms, slowest #${slowest.index} ${Math.round(slowest.ms)} ms`);
});
