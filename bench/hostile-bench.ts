/**
 * `npm run bench:hostile [-- --site]`: the hostile notes of `hostile.ts` (generated here, never committed). Prints
 * each note's parse time in this thread (size budget and pre-checks, as `WENDA_WORKERS=0`), the slowest one,
 * the whole hostile vault's load through the watched worker pool (`wenda graph` / `check`), and with `--site`
 * its full build time.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createProcessor } from "../plugins/index.ts";
import { parseNote } from "../src/graph/vault.ts";
import { loadVaultInWorkers } from "../src/site/worker-pool.ts";
import { hostileNotes } from "./hostile.ts";

const notes = hostileNotes();
const processor = createProcessor();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
let slowest = { file: "", ms: 0 };
for (const [file, text] of Object.entries(notes)) {
  const wall = performance.now();
  const cpuStart = cpu();
  const { note } = parseNote(processor, { id: file.slice(0, -3), path: file }, String(text));
  const ms = performance.now() - wall;
  if (ms > slowest.ms) slowest = { file, ms };
  const codes = note.diagnostics.map((d) => d.code).join(",") || "-";
  console.log(`${file.padEnd(16)} ${String(Buffer.byteLength(String(text))).padStart(8)} B  ${String(Math.round(ms)).padStart(6)} ms (cpu ${Math.round(cpu() - cpuStart)} ms)  ${codes}`);
}
console.log(`slowest single hostile note: ${slowest.file} ${Math.round(slowest.ms)} ms`);

const root = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-hostile-"));
try {
  for (const [file, text] of Object.entries(notes)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const started = performance.now();
  const { graph } = await loadVaultInWorkers(root);
  const stopped = graph.diagnostics.filter((d) => d.code === "budget-time").length;
  console.log(`hostile vault through the worker pool: ${graph.notes.length} notes in ${Math.round(performance.now() - started)} ms, ${stopped} stopped by the watchdog`);
  if (process.argv.includes("--site")) {
    const out = path.join(os.tmpdir(), `wenda-hostile-site-${process.pid}`);
    const bin = fileURLToPath(new URL("../bin/wenda.mjs", import.meta.url));
    const built = performance.now();
    const result = spawnSync(process.execPath, [bin, "build", root, "--out", out], { stdio: "inherit" });
    console.log(`hostile vault build: exit ${result.status} in ${Math.round(performance.now() - built)} ms`);
    fs.rmSync(out, { recursive: true, force: true });
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
