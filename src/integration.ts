/**
 * The wenda Astro integration: at the start of a build it starts the parse and a Pagefind index fed as pages
 * render (src/site/search-index.ts); after it, it copies the media the notes use and finishes the index (a failed
 * index fails the build); in dev it serves those media files.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { sendFile } from "./cli/serve.ts";
import { katexAssets, katexFolder } from "./render/katex-assets.ts";
import { generationTiming, PageGenerations } from "./site/dev-catch-up.ts";
import { devClient } from "./site/dev-client.ts";
import { onPagesChanged } from "./site/dev-session.ts";
import { loadSite, siteState } from "./site/load.ts";
import { completeBuild, htmlFiles } from "./site/page-cache.ts";
// Imported up front: the config's module runner is closed by the time `astro:build:done` runs.
import { finishSearchIndex } from "./site/search-index.ts";
import { copyMermaid, mermaidFiles, mermaidFolder } from "./site/mermaid.ts";
import { writePublishingFiles } from "./site/publish-files.ts";

export function wenda(): AstroIntegration {
  // Astro's own base: what every page's links use, so the sitemap and feed agree with them.
  let base = "/";
  return {
    name: "wenda",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:config:setup": ({ command, config, injectScript, logger }) => {
        // Dev only: open tabs reload when their page changed (a built site gets no such script).
        if (command === "dev") injectScript("page", devClient);
        if (command !== "build") return;
        // Parse in the workers while Astro sets up Vite; the content loader awaits this same promise.
        void loadSite({ root: fileURLToPath(config.root), log: (message) => logger.info(message) }).catch(() => {});
      },
      "astro:server:setup": ({ server }) => {
        // A tab that reloads misses what changes while it loads: it says which update it was served at (dev-catch-up.ts).
        const generations = new PageGenerations();
        onPagesChanged((changed) => {
          generations.record(changed);
          server.hot.send("wenda:changed", changed);
        });
        server.hot.on("wenda:loaded", (data: { url?: unknown; generation?: unknown }, client: { send(payload: unknown): void }) => {
          if (typeof data?.url !== "string" || typeof data.generation !== "number") return;
          const missed = generations.missed(data.url, data.generation);
          if (missed) client.send({ type: "custom", event: "wenda:changed", data: missed });
        });
        server.middlewares.use((_req, res, next) => {
          res.setHeader("Server-Timing", `${generationTiming};desc="${generations.current}"`);
          next();
        });
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
        const language = model?.config.searchLanguage ?? "zh-cn";
        // The unchanged pages of an incremental build are copied in first; the index may be the previous one.
        await completeBuild(out, language, async () => {
          const started = performance.now();
          const indexed = await finishSearchIndex(out, language);
          logger.info(`search index: ${indexed} pages in ${Math.round(performance.now() - started)} ms`);
        }, (message) => logger.info(message));
        // Every page of the site, the copied ones of an incremental build included.
        const pathnames = htmlFiles(out).flatMap((file) => (file === "404.html" ? [] : [file.replace(/(^|\/)index\.html$/, "$1")]));
        if (model) logger.info(writePublishingFiles(out, model, base, pathnames));
      },
    },
  };
}
