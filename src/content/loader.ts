/**
 * Astro content-layer loaders: one per collection, all fed by the one site model (parsed once). In dev, a change
 * in the vault rebuilds the model and refreshes every collection.
 */
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { loadSite, vaultPath } from "../site/load.ts";
import path from "node:path";
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
      const { notes: _n, questions: _q, tags: _t, commentPages: _c, ...site } = model;
      return [{ id: "site", data: { file: files.put("site", site) } }];
    }
  }
}

export function wendaLoader(collection: Collection): Loader {
  return {
    name: `wenda-${collection}`,
    load: async ({ store, logger, config, watcher }: LoaderContext) => {
      const root = fileURLToPath(config.root);
      const fill = async (fresh: boolean) => {
        const model = await loadSite({ root, fresh, log: (message) => logger.info(message) });
        const files = new PageFiles(path.join(root, "node_modules", ".wenda", "pages", collection));
        const started = performance.now();
        store.clear();
        for (const entry of entries(model, collection, files)) store.set(entry);
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
          pending = setTimeout(() => void fill(collection === "notes"), collection === "notes" ? 50 : 300);
        });
      }
    },
  };
}
