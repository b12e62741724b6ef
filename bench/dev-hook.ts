/**
 * `wenda dev` edit latency, measured by bench/dev-edit.ts when this checkout has it (it drives Chromium on a
 * copy of the vault and prints one JSON line). Without the file the bench says so and goes on.
 */
import fs from "node:fs";
import path from "node:path";
import { runTree } from "./run-tree.ts";

export type DevEditResult = { ok: true; result: Record<string, unknown> } | { ok: false; skipped: string };

export const devEditScript = (repoRoot: string): string => path.join(repoRoot, "bench", "dev-edit.ts");

export async function runDevEdit(repoRoot: string, vault: string, cards: number, port: number): Promise<DevEditResult> {
  const script = devEditScript(repoRoot);
  if (!fs.existsSync(script)) return { ok: false, skipped: "bench/dev-edit.ts is not in this checkout" };
  const run = await runTree(process.execPath, ["--import", "tsx", script, "--cards", String(cards), "--vault", vault, "--port", String(port)], 20 * 60 * 1000, { cwd: repoRoot });
  const line = run.stdout.trim().split("\n").findLast((l) => l.startsWith("{"));
  if (run.code !== 0 || line === undefined) return { ok: false, skipped: `dev-edit.ts failed (exit ${run.code}): ${run.stderr.trim().split("\n").slice(-1)[0] ?? ""}` };
  try {
    return { ok: true, result: JSON.parse(line) as Record<string, unknown> };
  } catch {
    return { ok: false, skipped: `dev-edit.ts printed no JSON: ${line.slice(0, 200)}` };
  }
}
