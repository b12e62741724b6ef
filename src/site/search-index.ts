/**
 * The Pagefind index, fed while Astro renders. Astro writes pages on one thread; Pagefind parses and segments
 * them in its own process, so handing it each page as it is produced (src/search-feed.ts, a middleware) runs
 * the two side by side instead of one after the other, and Pagefind never reads the site back from disk.
 *
 * What it indexes is what `addDirectory` over the finished site would: every HTML file. A page without
 * `data-pagefind-body` is left out when another has one (Pagefind drops it then anyway); pages the middleware
 * never saw (copied in by an incremental build) are read from disk at the end; and if no page has a body, or
 * a fed path is not a file of the site, the whole site is indexed from disk as before.
 */
import fs from "node:fs";
import path from "node:path";
import * as pagefind from "pagefind";
import type { PagefindIndex } from "pagefind";

type Feed = (pathname: string, html: string) => Promise<void>;
type Log = (message: string) => void;

/** The middleware finds the feed here: it runs in Astro's bundled server code, another module graph. */
const feedKey = Symbol.for("wenda.search-feed");
const store = globalThis as unknown as Record<symbol, Feed | undefined>;

/** Pages handed to Pagefind and not yet answered; past this the renderer waits, so memory stays flat. */
const inFlightLimit = 32;

/** `data-pagefind-body` as an attribute (escaped text never has a `<` before it). */
const bodyAttribute = /<[^>]*\sdata-pagefind-body[\s=>/]/;

export interface LiveIndex {
  index: PagefindIndex;
  /** Site-relative file paths (`q/x/index.html`) already added, or seen and left out. */
  fed: Set<string>;
  skipped: Set<string>;
  errors: string[];
  pending: Set<Promise<unknown>>;
}

let live: LiveIndex | undefined;

/** The file a page's URL path is written to (`format: "directory"`, `trailingSlash: "always"`). */
export function sourcePathOf(pathname: string, base: string): string {
  let rel = decodeURIComponent(pathname);
  const prefix = base.endsWith("/") ? base : `${base}/`;
  if (rel.startsWith(prefix)) rel = rel.slice(prefix.length);
  else if (`${rel}/` === prefix) rel = "";
  rel = rel.replace(/^\/+/, "");
  if (rel === "404/" || rel === "404") return "404.html";
  if (rel === "" || rel.endsWith("/")) return `${rel}index.html`;
  return rel.endsWith(".html") ? rel : `${rel}/index.html`;
}

/** Start Pagefind and expose the feed; call before pages render. */
export async function startSearchIndex(language: string, base: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const state: LiveIndex = { index, fed: new Set(), skipped: new Set(), errors: [], pending: new Set() };
  live = state;
  store[feedKey] = async (pathname, html) => {
    const sourcePath = sourcePathOf(pathname, base);
    if (!bodyAttribute.test(html)) {
      state.skipped.add(sourcePath);
      return;
    }
    state.fed.add(sourcePath);
    const added = index.addHTMLFile({ sourcePath, content: html }).then((response) => {
      for (const error of response.errors) state.errors.push(`${sourcePath}: ${error}`);
    });
    state.pending.add(added);
    void added.finally(() => state.pending.delete(added));
    while (state.pending.size >= inFlightLimit) await Promise.race(state.pending);
  };
}

/** Every HTML file under `dir`, site-relative with `/`, the Pagefind output folder left out. */
export function htmlFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, rel: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (childRel !== "pagefind") walk(path.join(folder, entry.name), childRel);
      } else if (entry.isFile() && entry.name.endsWith(".html")) found.push(childRel);
    }
  };
  walk(dir, "");
  return found;
}

/**
 * Finish the index of the site in `out` and write it to `out/pagefind/`; returns the pages indexed.
 * Without a started index (or when the live one can't be trusted) the finished site is indexed from disk.
 */
export async function finishSearchIndex(out: string, language: string, log: Log): Promise<number> {
  const state = live;
  live = undefined;
  delete store[feedKey];
  try {
    let index = state?.index;
    let count = 0;
    if (state) {
      await Promise.all(state.pending);
      if (state.errors.length) throw new Error(`Pagefind indexing failed: ${state.errors.join("; ")}`);
      const onDisk = htmlFiles(out);
      const files = new Set(onDisk);
      const stray = [...state.fed].find((file) => !files.has(file));
      if (state.fed.size === 0 || stray !== undefined) {
        if (stray !== undefined) log(`search index: ${stray} is not a file of the site; indexing the site from disk`);
        index = undefined;
      } else {
        const missed = onDisk.filter((file) => !state.fed.has(file) && !state.skipped.has(file));
        for (const file of missed) {
          const html = fs.readFileSync(path.join(out, file), "utf8");
          if (!bodyAttribute.test(html)) continue;
          const added = await state.index.addHTMLFile({ sourcePath: file, content: html });
          if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join("; ")}`);
          state.fed.add(file);
        }
        count = state.fed.size;
      }
    }
    if (!index) {
      if (state) await state.index.deleteIndex();
      const created = await pagefind.createIndex({ forceLanguage: language });
      if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
      index = created.index;
      const added = await index.addDirectory({ path: out });
      if (added.errors.length) throw new Error(`Pagefind indexing failed: ${added.errors.join("; ")}`);
      count = added.page_count;
    }
    const written = await index.writeFiles({ outputPath: path.join(out, "pagefind") });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return count;
  } finally {
    await pagefind.close();
  }
}

/** Close a started index that is not needed (an incremental build reused the previous one); no-op otherwise. */
export async function discardSearchIndex(): Promise<void> {
  const state = live;
  if (!state) return;
  live = undefined;
  delete store[feedKey];
  await Promise.allSettled(state.pending);
  await state.index.deleteIndex();
  await pagefind.close();
}
