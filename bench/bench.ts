/**
 * wenda's benchmark: `npm run bench -- --cards 1000[,4000,10000] [--site] [--keep] [--json] [--repeat R]`.
 *
 * For each vault size: generate (or re-use) .bench/vault-N with ../shared/tools/gen-vault.mjs, then measure,
 * each in a fresh Node process so peak RSS is per phase:
 *   floor        bare `unified().use(remarkParse)` over the same .md files (files read first, parse loop timed);
 *   parse+graph  `loadVault(dir)` (its own reads included; the read alone is shown on the `read (I/O)` row);
 *   builds       `node bin/wenda.mjs build <vault> --out .bench/site-N` cold, warm (again, unchanged) and after a
 *                one-note edit, each as a whole process tree sampled from /proc (bench/builds.ts); then Hugo over
 *                the same notes (bench/hugo.ts) and `wenda dev` edit latency (bench/dev-hook.ts);
 *   site         with --site, the card page's JS, the largest HTML page and the home page.
 * Each phase reports wall and CPU time (user + system, all threads): on a busy machine wall time is noisy and
 * cpu_ratio is the steadier comparison; the PASS/MISS targets use wall time, as specified.
 * Prints a table with the targets (PASS/MISS) to stdout, progress to stderr. Runs no test, needs no network.
 * Exit code 1 when a phase FAILED (not for a MISS).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchOptions, parseBenchArgs, usage } from "./args.ts";
import { type PhaseResult, phaseMarker } from "./protocol.ts";
import type { SiteResult } from "./site.ts";
import { type BuildRuns, buildKinds, cpuMsPerNote, runBuilds } from "./builds.ts";
import { type DevEditResult, runDevEdit } from "./dev-hook.ts";
import { type HugoResult, runHugo } from "./hugo.ts";
import { measurePageSizes, type PageSizes } from "./sizes.ts";
import { generateLogseqGraph } from "./gen-logseq.ts";
import { table } from "./table.ts";
import { sharedDir } from "../scripts/shared-dir.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = path.join(repoRoot, ".bench");
const generator = path.join(sharedDir(), "tools/gen-vault.mjs");
const phaseScript = path.join(repoRoot, "bench", "phase.ts");
const siteTimeoutMs = 30 * 60 * 1000;

/** The targets, in one place. */
const targets = {
  ratioToFloor: 3,
  /** Peak RSS of parse+graph, MB, at exactly this many cards. */
  parseRssMB: { cards: 1000, limit: 300 },
  /** Cold `wenda build`, wall seconds (issue 11: ≤ 15 s at 1,000 cards). */
  siteWallS: new Map([
    [1000, 15],
    [4000, 100],
  ]),
  siteRssMB: new Map([
    [1000, 600],
    [10000, 2048],
  ]),
  cardPageJsKB: 40,
  /** Warm rebuild of an unchanged vault over the cold build, at this size. */
  warmOverCold: { cards: 1000, limit: 1 / 3 },
  /** Cost per note (cold build CPU time) at the largest size over that at the smallest. */
  perNoteScaling: 1.3,
  /** Pages of issue 10, KB of HTML. */
  homeKB: new Map([[4000, 150]]),
  /** Dev edit latency sizes, and the most an edit may take to show in a tab (median). */
  devCards: new Set([1000, 4000]),
  devEditMs: 500,
};

/** The port bench/dev-edit.ts serves on (this bench's range). */
const devPort = 4471;

interface Manifest {
  cards: { file: string; publish: boolean; questions: string[] }[];
  questions: number;
  questionPages: number;
  timestamps: number;
  comments: number;
}

