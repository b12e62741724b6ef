/**
 * Which files are Logseq pages, and what their properties mean to the graph.
 *
 * A file is parsed with the Logseq outline grammar (`plugins/logseq-outline/`) when either
 * - it is under `pages/` or `journals/` of a Logseq graph: a folder holding `logseq/config.edn`, at the vault root
 *   or anywhere inside it (`markLogseqPages`, file-system facts, computed once in `listVault`); or
 * - it is shaped like a Logseq page inside another vault (the seed's `Logseq元问题库/pages/…`): it sits in a folder
 *   named `pages` or `journals`, and its first line (after any front matter) is a `- ` bullet or a `key:: value`
 *   property (`looksLikeLogseqPage`, from the path and the text alone).
 * Obsidian cards (`* ` bullets, DG's `{ #id}` lines) never match either rule and keep CommonMark.
 */
import fs from "node:fs";
import path from "node:path";

/** The folder segments Logseq keeps pages in. */
const pageFolders = /(?:^|\/)(?:pages|journals)\//;

/** Set `logseq: true` on the files under `pages/` or `journals/` of a folder with `logseq/config.edn`. */
export function markLogseqPages(root: string, files: { path: string; logseq?: boolean }[]): void {
  const isGraph = new Map<string, boolean>();
  for (const file of files) {
    const match = /^(?:(.*)\/)?(?:pages|journals)\//.exec(file.path);
    if (!match) continue;
    const graph = match[1] ?? "";
    let known = isGraph.get(graph);
    if (known === undefined) {
      known = fs.existsSync(path.join(root, graph, "logseq", "config.edn"));
      isGraph.set(graph, known);
    }
    if (known) file.logseq = true;
  }
}

/** A Logseq page outside a recognized graph: in a `pages/` or `journals/` folder and opening with a bullet or property. */
export function looksLikeLogseqPage(filePath: string, source: string): boolean {
  if (!pageFolders.test(filePath)) return false;
  let text = source.replace(/^\uFEFF/, "");
  if (/^---\r?\n/.test(text)) {
    const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
    if (close) text = text.slice(3 + close.index + close[0].length);
  }
  const first = /^[ \t]*\S.*$/m.exec(text)?.[0].trimStart() ?? "";
  return /^-(?:[ \t]|$)/.test(first) || /^[\p{L}_][\p{L}\p{M}\p{N}_\-./?]*::(?:[ \t]|$)/u.test(first);
}

/** Logseq's `public:: false` page property: the page is not published. */
export function isLogseqPublic(properties: Readonly<Record<string, string>>): boolean {
  return !/^false$/i.test((properties.public ?? "").trim());
}
