/**
 * The Pagefind index of the finished site, read from disk. Indexing from disk in path order (rather than feeding
 * pages as Astro renders them) makes an incremental build's index byte-identical to a cold build's: the copied
 * pages of an incremental build are indexed exactly like the freshly rendered ones.
 */
import path from "node:path";
import * as pagefind from "pagefind";

/** Index the site in `out` and write the index to `out/pagefind/`; returns the HTML files it read (Pagefind leaves
 * out a page without `data-pagefind-body` when another page has one). */
export async function finishSearchIndex(out: string, language: string): Promise<number> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: out });
    if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath: path.join(out, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
