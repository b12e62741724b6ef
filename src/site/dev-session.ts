/**
 * The `wenda dev` process's one live site: the content loaders of every collection and the integration share it
 * (on `globalThis`: Astro evaluates the content config and `astro.config.mjs` in separate module graphs). A change
 * in the vault updates the site (dev-site.ts); each collection then hears what changed in it, and open tabs hear
 * which URLs changed (the integration passes that on through Vite's HMR channel, see dev-client.ts).
 */
import path from "node:path";
import { within } from "../cli/output.ts";
import { configNames } from "../config.ts";
import { DevSite } from "./dev-site.ts";
import { type Collection, type CollectionDiff, collections, diffCollection } from "./dev-diff.ts";
import { siteConfig, siteState, vaultPath } from "./load.ts";
import { watchFolders } from "./vault-watch.ts";

/**
 * What open tabs are told after an update: base-prefixed decoded URLs whose page changed, of them the ones that
 * are new and the ones that are gone; `all` when every page changed.
 */
export interface ChangedPages {
  urls: string[];
  added: string[];
  removed: string[];
  all: boolean;
}

interface DevSession {
  site: Promise<DevSite>;
  /** Each collection's loader: applies its part of an update to its store and page files. */
  subscribers: Map<Collection, (diff: CollectionDiff) => void>;
  watching: boolean;
}

const key = Symbol.for("wenda.dev-session");
const reloadersKey = Symbol.for("wenda.dev-reloaders");
const holder = globalThis as unknown as Record<symbol, unknown>;

/** The session, started on first use (the first loader to run loads the vault). */
export function devSession(root: string, log: (message: string) => void): DevSession {
  holder[key] ??= { site: openSite(vaultPath(root), log), subscribers: new Map(), watching: false } satisfies DevSession;
  return holder[key] as DevSession;
}

/**
 * Called with the changed URLs after each update: the integration sends them to open tabs. One listener, the
 * current dev server's (Astro sets a new one up when it restarts).
 */
export function onPagesChanged(listener: (changed: ChangedPages) => void): void {
  holder[reloadersKey] = listener;
}

async function openSite(vault: string, log: (message: string) => void): Promise<DevSite> {
  const started = performance.now();
  const workers = process.env.WENDA_WORKERS === undefined ? undefined : Number(process.env.WENDA_WORKERS);
  const site = await DevSite.open(vault, await siteConfig(vault), workers === undefined ? {} : { workers });
  siteState().built = site.model;
  log(`${site.graph.notes.length} notes → ${site.model.stats.cards} cards, ${site.model.stats.questions} questions in ${Math.round(performance.now() - started)} ms; watching for changes`);
  return site;
}

/** A file whose change means a full reload: the config, a Logseq graph's config, the vault's app settings. */
function isSettings(vault: string, file: string): boolean {
  const relative = path.relative(vault, file).split(path.sep).join("/");
  return configNames.includes(relative) || relative === "logseq/config.edn" || relative.startsWith(".obsidian/") || (process.env.WENDA_CONFIG !== undefined && file === path.resolve(process.env.WENDA_CONFIG));
}

/** Files the site never reads: anything under a dot-folder (but the settings above). */
function isIgnored(relative: string): boolean {
  return relative.split("/").some((part) => part.startsWith("."));
}

/**
 * Watch the vault (once per process) and apply changes in order, a burst of events as one update. The vault's
 * folders are watched by vault-watch.ts; Vite's watcher (`watcher`) only for a config file outside the vault.
 */
export function watchVault(session: DevSession, root: string, watcher: { add(paths: string): unknown; on(event: "all", listener: (event: string, file: string) => void): unknown }, log: (message: string) => void): void {
  if (session.watching) return;
  session.watching = true;
  const vault = vaultPath(root);
  const outsideConfig = process.env.WENDA_CONFIG ? path.resolve(process.env.WENDA_CONFIG) : undefined;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue = Promise.resolve();
  const changed = (file: string) => {
    const relative = path.relative(vault, file).split(path.sep).join("/");
    const inVault = !relative.startsWith("../") && relative !== "..";
    if (!isSettings(vault, file) && (!inVault || isIgnored(relative))) return;
    pending.add(file);
    clearTimeout(timer);
    // Editors write a file in several steps (truncate, write, rename): one update for the burst.
    timer = setTimeout(() => {
      const files = [...pending];
      pending.clear();
      queue = queue.then(() => apply(session, vault, files, log)).catch((error: unknown) => log(`cannot refresh after a change: ${error instanceof Error ? error.message : String(error)}`));
    }, 15);
  };
  // Dot-folders are not entered, but for the app's settings (`.obsidian/`).
  watchFolders(vault, { skip: (relative) => isIgnored(relative) && relative !== ".obsidian", onChange: changed });
  if (outsideConfig && !within(outsideConfig, vault)) {
    watcher.add(outsideConfig);
    watcher.on("all", (_event, file) => {
      if (path.resolve(file) === outsideConfig) changed(outsideConfig);
    });
  }
}

async function apply(session: DevSession, vault: string, files: string[], log: (message: string) => void): Promise<void> {
  const site = await session.site;
  const before = site.model;
  let after: DevSite = site;
  if (files.some((file) => isSettings(vault, file))) {
    session.site = openSite(vault, log);
    after = await session.site;
  } else {
    const stats = site.update(files);
    const phases = Object.entries(stats.phases).map(([phase, ms]) => `${phase} ${Math.round(ms)}`).join(", ");
    if (process.env.WENDA_DEBUG) log(`updated ${files.length} files: ${stats.parsed} parsed, ${stats.rendered} rendered in ${Math.round(stats.ms)} ms (${phases})`);
  }
  siteState().built = after.model;
  const changed: ChangedPages = { urls: [], added: [], removed: [], all: false };
  const base = after.model.config.base;
  for (const collection of collections) {
    const diff = diffCollection(before, after.model, collection);
    if (diff.changed.length === 0 && diff.removed.length === 0) continue;
    session.subscribers.get(collection)?.(diff);
    if (collection === "site") changed.all = true;
    if (collection === "site") continue;
    const url = (id: string) => `${base}${id.slice(1)}`;
    for (const id of [...diff.changed.map((entry) => entry.id), ...diff.removed]) changed.urls.push(url(id));
    changed.added.push(...diff.added.map(url));
    changed.removed.push(...diff.removed.map(url));
  }
  const listener = holder[reloadersKey] as ((changed: ChangedPages) => void) | undefined;
  if (changed.all || changed.urls.length) listener?.(changed);
}