interface Vault {
  cards: number;
  dir: string;
  generated: boolean;
  manifest: Manifest;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A phase over its repeats: the runs, and their medians (RSS: the highest) in PhaseResult's own fields. */
interface PhaseSummary extends Omit<PhaseResult, "phase" | "counts"> {
  runs: PhaseResult[];
}

interface Check {
  name: string;
  value: number;
  limit: number;
  unit: string;
  pass: boolean;
}

interface SizeResult {
  cards: number;
  vault: string;
  manifest: {
    cards: number;
    published: number;
    questions: number;
    questionPages: number;
  };
  floor: Outcome<PhaseSummary>;
  graph: Outcome<PhaseSummary>;
  ratio?: number;
  /** The same ratio over CPU time: the steadier figure when the machine is busy. */
  cpuRatio?: number;
  ratioExcludingRead?: number;
  parseChecks: Check[];
  site?: SiteResult;
  siteDir?: string;
  builds?: BuildRuns;
  sizes?: PageSizes;
  hugo?: HugoResult;
  dev?: DevEditResult;
  /** Notes the graph read (for the cost per note). */
  notes?: number;
  siteChecks: Check[];
  warnings: string[];
}

/** Highest 1-minute load average seen when a phase finished. */
let loadSeen = 0;
const noteLoad = (): void => {
  loadSeen = Math.max(loadSeen, os.loadavg()[0] ?? 0);
};
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const mb = (kb: number): number => kb / 1024;

function check(name: string, value: number, limit: number, unit: string): Check {
  return { name, value, limit, unit, pass: value <= limit };
}

// ─── vaults ────────────────────────────────────────────────────────────────────────────────────────────────

function readManifest(dir: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    return Array.isArray(manifest.cards) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

function ensureVault(cards: number): Vault {
  const dir = path.join(benchDir, `vault-${cards}`);
  const existing = readManifest(dir);
  if (existing && existing.cards.length === cards) {
    log(`vault-${cards}: re-using ${path.relative(repoRoot, dir)}`);
    return { cards, dir, generated: false, manifest: existing };
  }
  if (!fs.existsSync(generator)) throw new Error(`the vault generator is missing: ${generator}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  const start = performance.now();
  const run = spawnSync(process.execPath, [generator, dir, "--cards", String(cards)], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    throw new Error(`gen-vault.mjs failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr ?? ""}`);
  }
  const manifest = readManifest(dir);
  if (!manifest || manifest.cards.length !== cards)
    throw new Error(`gen-vault.mjs wrote no usable ${dir}/manifest.json`);
  log(`vault-${cards}: generated in ${((performance.now() - start) / 1000).toFixed(1)} s: ${run.stdout.trim()}`);
  return { cards, dir, generated: true, manifest };
}

// ─── phases ────────────────────────────────────────────────────────────────────────────────────────────────

function runPhase(phase: "floor" | "graph", dir: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", phaseScript, phase, dir], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-16_000);
    });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      const line = stdout.split("\n").findLast((l) => l.startsWith(phaseMarker));
      if (code === 0 && line !== undefined) {
        try {
          resolve(JSON.parse(line.slice(phaseMarker.length)) as PhaseResult);
          return;
        } catch (error) {
          reject(new Error(`unreadable result line: ${String(error)}`));
          return;
        }
      }
      const tail = stderr
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "")
        .slice(-30)
        .join("\n");
      reject(
        new Error(`${phase} exited with ${signal ?? `code ${code}`}${tail ? `:\n${tail}` : " and no result line"}`),
      );
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summarize(runs: PhaseResult[]): PhaseSummary {
  const first = runs[0] as PhaseResult;
  const summary: PhaseSummary = {
    runs,
    files: first.files,
    bytes: first.bytes,
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssKB: Math.max(...runs.map((r) => r.maxRssKB)),
    baseRssKB: median(runs.map((r) => r.baseRssKB)),
  };
  const reads = runs.map((r) => r.readMs).filter((v): v is number => v !== undefined);
  if (reads.length > 0) summary.readMs = median(reads);
  return summary;
}

async function measure(
  phase: "floor" | "graph",
  dir: string,
  repeat: number,
  label: string,
): Promise<Outcome<PhaseSummary>> {
  const runs: PhaseResult[] = [];
  try {
    for (let i = 0; i < repeat; i++) {
      const result = await runPhase(phase, dir);
      noteLoad();
      runs.push(result);
      log(
        `${label}: ${phase} run ${i + 1}/${repeat}: ${result.wallMs.toFixed(0)} ms (cpu ${result.cpuMs.toFixed(0)} ms), peak RSS ${mb(result.maxRssKB).toFixed(0)} MB`,
      );
    }
    return { ok: true, value: summarize(runs) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${label}: ${phase} FAILED: ${message}`);
    return { ok: false, error: message };
  }
}

// ─── one size ──────────────────────────────────────────────────────────────────────────────────────────────

