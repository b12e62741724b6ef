/**
 * The large fuzz run: `npm run fuzz -- --notes 100000 [--seed 7]`. The loop of tests/graph/fuzz.test.ts, unbounded
 * in time: mutated notes through `parseNote` in this thread; prints the count, any failure, and the slowest
 * notes (written to `--out` folder, default the temp dir, so a slow shape can be replayed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createProcessor } from "../plugins/index.ts";
import { sharedDir } from "../scripts/shared-dir.ts";
import { decodeSource } from "../src/graph/source.ts";
import { parseNote } from "../src/graph/vault.ts";
import { mutate, random, seedTexts } from "./hostile.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const notes = Number(option("notes", "10000"));
const seed = Number(option("seed", "7"));
const out = option("out", fs.mkdtempSync(path.join(os.tmpdir(), "wenda-fuzz-")));

let shared: string | undefined;
try {
  shared = sharedDir();
} catch {
  shared = undefined;
}
const seeds = seedTexts(shared);
const processor = createProcessor();
const next = random(seed);
const slowest: { ms: number; text: string; index: number }[] = [];
let failures = 0;
const started = performance.now();
for (let i = 0; i < notes; i++) {
  const text = mutate(seeds[Math.floor(next() * seeds.length)] as string, next);
  const file = `模糊/${i}.md`;
  const begun = performance.now();
  try {
    parseNote(processor, { id: file.slice(0, -3), path: file }, decodeSource(Buffer.from(text), file));
  } catch (error) {
    failures += 1;
    fs.writeFileSync(path.join(out, `failure-${i}.md`), text);
    console.error(`note ${i}: ${error instanceof Error ? error.stack : String(error)}`);
  }
  const ms = performance.now() - begun;
  slowest.push({ ms, text, index: i });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
  if ((i + 1) % 1000 === 0) console.error(`${i + 1}/${notes} notes, ${Math.round(performance.now() - started)} ms`);
}
for (const s of slowest) fs.writeFileSync(path.join(out, `slow-${s.index}.md`), s.text);
console.log(`fuzz: ${notes} notes in ${Math.round(performance.now() - started)} ms, ${failures} failures`);
console.log(`slowest: ${slowest.map((s) => `#${s.index} ${Math.round(s.ms)} ms (${s.text.length} chars)`).join(", ")}; written to ${out}`);
process.exitCode = failures > 0 ? 1 : 0;
