/**
 * KaTeX's stylesheet and fonts, served by the site itself under `/_wenda/katex/` (no CDN): copied from the
 * installed `katex` package after the build, and served from it by the dev server. Only the WOFF2 fonts are
 * copied: every browser that runs the site's CSS reads WOFF2, and it never asks for the older formats the
 * stylesheet lists after it.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Site path of the stylesheet (pages that show math link it). */
export const katexStylesheet = "/_wenda/katex/katex.min.css";

/** Site folder of the assets. */
export const katexFolder = "_wenda/katex";

/** KaTeX's `dist/` folder. */
export function katexDist(): string {
  return path.dirname(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"));
}

/** The files to serve: path under `/_wenda/katex/` → absolute source. */
export function katexAssets(): Map<string, string> {
  const dist = katexDist();
  const assets = new Map([["katex.min.css", path.join(dist, "katex.min.css")]]);
  for (const font of fs.readdirSync(path.join(dist, "fonts"))) {
    if (font.endsWith(".woff2")) assets.set(`fonts/${font}`, path.join(dist, "fonts", font));
  }
  return assets;
}
