/**
 * `wenda build | dev | preview`: Astro runs in a child process, always started in the wenda package itself
 * (its cwd and root), with the vault, config and folders passed through the environment (astro.config.mjs and
 * the content loader read them). Nothing here depends on the caller's working directory beyond resolving the
 * paths it was given.
 *
 * Why the build goes to a work folder inside the package: Astro writes its server chunks under the outDir when
 * that is inside its cwd (else into `<cwd>/.astro/`, copied into the site afterwards), and imports them to
 * render the pages; outside the package those chunks cannot resolve wenda's dependencies (`Cannot find package
 * 'piccolore'`), and `<cwd>/.astro/` may hold a dev server's data store. So Astro builds into
 * `node_modules/.wenda/site/` of the package, and the finished site is then moved to `--out`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, normalizeSite } from "../config.ts";
import { listVault } from "../graph/vault.ts";
import { UserError } from "./args.ts";
import { acquireLock } from "./lock.ts";
import { vaultArgument } from "./main.ts";
import { checkOutput, type Protected, publishSite, siteMarker, within, realPath } from "./output.ts";
import { cacheDirFor, codeVersion } from "../site/parse-cache.ts";
import { createStaticServer } from "./serve.ts";

/** The wenda package: a checkout, or `…/node_modules/wenda/` when installed. */
export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/** wenda's per-checkout scratch space (lock, page data, the build's work folder). */
export const workRoot = path.join(projectRoot, "node_modules", ".wenda");

/** The folder holding `astro`: the package's own node_modules, or an installing project's (hoisted). */
function astroModules(): string {
  for (let dir = projectRoot; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules");
    if (fs.existsSync(path.join(candidate, "astro", "astro.js"))) return candidate;
    if (path.dirname(dir) === dir) throw new UserError("cannot find the `astro` package wenda runs on; reinstall wenda (npm install)");
  }
}

type Flags = Map<string, string | true>;
const text = (flags: Flags, name: string) => {
  const value = flags.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function siteCommand(command: "build" | "dev" | "preview", positionals: string[], flags: Flags): Promise<number> {
  if (command === "preview") return preview(positionals[0] ?? "dist", flags);
  const vault = vaultArgument(positionals, command);
  // Read in this process first, so a bad config is one line here rather than a stack trace from Astro.
  const configFile = text(flags, "config");
  const config = await loadConfig(vault, configFile);
  const env: NodeJS.ProcessEnv = { ...process.env, WENDA_VAULT: vault, ASTRO_TELEMETRY_DISABLED: "1" };
  if (configFile) env.WENDA_CONFIG = path.resolve(configFile);
  // Astro reads its base from the environment: a `base` in the config file must get there too (--base wins).
  const base = text(flags, "base") ?? (config.base && config.base !== "/" ? config.base : undefined);
  if (base) env.WENDA_BASE = base;
  const site = text(flags, "site");
  if (site) {
    if (!normalizeSite(site)) throw new UserError(`--site \`${site}\` is not an http(s) address such as https://notes.example.com`, 2);
    env.WENDA_SITE = site;
  }
  const media = text(flags, "media");
  if (media) {
    const remote = /^https?:\/\//.test(media);
    env.WENDA_MEDIA = remote ? media : path.resolve(media);
    if (remote) delete config.media.dir;
    else config.media.dir = path.resolve(media);
  }
  const modules = astroModules();
  const astro = path.join(modules, "astro", "astro.js");
  const guarded: Protected[] = [{ label: "vault", dir: vault }];
  if (config.media.dir) guarded.push({ label: "media folder", dir: config.media.dir });
  const cache = cacheFolder(flags, vault, guarded);
  if (cache) {
    env.WENDA_CACHE_DIR = cache;
    env.WENDA_CODE_VERSION = codeVersion();
    if (command === "build") env.WENDA_PAGE_CACHE = "1";
  } else {
    delete env.WENDA_CACHE_DIR;
    delete env.WENDA_PAGE_CACHE;
  }

  if (command === "dev") {
    const port = Number(text(flags, "port") ?? 4321);
    await ensurePortFree(port);
    // Vite's `server.fs.allow`: the package (and the node_modules its dependencies were hoisted to), the vault,
    // the media folder. Everything else answers 403.
    const allow = [projectRoot, vault, ...(config.media.dir ? [config.media.dir] : [])];
    if (!modules.startsWith(projectRoot)) allow.push(modules);
    env.WENDA_FS_ALLOW = JSON.stringify(allow);
    makeCache(cache);
    return withLock(command, () => runAstro(astro, ["dev", "--host", "127.0.0.1", "--port", String(port)], env));
  }

  const shownOut = text(flags, "out") ?? "dist";
  const out = path.resolve(shownOut);
  // `wenda build` from inside the vault with the default `dist`: refused like any other --out inside it.
  guarded.push({ label: "work folder of wenda", dir: workRoot });
  if (cache) guarded.push({ label: "cache folder", dir: cache });
  checkOutput(out, guarded, shownOut);
  makeCache(cache);
  if (!/max-old-space-size/.test(env.NODE_OPTIONS ?? "")) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --max-old-space-size=${heapBudget(vault)}`.trim();
  }
  const work = path.join(workRoot, "site");
  env.WENDA_OUT = work;
  return withLock(command, async () => {
    const started = performance.now();
    fs.rmSync(work, { recursive: true, force: true });
    const code = await runAstro(astro, ["build"], env);
    if (code !== 0 || !fs.existsSync(path.join(work, "index.html"))) {
      fs.rmSync(work, { recursive: true, force: true });
      const kept = fs.existsSync(path.join(out, siteMarker)) ? `; the previous site in ${out} is untouched` : "";
      process.stderr.write(`wenda build: the build failed (exit ${code}); see the messages above${kept}\n`);
      return code || 1;
    }
    // Checked again: the folder may have changed during the build.
    checkOutput(out, guarded, shownOut);
    publishSite(work, out);
    process.stderr.write(`wenda build: site written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  });
}

