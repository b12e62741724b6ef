/**
 * The site's own Mermaid (node_modules/mermaid, no CDN): its ES-module build is copied into the output under
 * `/_wenda/mermaid/` when some page has a diagram, and only pages with one load it (see Mermaid.astro). The ES
 * build's entry is 30 KB and fetches the chunks of just the diagram types a page uses, where the single-file
 * `mermaid.min.js` is 3.5 MB for every diagram.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Site path of the folder the bundle is served from. */
export const mermaidFolder = "/_wenda/mermaid/";
/** Site URL (decoded, without the base) of the entry module. */
export const mermaidEntry = `${mermaidFolder}mermaid.esm.min.mjs`;

/** `node_modules/mermaid/dist`. */
export function mermaidDist(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("mermaid/package.json")), "dist");
}

/** The files to serve: site path under `mermaidFolder` → absolute source (the entry and its chunks, no maps). */
export function mermaidFiles(): Map<string, string> {
  const dist = mermaidDist();
  const files = new Map([["mermaid.esm.min.mjs", path.join(dist, "mermaid.esm.min.mjs")]]);
  const chunks = path.join(dist, "chunks", "mermaid.esm.min");
  for (const name of fs.readdirSync(chunks)) {
    if (name.endsWith(".mjs")) files.set(`chunks/mermaid.esm.min/${name}`, path.join(chunks, name));
  }
  return files;
}

/** Copy the bundle into the built site at `out`; returns the number of files. */
export function copyMermaid(out: string): number {
  const files = mermaidFiles();
  for (const [relative, from] of files) {
    const target = path.join(out, mermaidFolder, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(from, target);
  }
  return files.size;
}
