/**
 * The reference point: Hugo renders the same notes as plain markdown (no graph, no search index). Hugo is
 * installed from Debian's packages when the bench runs as root and it is absent; otherwise it is skipped.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { listMarkdown } from "./files.ts";
import { runTree } from "./run-tree.ts";

export type HugoResult =
  | { ok: true; wallMs: number; cpuS: number; peakRssKB: number; notes: number; version: string }
  | { ok: false; skipped: string };

/** `hugo version`, installing the Debian package first when root and it is missing; undefined when unavailable. */
export function ensureHugo(log: (line: string) => void): string | undefined {
  const probe = (): string | undefined => {
    const run = spawnSync("hugo", ["version"], { encoding: "utf8" });
    return run.status === 0 ? run.stdout.trim() : undefined;
  };
  const found = probe();
  if (found || process.getuid?.() !== 0) return found;
  log("hugo: not installed; apt-get install -y hugo");
  const install = spawnSync("apt-get", ["install", "-y", "hugo"], {
    encoding: "utf8",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (install.status !== 0) log(`hugo: apt-get failed: ${(install.stderr ?? "").trim().split("\n").slice(-1)[0] ?? ""}`);
  return probe();
}

/** Front matter off, a title in: the notes' YAML is Obsidian's, not Hugo's (its dates and fields would not parse). */
export function asHugoPage(text: string, title: string): string {
  const body = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, "");
  return `---\ntitle: ${JSON.stringify(title)}\n---\n${body}`;
}

const layout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n";
const listLayout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n";

/** Copy the vault's notes into a Hugo project under `workDir` and time `hugo` over it (the copy is not timed). */
export async function runHugo(vault: string, workDir: string, log: (line: string) => void): Promise<HugoResult> {
  const version = ensureHugo(log);
  if (!version) return { ok: false, skipped: "hugo is not installed (and could not be installed: not root or no apt)" };
  fs.rmSync(workDir, { recursive: true, force: true });
  const content = path.join(workDir, "content");
  const files = listMarkdown(vault);
  for (const file of files) {
    const rel = path.relative(vault, file);
    const target = path.join(content, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, asHugoPage(fs.readFileSync(file, "utf8"), path.basename(rel, ".md")));
  }
  for (const [name, text] of [["single.html", layout], ["list.html", listLayout]] as const) {
    fs.mkdirSync(path.join(workDir, "layouts", "_default"), { recursive: true });
    fs.writeFileSync(path.join(workDir, "layouts", "_default", name), text);
  }
  fs.writeFileSync(path.join(workDir, "config.toml"), 'baseURL = "/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n');
  const run = await runTree("hugo", ["--quiet", "--source", workDir, "--destination", path.join(workDir, "public")], 30 * 60 * 1000);
  if (run.code !== 0) return { ok: false, skipped: `hugo failed (exit ${run.code}): ${run.stderr.trim().split("\n").slice(-1)[0] ?? ""}` };
  return { ok: true, wallMs: run.wallMs, cpuS: run.cpuS, peakRssKB: run.peakRssKB, notes: files.length, version };
}
