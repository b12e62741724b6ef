/**
 * The page cache of an incremental `wenda build` (issue 11). Astro renders only the pages whose data changed:
 * each page's fingerprint hashes wenda's code version, the site-wide data every page shows (navigation, strings,
 * config) and the page's own data; a page whose fingerprint matches the previous build's, and whose HTML the
 * cache still holds, is left out of `getStaticPaths` and its previous HTML copied into the output before
 * Pagefind runs. When the site's HTML is what the previous build indexed (same files, same bytes, same code),
 * the previous Pagefind index is reused. The result is byte for byte a cold build's.
 *
 * The cache folder (`<cache>/pages/`): `out/` holds the last build's HTML, `manifest.json` what each page's
 * fingerprint was and each file's hash. Files go between the cache and the output as hard links (copies where a
 * link cannot be made): copying thousands of pages and the index was most of an unchanged rebuild. A file is
 * never written through a link (the old one is removed first), and the manifest keeps each cached file's size and
 * time: a cached file changed in place (someone edited the linked output) no longer matches, and is not used. The manifest is removed before the folder is touched and written last,
 * so a build stopped halfway leaves a cache that the next build ignores (a cold build). Only `wenda build` turns
 * it on (`WENDA_PAGE_CACHE`); the state is on `globalThis` because the pages and the integration are bundled
 * into different module graphs of one process.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SiteModel } from "./model.ts";

interface Manifest {
  /** Page URL → its fingerprint and the file it was written to. */
  pages: Record<string, { fingerprint: string; file: string }>;
  /** Output-relative HTML file → the hash of its bytes. */
  files: Record<string, string>;
  /** What the cached Pagefind index was made from. */
  pagefind?: string;
  /** Cache-relative file (`out/…`, `pagefind/…`) → its size and modification time when the cache was written. */
  stamps?: Record<string, string>;
}

interface PageCacheState {
  dir: string;
  previous: Manifest;
  fingerprints: Map<string, string>;
  /** URL → cached file, for the pages left out of this build. */
  skipped: Map<string, string>;
}

const key = Symbol.for("wenda.page-cache");
const store = globalThis as unknown as Record<symbol, PageCacheState | undefined>;
/** The model `load.ts` built (read through its global: importing it would bundle the loader into the pages). */
const built = () => (globalThis as unknown as Record<symbol, { built?: SiteModel } | undefined>)[Symbol.for("wenda.site-state")]?.built;

const sha1 = (data: string | Buffer) => createHash("sha1").update(data).digest("hex");

/** The page cache of this build, or `undefined` (dev, `--no-cache`, no model yet). */
function pageCache(): PageCacheState | undefined {
  if (store[key]) return store[key];
  const root = process.env.WENDA_PAGE_CACHE ? process.env.WENDA_CACHE_DIR : undefined;
  const version = process.env.WENDA_CODE_VERSION;
  const model = built();
  if (!root || !version || !model) return undefined;
  const dir = path.join(root, "pages");
  const { notes, questions, tags, commentPages, ...site } = model;
  const common = `${version}\0${sha1(JSON.stringify(site))}\0`;
  const fingerprints = new Map<string, string>();
  // A question page shows no date: its `updated` (its newest card's) feeds the sitemap only, written every build.
  const shown = questions.map(({ updated: _updated, ...page }) => page);
  for (const page of [...notes, ...shown, ...tags, ...commentPages]) fingerprints.set(page.url, sha1(common + JSON.stringify(page)));
  const state: PageCacheState = { dir, previous: readManifest(dir), fingerprints, skipped: new Map() };
  store[key] = state;
  return state;
}

function readManifest(dir: string): Manifest {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
    if (typeof manifest.pages === "object" && typeof manifest.files === "object") return manifest;
  } catch {
    // None yet, or unreadable: every page is rendered.
  }
  return { pages: {}, files: {} };
}

/** The entries Astro must render: the changed ones (all of them without a page cache). */
export function changedOnly<T extends { data: { url: string } }>(entries: T[]): T[] {
  const cache = pageCache();
  if (!cache) return entries;
  return entries.filter((entry) => {
    const url = entry.data.url;
    const before = cache.previous.pages[url];
    const now = cache.fingerprints.get(url);
    if (!before || !now || before.fingerprint !== now || !cache.previous.files[before.file]) return true;
    if (!holds(cache, `out/${before.file}`)) return true;
    cache.skipped.set(url, before.file);
    return false;
  });
}

