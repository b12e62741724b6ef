/**
 * The bench's own list of a vault's `.md` files, with the same rules as `listVault` (src/graph/vault.ts), so the
 * floor phase reads exactly what loadVault reads without loading wenda's plugins (which would inflate its RSS).
 * The parent checks that both phases saw the same number of files and bytes.
 */
import fs from "node:fs";
import path from "node:path";

const skippedFolders = new Set([
  "node_modules",
  ".obsidian",
  ".logseq",
  ".git",
  ".trash",
  "logseq/bak",
  "logseq/.recycle",
]);

/** Absolute paths of every `.md` file under `root`, sorted by vault-relative path; symlinks not followed. */
export function listMarkdown(root: string): string[] {
  const files: { rel: string; absolute: string }[] = [];
  const walk = (folder: string, relative: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || skippedFolders.has(entry.name) || skippedFolders.has(rel)) continue;
        walk(path.join(folder, entry.name), rel);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith(".md")) {
        files.push({
          rel: rel.normalize("NFC"),
          absolute: path.join(folder, entry.name),
        });
      }
    }
  };
  walk(root, "");
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)).map((f) => f.absolute);
}

/** Sum of the files' sizes on disk, in bytes. */
export function totalBytes(files: readonly string[]): number {
  let bytes = 0;
  for (const file of files) bytes += fs.statSync(file).size;
  return bytes;
}
