/**
 * The three builds of one vault: cold (no site, no cache), warm (the same command again, nothing changed) and
 * a one-note edit (a line appended to one card, built again, then the note restored). Each is a whole
 * `wenda build` process tree (bench/site.ts). The vault is the bench's own generated copy, never a user's.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runSiteBuild, type SiteResult } from "./site.ts";

export type BuildKind = "cold" | "warm" | "edit";
export const buildKinds: readonly BuildKind[] = ["cold", "warm", "edit"];

export interface BuildRuns {
  /** The cache flag the CLI took (`--cache-dir`), or none when this checkout has no parse cache. */
  cacheArgs: string[];
  runs: Partial<Record<BuildKind, SiteResult>>;
  /** The note edited by the `edit` run, relative to the vault. */
  edited?: string;
}

/** Whether `wenda build` of this checkout takes `--cache-dir` (the parse cache of issue 11). */
export function cliHasCacheDir(repoRoot: string): boolean {
  const help = spawnSync(process.execPath, [path.join(repoRoot, "bin", "wenda.mjs"), "build", "--help"], { encoding: "utf8" });
  return /--cache-dir/.test(`${help.stdout}${help.stderr}`);
}

/** The edited note: the first published card of the manifest that exists. */
export function noteToEdit(vault: string, cards: { file: string; publish: boolean }[]): string | undefined {
  return cards.find((card) => card.publish && fs.existsSync(path.join(vault, card.file)))?.file;
}

export async function runBuilds(
  repoRoot: string,
  vault: string,
  siteDir: string,
  cacheDir: string,
  cards: { file: string; publish: boolean }[],
  timeoutMs: number,
  log: (line: string) => void,
  wanted: readonly BuildKind[] = buildKinds,
): Promise<BuildRuns> {
  const cacheArgs = cliHasCacheDir(repoRoot) ? ["--cache-dir", cacheDir] : [];
  fs.rmSync(cacheDir, { recursive: true, force: true });
  const result: BuildRuns = { cacheArgs, runs: {} };
  const build = async (kind: BuildKind): Promise<SiteResult> => {
    const run = await runSiteBuild(repoRoot, vault, siteDir, timeoutMs, {
      clean: kind === "cold",
      extraArgs: cacheArgs,
      inspect: kind === "cold",
    });
    log(`  ${kind} build ${run.ok ? "done" : `FAILED (${run.failure})`} in ${(run.wallMs / 1000).toFixed(1)} s, cpu ${run.cpuS?.toFixed(1) ?? "-"} s, peak RSS ${((run.peakRssKB ?? 0) / 1024).toFixed(0)} MB`);
    result.runs[kind] = run;
    return run;
  };
  const cold = await build("cold");
  if (!cold.ok || cold.interrupted) return result;
  if (wanted.includes("warm")) {
    const warm = await build("warm");
    if (!warm.ok || warm.interrupted) return result;
  }
  if (!wanted.includes("edit")) return result;
  const edited = noteToEdit(vault, cards);
  if (edited === undefined) return result;
  result.edited = edited;
  const file = path.join(vault, edited);
  const original = fs.readFileSync(file);
  try {
    fs.appendFileSync(file, `\n\n- bench edit ${Date.now()}\n`);
    await build("edit");
  } finally {
    fs.writeFileSync(file, original);
  }
  return result;
}

/** Cost of a note: CPU seconds of the cold build over the notes (published or not) it read, ms. */
export function cpuMsPerNote(run: SiteResult | undefined, notes: number): number | undefined {
  if (!run?.ok || run.cpuS === undefined || notes <= 0) return undefined;
  return (run.cpuS * 1000) / notes;
}