async function runSize(vault: Vault, options: BenchOptions): Promise<SizeResult> {
  const label = `vault-${vault.cards}`;
  const published = vault.manifest.cards.filter((c) => c.publish).length;
  const result: SizeResult = {
    cards: vault.cards,
    vault: path.relative(repoRoot, vault.dir),
    manifest: {
      cards: vault.manifest.cards.length,
      published,
      questions: vault.manifest.questions,
      questionPages: vault.manifest.questionPages,
    },
    floor: await measure("floor", vault.dir, options.repeat, label),
    graph: await measure("graph", vault.dir, options.repeat, label),
    parseChecks: [],
    siteChecks: [],
    warnings: [],
  };
  const { floor, graph } = result;
  if (floor.ok && graph.ok) {
    if (floor.value.files !== graph.value.files || floor.value.bytes !== graph.value.bytes) {
      result.warnings.push(
        `floor read ${floor.value.files} files / ${floor.value.bytes} B but loadVault listed ${graph.value.files} / ${graph.value.bytes} B`,
      );
    }
    result.ratio = graph.value.wallMs / floor.value.wallMs;
    result.cpuRatio = graph.value.cpuMs / floor.value.cpuMs;
    if (floor.value.readMs !== undefined)
      result.ratioExcludingRead = (graph.value.wallMs - floor.value.readMs) / floor.value.wallMs;
    result.parseChecks.push(check("ratio", result.ratio, targets.ratioToFloor, "x"));
  }
  if (graph.ok && vault.cards === targets.parseRssMB.cards) {
    result.parseChecks.push(check("rss", mb(graph.value.maxRssKB), targets.parseRssMB.limit, "MB"));
  }
  if (graph.ok) result.notes = graph.value.files;
  if (options.builds) {
    const siteDir = path.join(benchDir, `site-${vault.cards}`);
    result.siteDir = siteDir;
    log(`${label}: cold, warm and edit builds → ${path.relative(repoRoot, siteDir)}`);
    const builds = await runBuilds(repoRoot, vault.dir, siteDir, path.join(benchDir, `cache-${vault.cards}`), vault.manifest.cards, siteTimeoutMs, log, options.runs);
    noteLoad();
    result.builds = builds;
    const site = builds.runs.cold;
    if (site) result.site = site;
    if (site?.ok) {
      const wallLimit = targets.siteWallS.get(vault.cards);
      if (wallLimit !== undefined) result.siteChecks.push(check("cold wall", site.wallMs / 1000, wallLimit, "s"));
      const rssLimit = targets.siteRssMB.get(vault.cards);
      if (rssLimit !== undefined && site.peakRssKB !== undefined)
        result.siteChecks.push(check("cold rss", mb(site.peakRssKB), rssLimit, "MB"));
      const warm = builds.runs.warm;
      if (warm?.ok && vault.cards === targets.warmOverCold.cards)
        result.siteChecks.push(check("warm/cold", warm.wallMs / site.wallMs, targets.warmOverCold.limit, "x"));
      if (options.site) {
        if (site.js) result.siteChecks.push(check("card js", site.js.bytes / 1024, targets.cardPageJsKB, "KB"));
        // The warm or edit run left the site there; its pages are the cold one's plus one line.
        result.sizes = measurePageSizes(siteDir);
        const homeLimit = targets.homeKB.get(vault.cards);
        if (homeLimit !== undefined) result.siteChecks.push(check("home", result.sizes.homeBytes / 1024, homeLimit, "KB"));
      }
    }
    if (options.hugo) {
      result.hugo = await runHugo(vault.dir, path.join(benchDir, `hugo-${vault.cards}`), log);
      fs.rmSync(path.join(benchDir, `hugo-${vault.cards}`), { recursive: true, force: true });
      log(`${label}: hugo ${result.hugo.ok ? `${fixed(result.hugo.wallMs / 1000, 1)} s` : result.hugo.skipped}`);
    }
  }
  if (options.dev && targets.devCards.has(vault.cards)) {
    result.dev = await runDevEdit(repoRoot, vault.dir, vault.cards, devPort);
    log(`${label}: dev edit ${result.dev.ok ? JSON.stringify(result.dev.result) : result.dev.skipped}`);
  }
  return result;
}

