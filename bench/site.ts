/**
 * `wenda build` as a black box: wall time and peak RSS of the whole process tree, pages written, and the JS a
 * card page loads. Never throws for a failed build: the result says so, with the tail of stderr.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TreeSampler } from "./proc-tree.ts";
import { type JsWeight, measurePageJs } from "./weight.ts";

export interface SiteResult {
  ok: boolean;
  /** What went wrong when not ok: exit code, signal, timeout, spawn error. */
  failure?: string;
  wallMs: number;
  /** User + system CPU time of the whole tree, seconds: the larger of GNU time's and the /proc samples' sum. */
  cpuS?: number;
  /** Largest single process of the tree, from GNU time -v (`Maximum resident set size`), KB. */
  timeMaxRssKB?: number;
  /** Highest sum of RSS over the process tree, sampled from /proc every 100 ms, KB. */
  treeSumRssKB?: number;
  /** The larger of the two above: the figure held against the target. */
  peakRssKB?: number;
  /** index.html files under the out dir. */
  pages: number;
  questionPages: number;
  cardPages: number;
  js?: JsWeight;
  /** The bench got SIGINT/SIGTERM during the build (passed on to the build's process group). */
  interrupted?: boolean;
  /** Last lines of stderr, when the build failed. */
  stderrTail: string[];
  command: string;
}

const pollMs = 100;
/** A build whose process tree passes 75% of the machine's memory is stopped before it starves everything else. */
const memoryGuardKB = (os.totalmem() / 1024) * 0.75;

export interface SiteBuildOptions {
  /** Empty the out dir first (a cold build); a warm rebuild leaves the previous site in place. */
  clean?: boolean;
  /** More arguments for `wenda build` (`--cache-dir …`). */
  extraArgs?: string[];
  /** Count pages and weigh a card page's JS afterwards. */
  inspect?: boolean;
}

/** Run the build of `vault` into `outDir`, from `repoRoot`. */
export async function runSiteBuild(
  repoRoot: string,
  vault: string,
  outDir: string,
  timeoutMs: number,
  options: SiteBuildOptions = {},
): Promise<SiteResult> {
  if (options.clean ?? true) fs.rmSync(outDir, { recursive: true, force: true });
  const timeFile = `${outDir}.time.txt`;
  fs.rmSync(timeFile, { force: true });
  const wendaArgs = [path.join(repoRoot, "bin", "wenda.mjs"), "build", vault, "--out", outDir, ...(options.extraArgs ?? [])];
  const gnuTime = hasGnuTime();
  const [file, args] = gnuTime
    ? ["/usr/bin/time", ["-v", "-o", timeFile, process.execPath, ...wendaArgs]]
    : [process.execPath, wendaArgs];
  const command = [file, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ");
  const result: SiteResult = {
    ok: false,
    wallMs: 0,
    pages: 0,
    questionPages: 0,
    cardPages: 0,
    stderrTail: [],
    command,
  };

  const start = performance.now();
  const child = spawn(file, args, {
    cwd: repoRoot,
    // Own process group, so a timeout can stop the whole tree this bench started.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1" },
  });
  const stderr = new Tail(64 * 1024);
  const stdout = new Tail(16 * 1024);
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));

  /** Signal the build's whole process group (this bench started it). */
  const signalBuild = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const sampler = child.pid === undefined ? undefined : new TreeSampler(child.pid);
  let pollWorks = fs.existsSync("/proc/self/stat");
  let overMemory = false;
  const poll = (): void => {
    if (!sampler || !pollWorks) return;
    try {
      sampler.sample();
      if (sampler.peakRssKB > memoryGuardKB && !overMemory) {
        overMemory = true;
        signalBuild("SIGKILL");
      }
    } catch {
      pollWorks = false;
    }
  };
  const timer = setInterval(poll, pollMs);
  poll();
  let timedOut = false;
  const killer = setTimeout(() => {
    timedOut = true;
    signalBuild("SIGKILL");
  }, timeoutMs);

  // The build runs in its own process group, so Ctrl-C at the terminal would not reach it: pass signals on.
  const passOn = (signal: NodeJS.Signals): void => {
    result.interrupted = true;
    signalBuild(signal);
  };
  process.on("SIGINT", passOn);
  process.on("SIGTERM", passOn);

  const exit = await new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    error?: Error;
  }>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  result.wallMs = performance.now() - start;
  clearInterval(timer);
  clearTimeout(killer);
  process.off("SIGINT", passOn);
  process.off("SIGTERM", passOn);

  if (pollWorks && sampler && sampler.peakRssKB > 0) result.treeSumRssKB = sampler.peakRssKB;
  if (gnuTime && fs.existsSync(timeFile)) {
    const text = fs.readFileSync(timeFile, "utf8");
    const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
    if (rss) result.timeMaxRssKB = Number(rss[1]);
    const user = /User time \(seconds\):\s*([\d.]+)/.exec(text);
    const system = /System time \(seconds\):\s*([\d.]+)/.exec(text);
    if (user && system) result.cpuS = Number(user[1]) + Number(system[1]);
    fs.rmSync(timeFile, { force: true });
  }
  if (pollWorks && sampler) result.cpuS = Math.max(result.cpuS ?? 0, sampler.cpuS());
  const peaks = [result.timeMaxRssKB, result.treeSumRssKB].filter((v): v is number => v !== undefined);
  if (peaks.length > 0) result.peakRssKB = Math.max(...peaks);

  if (exit.error) result.failure = `could not start: ${exit.error.message}`;
  else if (overMemory)
    result.failure = `stopped: the process tree passed ${Math.round(memoryGuardKB / 1024)} MB (75% of RAM)`;
  else if (timedOut) result.failure = `timed out after ${Math.round(timeoutMs / 1000)} s`;
  else if (exit.signal) result.failure = `killed by ${exit.signal}`;
  else if (exit.code !== 0) result.failure = `exit code ${exit.code}`;
  if (result.failure === undefined && !fs.existsSync(outDir))
    result.failure = `exit code 0 but ${outDir} was not written`;

  if (result.failure !== undefined) {
    result.stderrTail = stderr.lines(30);
    if (result.stderrTail.length === 0) result.stderrTail = stdout.lines(30);
    return result;
  }
  result.ok = true;
  if (options.inspect === false) return result;
  countPages(outDir, result);
  const card = firstCardPage(outDir);
  if (card !== undefined) result.js = measurePageJs(outDir, card);
  return result;
}