/** The file that marks a folder as wenda's cache (so a cache is never made in, or pruned from, a folder of yours). */
const cacheMarker = ".wenda-cache";

/**
 * The cache folder of this build (`--cache-dir`, else one per vault under the work folder; made by `makeCache`
 * once `--out` is checked too); `undefined` with `--no-cache`. It may not overlap the vault or the media folder, and a `--cache-dir` that
 * already holds files must be one wenda made.
 */
function cacheFolder(flags: Flags, vault: string, guarded: readonly Protected[]): string | undefined {
  if (flags.has("no-cache")) {
    if (flags.has("cache-dir")) throw new UserError("--cache-dir and --no-cache cannot be used together", 2);
    return undefined;
  }
  const given = text(flags, "cache-dir");
  const dir = given ? path.resolve(given) : cacheDirFor(workRoot, vault);
  const real = realPath(dir);
  for (const { label, dir: other } of guarded) {
    if (within(real, realPath(other)) || within(realPath(other), real)) throw new UserError(`refusing --cache-dir \`${given ?? dir}\`: it overlaps the ${label} (${other}); pick a folder outside it`, 2);
  }
  if (fs.existsSync(dir) && !fs.existsSync(path.join(dir, cacheMarker))) {
    if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) throw new UserError(`refusing --cache-dir \`${given ?? dir}\`: it is not empty and not a wenda cache (no ${cacheMarker} file); pick a new folder`, 2);
  }
  return dir;
}

/** Create and mark the cache folder, once every check has passed. */
function makeCache(dir: string | undefined): void {
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, cacheMarker), "wenda's build cache: safe to delete\n");
}

/** Run `task` holding the per-checkout lock (Astro's `.astro/` and wenda's page files are shared). */
async function withLock(command: string, task: () => Promise<number>): Promise<number> {
  const release = await acquireLock(path.join(workRoot, "build.lock"), (pid) =>
    process.stderr.write(`wenda ${command}: another wenda build or dev server (pid ${pid}) is using this checkout; waiting for it…\n`),
  );
  try {
    return await task();
  } finally {
    release();
  }
}

/**
 * `node astro.js …` in the package, with SIGINT/SIGTERM/SIGHUP passed on: the child stops with us, and we exit
 * once it has (a signal is the process's usual exit code then, 128 + its number). If wenda is killed outright
 * (SIGKILL), `orphan-guard.cjs` in the child notices within a second and stops it.
 */
function runAstro(astro: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise<number>((resolve) => {
    const guard = fileURLToPath(new URL("./orphan-guard.cjs", import.meta.url));
    // WENDA_CPU_PROF=<dir>: a V8 CPU profile of the Astro process (and its workers), written there when it exits.
    const profile = env.WENDA_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(env.WENDA_CPU_PROF)}`] : [];
    const child = spawn(process.execPath, [...profile, "--require", guard, astro, ...args, "--root", projectRoot], { cwd: projectRoot, env, stdio: "inherit" });
    let received: NodeJS.Signals | undefined;
    const forward = (signal: NodeJS.Signals) => {
      received = signal;
      child.kill(signal);
    };
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    child.on("error", (error) => {
      process.stderr.write(`wenda: cannot start Astro: ${error.message}\n`);
      resolve(1);
    });
    child.on("exit", (status, signal) => {
      for (const s of signals) process.off(s, forward);
      const stopped = received ?? signal;
      resolve(stopped ? 128 + (stopped === "SIGINT" ? 2 : stopped === "SIGHUP" ? 1 : 15) : (status ?? 1));
    });
  });
}

/** Fail with one line when `port` on 127.0.0.1 is taken, before Astro starts (it would pick another). */
async function ensurePortFree(port: number): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
  } catch (error) {
    throw portError(port, error);
  } finally {
    server.close();
  }
}

function portError(port: number, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return new UserError(`port ${port} on 127.0.0.1 is in use (EADDRINUSE); stop what uses it or pick another with --port`);
  if (code === "EACCES") return new UserError(`port ${port} needs more privileges (EACCES); pick one above 1023 with --port`);
  return error instanceof Error ? error : new Error(String(error));
}

async function preview(dir: string, flags: Flags): Promise<number> {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, "index.html"))) throw new UserError(`\`${dir}\` has no index.html: run \`wenda build <vault> --out ${dir}\` first`);
  const port = Number(text(flags, "port") ?? 4322);
  const server = createStaticServer(root);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
  } catch (error) {
    throw portError(port, error);
  }
  process.stderr.write(`wenda preview: serving ${root} at http://127.0.0.1:${port}/ (Ctrl-C to stop)\n`);
  await new Promise(() => {});
  return 0;
}

/**
 * A heap limit for the build, in MB. Left alone, V8 lets garbage pile up while Astro writes thousands of pages
 * (813 MB peak at 1000 cards); the live data is far smaller, so a limit that grows with the vault keeps the peak
 * down at little cost. 16 MB per MB of notes was too little once pages carried more (the generated 4,000-card
 * vault, 29 MB of notes, ran out at 470 MB while assembling the site): 24 leaves room. A NODE_OPTIONS limit of
 * your own wins.
 */
function heapBudget(vault: string): number {
  const megabytes = listVault(vault).reduce((sum, file) => sum + fs.statSync(file.absolute).size, 0) / 1e6;
  return Math.max(512, Math.round(megabytes * 24));
}
