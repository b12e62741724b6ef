/**
 * The wenda Astro integration: after the build it copies the media the notes use and indexes the site with
 * Pagefind (a failed index fails the build); in dev it serves those media files.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
// Imported up front: the config's module runner is closed by the time `astro:build:done` runs.
import * as pagefind from "pagefind";
import { sendFile } from "./cli/serve.ts";
import { katexAssets, katexFolder } from "./render/katex-assets.ts";
import { devClient } from "./site/dev-client.ts";
import { onPagesChanged } from "./site/dev-session.ts";
import { siteState } from "./site/load.ts";
import { copyMermaid, mermaidFiles, mermaidFolder } from "./site/mermaid.ts";

export function wenda(): AstroIntegration {
  return {
    name: "wenda",
    hooks: {
      // Dev only: open tabs reload when their page changed (a built site gets no such script).
      "astro:config:setup": ({ command, injectScript }) => {
        if (command === "dev") injectScript("page", devClient);
      },
      "astro:server:setup": ({ server }) => {
        onPagesChanged((changed) => server.hot.send("wenda:changed", changed));
        server.middlewares.use((req, res, next) => {
          const media = siteState().built?.media ?? [];
          let url: string;
          try {
            url = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
          } catch {
            return next(); // A malformed %-escape names no media file.
          }
          const katex = url.includes(`/${katexFolder}/`) ? katexAssets().get(url.slice(url.indexOf(`/${katexFolder}/`) + katexFolder.length + 2)) : undefined;
          if (katex) return sendFile(req, res, katex);
          const hit = media.find((copy) => url.endsWith(`/${copy.to}`));
          const bundled = url.includes(mermaidFolder) ? mermaidFiles().get(url.slice(url.indexOf(mermaidFolder) + mermaidFolder.length)) : undefined;
          if (!hit && !bundled) return next();
          sendFile(req, res, hit?.from ?? (bundled as string));
        });
      },
      "astro:build:done": async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        // Astro leaves these two internal modules at the root of an out-of-project outDir; they are not the site's.
        for (const internal of ["content-assets.mjs", "content-modules.mjs"]) fs.rmSync(path.join(out, internal), { force: true });
        const model = siteState().built;
        for (const copy of model?.media ?? []) {
          const target = path.join(out, copy.to);
          if (!target.startsWith(out)) continue;
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.copyFileSync(copy.from, target);
        }
        if (model?.media.length) logger.info(`copied ${model.media.length} media files`);
        const diagrams = (model?.notes.filter((page) => page.diagram).length ?? 0) + (model?.questions.filter((page) => page.diagram).length ?? 0);
        if (diagrams) logger.info(`${diagrams} pages with diagrams: copied Mermaid (${copyMermaid(out)} files)`);
        // KaTeX's stylesheet and fonts, when a page shows math.
        if (model?.notes.some((page) => page.math) || model?.questions.some((page) => page.math)) {
          for (const [name, from] of katexAssets()) {
            const target = path.join(out, katexFolder, name);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.copyFileSync(from, target);
          }
        }
        const started = performance.now();
        const { index, errors } = await pagefind.createIndex({ forceLanguage: model?.config.searchLanguage ?? "zh-cn" });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
        const added = await index.addDirectory({ path: out });
        if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join("; ")}`);
        const written = await index.writeFiles({ outputPath: path.join(out, "pagefind") });
        if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
        await pagefind.close();
        logger.info(`search index: ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
