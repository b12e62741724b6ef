/**
 * Page data lives in files beside the content-layer store, not in it: Astro bundles the whole store into the
 * build as one JS module, and with every page's HTML and links in it (≈50 MB at 1000 cards) Vite spent half a
 * minute and gigabytes on that one module. Entries carry their id, URL, title and this file's path; a page
 * reads its file when it renders.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class PageFiles {
  constructor(readonly dir: string) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  /**
   * Write `page` as JSON (named by its URL's hash) and return the file's path. Written beside and renamed into
   * place: in dev a page may be read while its file is rewritten.
   */
  put(key: string, page: unknown): string {
    const file = path.join(this.dir, `${createHash("sha1").update(key).digest("hex").slice(0, 24)}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(page));
    fs.renameSync(temporary, file);
    return file;
  }
}

/** The page data an entry points at. */
export function readPage<T>(entry: { data: unknown }): T {
  const { file } = entry.data as { file: string };
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}
