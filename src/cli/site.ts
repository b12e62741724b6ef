/**
 * `wenda build | dev | preview`: Astro runs in a child process with the vault, config and output folder passed
 * through the environment (astro.config.mjs and the content loader read them).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { listVault } from "../graph/vault.ts";
import { acquireLock } from "./lock.ts";
import { vaultArgument } from "./main.ts";
import { createStaticServer } from "./serve.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export async function siteCommand(command: "build" | "dev" | "preview", positionals: string[], flags: Map<string, string | true>): Promise<number> {
  if (command === "preview") return preview(positionals[0] ?? "dist", flags);
  const vault = vaultArgument(positionals, command);
  const env: NodeJS.ProcessEnv = { ...process.env, WENDA_VAULT: vault, ASTRO_TELEMETRY_DISABLED: "1" };
  const text = (name: string) => {
    const value = flags.get(name);
    if (value === true) throw new Error(`--${name} needs a value`);
    return value;
  };
  const config = text("config");
  if (config) env.WENDA_CONFIG = path.resolve(config);
  const base = text("base");
  if (base) env.WENDA_BASE = base;
  const media = text("media");
  if (media) env.WENDA_MEDIA = media;
  if (command === "build" && !/max-old-space-size/.test(env.NODE_OPTIONS ?? "")) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${heapBudget(vault)}`.trim();
  }
  const out = path.resolve(text("out") ?? "dist");
  env.WENDA_OUT = out;
  const args = command === "build" ? ["build"] : ["dev", "--host", "127.0.0.1", ...(text("port") ? ["--port", text("port") as string] : [])];
  const astro = path.join(projectRoot, "node_modules", "astro", "astro.js");
  const release = await acquireLock(path.join(projectRoot, "node_modules", ".wenda", "build.lock"), (pid) =>
    process.stderr.write(`wenda ${command}: another wenda build or dev server (pid ${pid}) is using this checkout; waiting for it…\n`),
  );
  const started = performance.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [astro, ...args, "--root", projectRoot], { env, stdio: "inherit" });
    child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  release();
  if (command === "build") {
    if (code !== 0) {
      process.stderr.write(`wenda build: the build failed (exit ${code}); see the messages above\n`);
      return code;
    }
    process.stderr.write(`wenda build: site written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return code;
}

async function preview(dir: string, flags: Map<string, string | true>): Promise<number> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, "index.html"))) throw new Error(`\`${dir}\` has no index.html: run \`wenda build <vault> --out ${dir}\` first`);
  const port = Number(flags.get("port") ?? 4322);
  const server = createStaticServer(root);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  process.stderr.write(`wenda preview: serving ${root} at http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
  await new Promise(() => {});
  return 0;
}

/**
 * A heap limit for the build, in MB. Left alone, V8 lets garbage pile up while Astro writes thousands of pages
 * (813 MB peak at 1000 cards); the live data is far smaller (a 4000-card vault builds within 384 MB of heap),
 * so a limit that grows with the vault keeps the peak down at little cost. A NODE_OPTIONS limit of your own wins.
 */
function heapBudget(vault: string): number {
  const megabytes = listVault(vault).reduce((sum, file) => sum + fs.statSync(file.absolute).size, 0) / 1e6;
  return Math.max(384, Math.round(megabytes * 16));
}