/** GNU time (with -v), not the shell keyword or a BSD time. */
function hasGnuTime(): boolean {
  const probe = spawnSync("/usr/bin/time", ["-v", "true"], {
    encoding: "utf8",
  });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr ?? "");
}

/** Segment names the card folder may have on disk: NFC, NFD, percent-encoded. */
const cardFolders = ["卡片", "卡片".normalize("NFD"), encodeURIComponent("卡片")];

function countPages(outDir: string, result: SiteResult): void {
  const walk = (folder: string, visit: (file: string) => void): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, visit);
      else if (entry.isFile() && entry.name === "index.html") visit(full);
    }
  };
  walk(outDir, (file) => {
    result.pages++;
    const first = path.relative(outDir, file).split(path.sep)[0] ?? "";
    if (first === "q") result.questionPages++;
    else if (cardFolders.includes(first)) result.cardPages++;
  });
}

/** The first card page (sorted), for the JS weight. */
function firstCardPage(outDir: string): string | undefined {
  for (const name of cardFolders) {
    const folder = path.join(outDir, name);
    if (!fs.existsSync(folder)) continue;
    const find = (dir: string): string | undefined => {
      const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
      const own = entries.find((e) => e.isFile() && e.name === "index.html");
      if (own && dir !== folder) return path.join(dir, own.name);
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        const found = find(path.join(dir, entry.name));
        if (found) return found;
      }
      return undefined;
    };
    const found = find(folder);
    if (found) return found;
  }
  return undefined;
}

/** Colour and cursor escapes, dropped from the stderr tail. */
const ansiEscape = new RegExp(`${String.fromCharCode(27)}\\[[\\d;?]*[A-Za-z]`, "g");

/** The last `limit` bytes of a stream. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
      this.size -= (this.chunks.shift() as Buffer).length;
    }
  }
  lines(count: number): string[] {
    const text = Buffer.concat(this.chunks).toString("utf8");
    return text
      .split(/\r?\n|\r/)
      .map((line) => line.replace(ansiEscape, "").trimEnd())
      .filter((line) => line !== "")
      .slice(-count);
  }
}