/** The size and time of a file (`undefined` when there is none): what a cached file must still have. */
function stampOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? `${stat.size}:${stat.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** The cache still has `file` (cache-relative) as the last build left it. */
function holds(cache: PageCacheState, file: string): boolean {
  const stamp = cache.previous.stamps?.[file];
  return stamp !== undefined && stampOf(path.join(cache.dir, file)) === stamp;
}

/** Put `from` at `to` as a hard link (a copy across file systems): never through an existing file's inode. */
function place(from: string, to: string, made: Set<string>): void {
  const folder = path.dirname(to);
  if (!made.has(folder)) {
    fs.mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** Every file under `dir`, relative, forward slashes. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, name) : entry.isFile() ? [name] : [];
  });
}

/** Every HTML file under `dir` (output-relative, forward slashes), leaving out Pagefind's folder. */
export function htmlFiles(dir: string): string[] {
  return filesUnder(dir)
    .filter((name) => name.endsWith(".html") && !name.startsWith("pagefind/"))
    .sort();
}

/** The file a page URL is written to (`/a/b/` → `a/b/index.html`), as Astro names it. */
function fileOf(out: string, url: string): string | undefined {
  const raw = `${url.slice(1)}index.html`;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {}
  return [decoded, raw].find((name) => fs.existsSync(path.join(out, name)));
}

/**
 * After Astro has written the changed pages to `out`: copy the unchanged ones in, index the site (or reuse the
 * previous index) and update the cache. Without a page cache, just `index()`.
 */
export async function completeBuild(out: string, language: string, index: () => Promise<void>, log: (message: string) => void): Promise<void> {
  const cache = pageCache();
  if (!cache) return index();
  const cached = path.join(cache.dir, "out");
  const made = new Set<string>();
  for (const file of cache.skipped.values()) place(path.join(cached, file), path.join(out, file), made);
  const skippedFiles = new Set(cache.skipped.values());
  const files: Record<string, string> = {};
  for (const file of htmlFiles(out)) {
    files[file] = (skippedFiles.has(file) && cache.previous.files[file]) || sha1(fs.readFileSync(path.join(out, file)));
  }
  const indexKey = sha1(`${process.env.WENDA_CODE_VERSION}\0${language}\0${JSON.stringify(files)}`);
  fs.rmSync(path.join(cache.dir, "manifest.json"), { force: true });
  const cachedIndex = path.join(cache.dir, "pagefind");
  const indexFiles = fs.existsSync(cachedIndex) ? filesUnder(cachedIndex) : [];
  const stamps: Record<string, string> = {};
  if (cache.previous.pagefind === indexKey && indexFiles.length > 0 && indexFiles.every((file) => holds(cache, `pagefind/${file}`))) {
    for (const file of indexFiles) place(path.join(cachedIndex, file), path.join(out, "pagefind", file), made);
    log("search index: unchanged, reused the previous build's");
  } else {
    await index();
    fs.rmSync(cachedIndex, { recursive: true, force: true });
    for (const file of filesUnder(path.join(out, "pagefind"))) place(path.join(out, "pagefind", file), path.join(cachedIndex, file), made);
  }
  // The cache keeps this build's HTML only: new or changed files are put in, the others removed.
  for (const [file, hash] of Object.entries(files)) {
    // A reused page was checked already (`changedOnly`): it came from there.
    if (skippedFiles.has(file) || (cache.previous.files[file] === hash && holds(cache, `out/${file}`))) continue;
    place(path.join(out, file), path.join(cached, file), made);
  }
  if (fs.existsSync(cached)) for (const file of htmlFiles(cached)) if (!(file in files)) fs.rmSync(path.join(cached, file), { force: true });
  for (const folder of ["out", "pagefind"]) {
    const root = path.join(cache.dir, folder);
    if (!fs.existsSync(root)) continue;
    for (const file of filesUnder(root)) {
      const stamp = stampOf(path.join(root, file));
      if (stamp) stamps[`${folder}/${file}`] = stamp;
    }
  }
  const pages: Manifest["pages"] = {};
  for (const [url, fingerprint] of cache.fingerprints) {
    const file = cache.skipped.get(url) ?? fileOf(out, url);
    if (file && files[file]) pages[url] = { fingerprint, file };
  }
  fs.writeFileSync(path.join(cache.dir, "manifest.json"), JSON.stringify({ pages, files, pagefind: indexKey, stamps } satisfies Manifest));
  log(`page cache: ${cache.fingerprints.size - cache.skipped.size} pages rendered, ${cache.skipped.size} unchanged`);
}
