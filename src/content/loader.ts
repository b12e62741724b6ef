/**
 * Astro content-layer loaders: one per collection, all fed by the one site model (parsed once). In dev, a change
 * in the vault rebuilds the model and refreshes every collection.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { loadSite, vaultPath } from "../site/load.ts";
import { PageFiles } from "../site/page-files.ts";
import type { SiteModel } from "../site/model.ts";

type Collection = "notes" | "questions" | "tags" | "comments" | "site";

function entries(model: SiteModel, collection: Collection, files: PageFiles): { id: string; data: Record<string, unknown> }[] {
  const entry = (page: { url: string; title?: string; name?: string }) => ({
    id: page.url,
    data: { url: page.url, title: page.title ?? page.name ?? page.url, file: files.put(page.url, page) },
  });
  switch (collection) {
    case "notes":
      return model.notes.map(entry);
    case "questions":
      return model.questions.map(entry);
    case "tags":
      return model.tags.map(entry);
    case "comments":
      return model.commentPages.map(entry);
    case "site": {
      const { notes: _n, questions: _q, tags: _t, commentPages: _c, graph, ...site } = model;
      // The graph view is read by /graph.json alone, not by every page's layout.
      return [
        { id: "site", data: { file: files.put("site", site) } },
        { id: "graph", data: { file: files.put("graph", graph) } },
      ];
    }
  }
}

export function wendaLoader(collection: Collection): Loader {
  return {
    name: `wenda-${collection}`,
    load: async ({ store, logger, config, watcher }: LoaderContext) => {
      const root = fileURLToPath(config.root);
      const folder = path.join(root, "node_modules", ".wenda", "pages", collection);
      const fill = async (fresh: boolean) => {
        const model = await loadSite({ root, fresh, log: (message) => logger.info(message) });
        const files = new PageFiles(path.join(folder, nextGeneration()));
        const started = performance.now();
        store.clear();
        for (const entry of entries(model, collection, files)) store.set(entry);
        pruneGenerations(folder, watcher ? 2 : 1);
        if (process.env.WENDA_DEBUG) logger.info(`${collection}: stored in ${Math.round(performance.now() - started)} ms`);
      };
      await fill(false);
      if (watcher) {
        const vault = vaultPath(root);
        watcher.add(vault);
        let pending: ReturnType<typeof setTimeout> | undefined;
        watcher.on("all", (_event, changed) => {
          if (!changed.startsWith(vault) || !changed.endsWith(".md")) return;
          clearTimeout(pending);
          // Every collection hears the event; the first to run rebuilds, the others reuse it.
          pending = setTimeout(() => {
            fill(collection === "notes").catch((error: unknown) => logger.error(`cannot refresh after a change: ${error instanceof Error ? error.message : String(error)}`));
          }, collection === "notes" ? 50 : 300);
        });
      }
    },
  };
}

let generations = 0;

/** A new folder name for one fill's page files: sortable by time, unique in this process. */
function nextGeneration(): string {
  generations += 1;
  return `${Date.now().toString(36).padStart(10, "0")}-${process.pid}-${String(generations).padStart(6, "0")}`;
}

/**
 * Keep the newest `keep` page-file generations of a collection. In dev the previous one stays: for a moment
 * after a refresh Astro may still render from the entries it had, and a page whose file was already gone
 * answered 500 (a deleted note's URL must go from its old page straight to 404).
 */
function pruneGenerations(folder: string, keep: number): void {
  const names = fs.readdirSync(folder);
  const ours = names.filter((name) => /^[0-9a-z]{10}-\d+-\d{6}$/.test(name)).sort();
  const stale = [...names.filter((name) => !ours.includes(name)), ...ours.slice(0, Math.max(0, ours.length - keep))];
  for (const name of stale) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
}
