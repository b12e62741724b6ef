/**
 * Astro content-layer loaders: one per collection, all fed by the one site model (parsed once). In dev the model
 * lives on (src/site/dev-session.ts): a change in the vault updates it, and each collection rewrites only the
 * page files that changed and sets or deletes only the entries that did.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { type Collection, type PageEntry, pageEntries } from "../site/dev-diff.ts";
import { devSession, watchVault } from "../site/dev-session.ts";
import { loadSite } from "../site/load.ts";
import { PageFiles } from "../site/page-files.ts";

export function wendaLoader(collection: Collection): Loader {
  return {
    name: `wenda-${collection}`,
    load: async ({ store, logger, config, watcher }: LoaderContext) => {
      const root = fileURLToPath(config.root);
      const folder = path.join(root, "node_modules", ".wenda", "pages", collection);
      const log = (message: string) => logger.info(message);
      const files = new PageFiles(path.join(folder, nextGeneration()));
      const stored = new Map<string, string>();
      const put = (entry: PageEntry) => {
        const file = files.put(entry.id, entry.page);
        // An entry whose title and file are unchanged stays: only its file's content changed, and the page reads
        // the file when it renders. Touching the store costs a data-store write and a reload of every tab.
        if (stored.get(entry.id) === entry.title) return;
        stored.set(entry.id, entry.title);
        store.set({ id: entry.id, data: { ...(collection === "site" ? {} : { url: entry.id, title: entry.title }), file } });
      };
      const started = performance.now();
      // The store starts as the last run left it (`.astro/data-store.json`): entries of deleted notes included.
      store.clear();
      if (!watcher) {
        const model = await loadSite({ root, log });
        for (const entry of pageEntries(model, collection)) put(entry);
      } else {
        const session = devSession(root, log);
        const site = await session.site;
        for (const entry of pageEntries(site.model, collection)) put(entry);
        session.subscribers.set(collection, (diff) => {
          for (const id of diff.removed) {
            store.delete(id);
            stored.delete(id);
          }
          for (const entry of diff.changed) put(entry);
        });
        watchVault(session, root, watcher, log);
      }
      pruneGenerations(folder, 1);
      if (process.env.WENDA_DEBUG) logger.info(`${collection}: stored in ${Math.round(performance.now() - started)} ms`);
    },
  };
}

let generations = 0;

/** A new folder name for one load's page files: sortable by time, unique in this process. */
function nextGeneration(): string {
  generations += 1;
  return `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${String(generations).padStart(6, "0")}`;
}

/**
 * Keep the newest `keep` page-file generations of a collection. In dev the one generation lives as long as the
 * server: a deleted note's file stays until then, so a request Astro still routes to the old entry (before its
 * data store is written) renders the old page rather than failing (a deleted note's URL must go from its old page
 * straight to 404, never 500).
 */
function pruneGenerations(folder: string, keep: number): void {
  const names = fs.readdirSync(folder);
  const ours = names.filter((name) => /^[0-9a-z]{10}-\d+-\d{6}$/.test(name)).sort();
  const stale = [...names.filter((name) => !ours.includes(name)), ...ours.slice(0, Math.max(0, ours.length - keep))];
  // In the background: thousands of unlinks took seconds of the build's main thread (the files are never read again).
  for (const name of stale) void fs.promises.rm(path.join(folder, name), { recursive: true, force: true }).catch(() => {});
}