/** The builds table: every run of every size, the cost per note, and the Hugo reference. */
function buildsReport(results: SizeResult[]): string[] {
  const out: string[] = [];
  const rows: string[][] = [];
  const sized = results.filter((r) => r.builds);
  for (const r of sized) {
    const runs = r.builds as BuildRuns;
    for (const kind of buildKinds) {
      const run = runs.runs[kind];
      if (!run) continue;
      const perNote = kind === "cold" ? cpuMsPerNote(run, r.notes ?? 0) : undefined;
      rows.push([
        String(r.cards),
        String(r.notes ?? "-"),
        kind,
        run.ok ? fixed(run.wallMs / 1000, 1) : "FAILED",
        run.cpuS === undefined ? "-" : fixed(run.cpuS, 1),
        run.peakRssKB === undefined ? "-" : fixed(mb(run.peakRssKB), 0),
        perNote === undefined ? "-" : fixed(perNote, 2),
        run.ok ? "" : (run.failure ?? ""),
      ]);
    }
    const h = r.hugo;
    if (h) rows.push([String(r.cards), String(r.notes ?? "-"), "hugo", h.ok ? fixed(h.wallMs / 1000, 1) : "-", h.ok ? fixed(h.cpuS, 1) : "-", h.ok ? fixed(mb(h.peakRssKB), 0) : "-", h.ok ? fixed((h.cpuS * 1000) / h.notes, 2) : "-", h.ok ? h.version.split(" ")[1] ?? "" : h.skipped]);
  }
  if (rows.length === 0) return out;
  out.push(table(["cards", "notes", "build", "wall_s", "cpu_s", "peak_rss_MB", "cpu_ms/note", "notes"], rows));
  for (const r of sized) {
    const cold = r.builds?.runs.cold;
    const warm = r.builds?.runs.warm;
    const parts: string[] = [];
    if (r.builds && r.builds.cacheArgs.length === 0) parts.push("no parse cache in this checkout (warm = cold)");
    if (cold?.ok && warm?.ok) parts.push(`warm/cold wall ${fixed(warm.wallMs / cold.wallMs, 2)}, cpu ${fixed((warm.cpuS ?? 0) / (cold.cpuS ?? 1), 2)}`);
    if (cold?.ok && r.hugo?.ok) parts.push(`cold/hugo wall ${fixed(cold.wallMs / r.hugo.wallMs, 1)}x, cpu ${fixed((cold.cpuS ?? 0) / r.hugo.cpuS, 1)}x`);
    if (r.builds?.edited) parts.push(`edited ${r.builds.edited}`);
    if (r.sizes) parts.push(`largest page ${r.sizes.largest.page} ${fixed(r.sizes.largest.bytes / 1024, 0)} KB, home ${fixed(r.sizes.homeBytes / 1024, 0)} KB`);
    if (r.dev) parts.push(`dev edit: ${r.dev.ok ? JSON.stringify(r.dev.result) : r.dev.skipped}`);
    // Each tab's median, file write to the reloaded page's first paint (bench/dev-edit.ts).
    for (const tab of ["cardTabMs", "questionTabMs"] as const) {
      const median = r.dev?.ok ? (r.dev.result[tab] as { median?: number } | undefined)?.median : undefined;
      if (typeof median === "number") parts.push(`dev ${verdict(check(tab.replace("Ms", ""), median, targets.devEditMs, "ms"))}`);
    }
    if (parts.length) out.push(`${r.cards} cards: ${parts.join("; ")}`);
  }
  const scaling = perNoteScaling(sized);
  if (scaling) out.push(`cost per note, ${scaling.large} over ${scaling.small} cards: ${verdict(check("cpu", scaling.cpu, targets.perNoteScaling, "x"))}; wall ${fixed(scaling.wall, 2)}x`);
  return out;
}

