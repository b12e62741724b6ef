/**
 * One measured phase, run by bench.ts in a fresh process so its peak RSS is its own:
 *
 *   node --import tsx bench/phase.ts floor|graph <vault dir>
 *
 * Prints one line `BENCH_PHASE {json}` (a PhaseResult). Modules are imported before the clock starts, and only
 * the ones the phase needs, so the floor never loads wenda's plugins.
 */
import fs from "node:fs";
import type { Root } from "mdast";
import { listMarkdown, totalBytes } from "./files.ts";
import { type PhaseResult, phaseMarker } from "./protocol.ts";

/** User + system CPU time of this process (all its threads, GC included) since `start`, ms. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function floor(dir: string): Promise<PhaseResult> {
  const { unified } = await import("unified");
  const { default: remarkParse } = await import("remark-parse");
  const baseRssKB = process.memoryUsage().rss / 1024;
  const readStart = performance.now();
  const files = listMarkdown(dir);
  const texts = files.map((file) => fs.readFileSync(file, "utf8"));
  const readMs = performance.now() - readStart;
  const processor = unified().use(remarkParse);
  let nodes = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const text of texts) nodes += (processor.runSync(processor.parse(text)) as Root).children.length;
  const wallMs = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  return {
    phase: "floor",
    files: files.length,
    bytes: totalBytes(files),
    wallMs,
    cpuMs,
    readMs,
    maxRssKB: process.resourceUsage().maxRSS,
    baseRssKB,
    counts: { topLevelNodes: nodes },
  };
}

async function graph(dir: string): Promise<PhaseResult> {
  const { loadVault, listVault } = await import("../src/graph/vault.ts");
  const baseRssKB = process.memoryUsage().rss / 1024;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const loaded = loadVault(dir);
  const wallMs = performance.now() - start;
  const cpuMs = cpuSince(cpu);
  const maxRssKB = process.resourceUsage().maxRSS;
  const files = listVault(dir).map((file) => file.absolute);
  const { graph: g } = loaded;
  return {
    phase: "graph",
    files: files.length,
    bytes: totalBytes(files),
    wallMs,
    cpuMs,
    maxRssKB,
    baseRssKB,
    counts: {
      notes: g.notes.length,
      questions: g.questions.length,
      tags: g.tags.length,
      timestamps: g.timestamps.length,
      comments: g.comments.length,
      diagnostics: g.diagnostics.length,
    },
  };
}

const [phase, dir] = process.argv.slice(2);
if ((phase !== "floor" && phase !== "graph") || !dir) {
  process.stderr.write("usage: node --import tsx bench/phase.ts floor|graph <vault dir>\n");
  process.exit(2);
}
const result = phase === "floor" ? await floor(dir) : await graph(dir);
process.stdout.write(`${phaseMarker}${JSON.stringify(result)}\n`);
