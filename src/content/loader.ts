/**
 * Astro content-layer loaders: one per collection, all fed by the one site model (parsed once). In dev, a change
 * in the vault rebuilds the model and refreshes every collection.
 */
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { loadSite, vaultPath } from "../site/load.ts";
import path from "node:path";
import { HtmlFiles } from "../site/html-files.ts";
import type { SiteModel } from "../site/model.ts";

type Collection = "notes" | "questions" | "tags" | "site";

function entries(model: SiteModel, collection: Collection, html: HtmlFiles): { id: string; data: Record<string, unknown> }[] {
  switch (collection) {
    case "notes":
      return model.notes.map(({ html: body, ...page }) => ({ id: page.url, data: { ...page, htmlFile: html.put(body) } }));
    case "questions":
      return model.questions.map(({ ownHtml, answers, ...page }) => ({
        id: page.url,
        data: {
          ...page,
          ...(ownHtml !== undefined ? { ownHtmlFile: html.put(ownHtml) } : {}),
          answers: answers.map(({ html: body, card }) => ({ card, htmlFile: html.put(body) })),
        },
      }));
    case "tags":
      return model.tags.map((page) => ({ id: page.url, data: { ...page } }));
    case "site": {
      const { notes: _n, questions: _q, tags: _t, ...site } = model;
      return [{ id: "site", data: { ...site } }];
    }
  }
}

export function wendaLoader(collection: Collection): Loader {
  return {
    name: `wenda-${collection}`,
    load: async ({ store, logger, config, watcher }: LoaderContext) => {
      const root = fileURLToPath(config.root);
      const fill = async (fresh: boolean) => {
        const model = await loadSite({ root, fresh, log: (message) => collection === "notes" && logger.info(message) });
        const html = new HtmlFiles(path.join(root, "node_modules", ".wenda", "html", collection));
        store.clear();
        for (const entry of entries(model, collection, html)) store.set(entry);
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