/** Cold-build cost per note at the largest size over the smallest (CPU time, and wall for reference). */
function perNoteScaling(results: SizeResult[]): { small: number; large: number; cpu: number; wall: number } | undefined {
  const ok = results.filter((r) => r.builds?.runs.cold?.ok && r.notes);
  if (ok.length < 2) return undefined;
  const sorted = [...ok].sort((a, b) => a.cards - b.cards);
  const small = sorted[0] as SizeResult;
  const large = sorted[sorted.length - 1] as SizeResult;
  const per = (r: SizeResult, value: (run: SiteResult) => number) => value(r.builds?.runs.cold as SiteResult) / (r.notes as number);
  return {
    small: small.cards,
    large: large.cards,
    cpu: per(large, (run) => run.cpuS ?? 0) / per(small, (run) => run.cpuS ?? 0),
    wall: per(large, (run) => run.wallMs) / per(small, (run) => run.wallMs),
  };
}

// ─── the Logseq graph ───────────────────────────────────────────────────────────────────────────────────────

interface LogseqResult {
  pages: number;
  dir: string;
  generated: boolean;
  floor: Outcome<PhaseSummary>;
  graph: Outcome<PhaseSummary>;
  ratio?: number;
  cpuRatio?: number;
  checks: Check[];
}

/** Floor and parse+graph on a generated Logseq graph (issue 9: within 3× the floor), generated once per size. */
async function runLogseq(pages: number, options: BenchOptions): Promise<LogseqResult> {
  const dir = path.join(benchDir, `logseq-${pages}`);
  const label = `logseq-${pages}`;
  const generated = !fs.existsSync(path.join(dir, "logseq", "config.edn"));
  if (generated) {
    fs.rmSync(dir, { recursive: true, force: true });
    const stats = generateLogseqGraph(dir, pages);
    log(`${label}: generated ${stats.pages} pages, ${stats.journals} journals, ${stats.blocks} blocks, ${stats.refs} block refs, ${fixed(stats.bytes / 1e6, 2)} MB`);
  } else log(`${label}: re-using ${path.relative(repoRoot, dir)}`);
  const result: LogseqResult = {
    pages,
    dir,
    generated,
    floor: await measure("floor", dir, options.repeat, label),
    graph: await measure("graph", dir, options.repeat, label),
    checks: [],
  };
  if (result.floor.ok && result.graph.ok) {
    result.ratio = result.graph.value.wallMs / result.floor.value.wallMs;
    result.cpuRatio = result.graph.value.cpuMs / result.floor.value.cpuMs;
    result.checks.push(check("ratio", result.ratio, targets.ratioToFloor, "x"));
  }
  return result;
}

function logseqReport(r: LogseqResult): string {
  const row = (phase: string, o: Outcome<PhaseSummary>, ratio: string, cpuRatio: string, targetsText: string): string[] =>
    o.ok
      ? [String(r.pages), phase, String(o.value.files), fixed(o.value.bytes / 1e6, 2), fixed(o.value.wallMs, 0), fixed(o.value.cpuMs, 0), fixed(mb(o.value.maxRssKB), 0), ratio, cpuRatio, targetsText]
      : [String(r.pages), phase, "-", "-", "FAILED", "-", "-", "-", "-", o.error.split("\n")[0] ?? ""];
  return table(
    ["logseq_pages", "phase", "files", "input_MB", "wall_ms", "cpu_ms", "peak_rss_MB", "ratio_to_floor", "cpu_ratio", "targets"],
    [
      row("floor", r.floor, "1.00", "1.00", "remark-parse only"),
      row("parse+graph", r.graph, r.ratio === undefined ? "-" : fixed(r.ratio, 2), r.cpuRatio === undefined ? "-" : fixed(r.cpuRatio, 2), r.checks.map(verdict).join("; ")),
    ],
  );
}

// ─── output ────────────────────────────────────────────────────────────────────────────────────────────────

const fixed = (value: number, digits: number): string => value.toFixed(digits);
const verdict = (c: Check): string =>
  `${c.name} ${fixed(c.value, c.unit === "x" ? 2 : c.value < 100 ? 1 : 0)}${c.unit === "x" ? "x" : ` ${c.unit}`} ≤ ${Number(c.limit.toFixed(2))}${c.unit === "x" ? "x" : ` ${c.unit}`} ${c.pass ? "PASS" : "MISS"}`;

/** Both RSS figures of a site build. */
function siteRss(s: SiteResult): string {
  const parts = [
    s.timeMaxRssKB === undefined ? undefined : `largest process ${fixed(mb(s.timeMaxRssKB), 0)} MB (time -v)`,
    s.treeSumRssKB === undefined ? undefined : `process-tree sum ${fixed(mb(s.treeSumRssKB), 0)} MB (/proc every 100 ms)`,
  ].filter((x) => x !== undefined);
  return parts.join(", ") || "not measured";
}

function printReport(results: SizeResult[], options: BenchOptions): void {
  const out: string[] = [];
  const busiest = Math.max(loadSeen, ...os.loadavg());
  out.push("");
  out.push(
    `wenda bench: node ${process.version}, ${os.cpus()[0]?.model.trim() ?? "cpu"} ×${os.cpus().length}, ${os.platform()}; ` +
      `each phase in a fresh process${options.repeat > 1 ? `, median of ${options.repeat} runs (peak RSS: highest)` : ""}; ` +
      `load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  if (busiest > os.cpus().length) {
    out.push(
      `NOTE: the machine was busy (load average up to ${busiest.toFixed(1)} on ${os.cpus().length} CPUs): wall times are inflated ` +
        "and noisy; cpu_ms and cpu_ratio are the steadier figures.",
    );
  }
  out.push("");
  const rows: string[][] = [];
  for (const r of results) {
    const input = r.floor.ok ? r.floor.value.bytes : r.graph.ok ? r.graph.value.bytes : undefined;
    const inputMB = input === undefined ? "-" : fixed(input / 1e6, 2);
    const files = r.floor.ok ? String(r.floor.value.files) : r.graph.ok ? String(r.graph.value.files) : "-";
    const rate = (ms: number): string => (input === undefined ? "-" : fixed(input / 1e6 / (ms / 1000), 2));
    if (r.floor.ok && r.floor.value.readMs !== undefined) {
      rows.push([
        String(r.cards),
        "read (I/O)",
        files,
        inputMB,
        fixed(r.floor.value.readMs, 0),
        "-",
        "-",
        rate(r.floor.value.readMs),
        "-",
        "-",
        "list + readFileSync utf8, warm cache",
      ]);
    }
    if (r.floor.ok) {
      const f = r.floor.value;
      rows.push([
        String(r.cards),
        "floor",
        files,
        inputMB,
        fixed(f.wallMs, 0),
        fixed(f.cpuMs, 0),
        fixed(mb(f.maxRssKB), 0),
        rate(f.wallMs),
        "1.00",
        "1.00",
        `remark-parse only; base RSS ${fixed(mb(f.baseRssKB), 0)} MB`,
      ]);
    } else rows.push([String(r.cards), "floor", files, inputMB, "FAILED", "-", "-", "-", "-", "-", "see below"]);
    if (r.graph.ok) {
      const g = r.graph.value;
      rows.push([
        String(r.cards),
        "parse+graph",
        files,
        inputMB,
        fixed(g.wallMs, 0),
        fixed(g.cpuMs, 0),
        fixed(mb(g.maxRssKB), 0),
        rate(g.wallMs),
        r.ratio === undefined ? "-" : fixed(r.ratio, 2),
        r.cpuRatio === undefined ? "-" : fixed(r.cpuRatio, 2),
        r.parseChecks.map(verdict).join("; "),
      ]);
    } else rows.push([String(r.cards), "parse+graph", files, inputMB, "FAILED", "-", "-", "-", "-", "-", "see below"]);
  }
  out.push(
    table(
      [
        "cards",
        "phase",
        "files",
        "input_MB",
        "wall_ms",
        "cpu_ms",
        "peak_rss_MB",
        "MB/s",
        "ratio_to_floor",
        "cpu_ratio",
        "targets",
      ],
      rows,
    ),
  );
  out.push("");
  for (const r of results) {
    const notes: string[] = [];
    if (r.ratioExcludingRead !== undefined)
      notes.push(`parse+graph without the read: ratio ${fixed(r.ratioExcludingRead, 2)}`);
    if (r.graph.ok) {
      const c = r.graph.value.runs[0]?.counts ?? {};
      notes.push(
        `graph: ${c.notes} notes, ${c.questions} questions, ${c.tags} tags, ${c.timestamps} timestamps, ${c.diagnostics} diagnostics; base RSS ${fixed(mb(r.graph.value.baseRssKB), 0)} MB`,
      );
    }
    for (const w of r.warnings) notes.push(`WARNING ${w}`);
    if (!r.floor.ok) notes.push(`floor FAILED: ${r.floor.error}`);
    if (!r.graph.ok) notes.push(`parse+graph FAILED: ${r.graph.error}`);
    if (notes.length > 0) out.push(`${r.cards} cards: ${notes.join("\n  ")}`);
  }

  if (results.some((r) => r.site)) {
    out.push("");
    const siteRows: string[][] = [];
    for (const r of results) {
      const s = r.site;
      if (!s) continue;
      if (!s.ok) {
        siteRows.push([
          String(r.cards),
          "site build",
          fixed(s.wallMs / 1000, 1),
          s.cpuS === undefined ? "-" : fixed(s.cpuS, 1),
          s.peakRssKB === undefined ? "-" : fixed(mb(s.peakRssKB), 0),
          "-",
          "-",
          "-",
          "-",
          "-",
          `FAILED (${s.failure})`,
        ]);
        continue;
      }
      const js = s.js ? `${fixed(s.js.bytes / 1024, 1)} (${fixed(s.js.gzipBytes / 1024, 1)} gz)` : "no card page";
      siteRows.push([
        String(r.cards),
        "site build",
        fixed(s.wallMs / 1000, 1),
        s.cpuS === undefined ? "-" : fixed(s.cpuS, 1),
        s.peakRssKB === undefined ? "-" : fixed(mb(s.peakRssKB), 0),
        String(s.pages),
        String(s.questionPages),
        String(s.cardPages),
        fixed(s.pages / (s.wallMs / 1000), 1),
        js,
        r.siteChecks.map(verdict).join("; "),
      ]);
    }
    out.push(
      table(
        [
          "cards",
          "phase",
          "wall_s",
          "cpu_s",
          "peak_rss_MB",
          "pages",
          "q_pages",
          "card_pages",
          "pages/s",
          "card_js_KB",
          "targets",
        ],
        siteRows,
      ),
    );
    out.push("");
    for (const r of results) {
      const s = r.site;
      if (!s) continue;
      const m = r.manifest;
      if (!s.ok) {
        out.push(
          `${r.cards} cards: site build FAILED (${s.failure}) after ${fixed(s.wallMs / 1000, 1)} s: ${s.command}`,
        );
        out.push(`  peak RSS until it stopped: ${siteRss(s)}`);
        out.push(s.stderrTail.length > 0 ? s.stderrTail.map((l) => `  | ${l}`).join("\n") : "  (no output)");
        continue;
      }
      out.push(`${r.cards} cards: peak RSS ${siteRss(s)}`);
      const cardsPlausible = s.cardPages >= m.published && s.cardPages <= m.cards;
      const questionsPlausible = s.questionPages > 0 && s.questionPages <= m.questions;
      out.push(
        `  pages: ${s.cardPages} card pages (manifest: ${m.cards} cards, ${m.published} published) ${cardsPlausible ? "ok" : "IMPLAUSIBLE"}; ` +
          `${s.questionPages} question pages (manifest: ${m.questions} questions, ${m.questionPages} with their own page) ${questionsPlausible ? "ok" : "IMPLAUSIBLE"}; ` +
          `${s.pages - s.cardPages - s.questionPages} other pages`,
      );
      if (s.js) {
        const list = s.js.files.map((f) => `${f.url} ${fixed(f.bytes / 1024, 1)} KB [${f.via}]`);
        if (s.js.inlineScripts > 0)
          list.push(`${s.js.inlineScripts} inline script(s) ${fixed(s.js.inlineBytes / 1024, 1)} KB`);
        out.push(`  card page JS (${s.js.page}): ${list.length > 0 ? list.join(", ") : "none"}`);
        if (s.js.pagefindSkipped > 0)
          out.push(`  left out: ${s.js.pagefindSkipped} /pagefind/ reference(s) (loaded when search opens)`);
        if (s.js.uncounted.length > 0) out.push(`  NOT counted: ${s.js.uncounted.join(", ")}`);
      }
    }
  }
  const builds = buildsReport(results);
  if (builds.length > 0) out.push("", ...builds);
  process.stdout.write(`${out.join("\n")}\n`);
}

function jsonSummary(results: SizeResult[], options: BenchOptions, logseq?: LogseqResult): string {
  const phase = (o: Outcome<PhaseSummary>) =>
    o.ok
      ? {
          wallMs: Math.round(o.value.wallMs),
          cpuMs: Math.round(o.value.cpuMs),
          maxRssKB: o.value.maxRssKB,
          baseRssKB: Math.round(o.value.baseRssKB),
          files: o.value.files,
          bytes: o.value.bytes,
          ...(o.value.readMs === undefined ? {} : { readMs: Math.round(o.value.readMs) }),
        }
      : { failed: o.error };
  return JSON.stringify({
    bench: "wenda",
    node: process.version,
    cpus: os.cpus().length,
    date: new Date().toISOString(),
    loadAverage: os.loadavg(),
    repeat: options.repeat,
    ...(logseq
      ? { logseq: { pages: logseq.pages, floor: phase(logseq.floor), graph: phase(logseq.graph), ratio: logseq.ratio, cpuRatio: logseq.cpuRatio, checks: logseq.checks } }
      : {}),
    sizes: results.map((r) => ({
      cards: r.cards,
      manifest: r.manifest,
      floor: phase(r.floor),
      graph: phase(r.graph),
      ratio: r.ratio,
      cpuRatio: r.cpuRatio,
      checks: [...r.parseChecks, ...r.siteChecks],
      notes: r.notes,
      ...(r.builds
        ? {
            builds: Object.fromEntries(
              Object.entries(r.builds.runs).map(([kind, run]) => [kind, run.ok ? { wallMs: Math.round(run.wallMs), cpuS: run.cpuS, peakRssKB: run.peakRssKB } : { failed: run.failure }]),
            ),
          }
        : {}),
      ...(r.sizes ? { sizes: r.sizes } : {}),
      ...(r.hugo ? { hugo: r.hugo } : {}),
      ...(r.dev ? { dev: r.dev } : {}),
      ...(r.site
        ? {
            site: r.site.ok
              ? {
                  wallMs: Math.round(r.site.wallMs),
                  cpuS: r.site.cpuS,
                  peakRssKB: r.site.peakRssKB,
                  timeMaxRssKB: r.site.timeMaxRssKB,
                  treeSumRssKB: r.site.treeSumRssKB,
                  pages: r.site.pages,
                  questionPages: r.site.questionPages,
                  cardPages: r.site.cardPages,
                  cardJsBytes: r.site.js?.bytes,
                  cardJsGzipBytes: r.site.js?.gzipBytes,
                }
              : {
                  failed: r.site.failure,
                  wallMs: Math.round(r.site.wallMs),
                  timeMaxRssKB: r.site.timeMaxRssKB,
                  treeSumRssKB: r.site.treeSumRssKB,
                },
          }
        : {}),
    })),
  });
}

// ─── main ──────────────────────────────────────────────────────────────────────────────────────────────────

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage);
    return 0;
  }
  const results: SizeResult[] = [];
  const generated: string[] = [];
  const sites: string[] = [];
  let logseq: LogseqResult | undefined;
  try {
    for (const cards of options.cards) {
      const vault = ensureVault(cards);
      if (vault.generated) generated.push(vault.dir);
      const result = await runSize(vault, options);
      if (result.siteDir) sites.push(result.siteDir);
      results.push(result);
      if (result.site?.interrupted) throw new Error("interrupted");
    }
    if (options.logseq > 0) {
      logseq = await runLogseq(options.logseq, options);
      if (logseq.generated) generated.push(logseq.dir);
    }
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    if (results.length === 0) return 1;
  } finally {
    if (!options.keep) {
      for (const dir of [...generated, ...sites]) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  printReport(results, options);
  if (logseq) process.stdout.write(`\n${logseqReport(logseq)}\n`);
  const removed = options.keep ? [] : [...generated, ...sites].map((dir) => path.relative(repoRoot, dir));
  if (removed.length > 0)
    process.stdout.write(`\n(removed ${removed.join(", ")}; --keep keeps them for the next run)\n`);
  if (options.json) process.stdout.write(`${jsonSummary(results, options, logseq)}\n`);
  const failed =
    results.some((r) => !r.floor.ok || !r.graph.ok || (r.site !== undefined && !r.site.ok)) ||
    (logseq !== undefined && (!logseq.floor.ok || !logseq.graph.ok));
  return failed || results.length < options.cards.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
