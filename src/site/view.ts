/** Small helpers components share: hrefs from decoded URLs, the site entry. */
import fs from "node:fs";
import { getEntry } from "astro:content";
import { hrefOf } from "../graph/url.ts";
import { readPage } from "./page-files.ts";
import type { SiteModel } from "./model.ts";

export type SiteData = Omit<SiteModel, "notes" | "questions" | "tags" | "commentPages" | "previews" | "graph">;

let cached: { data: Promise<SiteData>; version: string } | undefined;

/**
 * The site-wide data (tree, comments, strings), read once per build rather than once per page (every page's
 * layout needs it, several times; at 5000 pages re-reading it was a quarter of a second each). In dev it is read
 * again when its file was rewritten (an update renames a new file into place, so the time and inode change):
 * reading it on every call was most of a page's render time at 1,000 cards.
 */
export function siteData(): Promise<SiteData> {
  if (cached && !import.meta.env.DEV) return cached.data;
  const loading = getEntry("site", "site").then((entry: { data: unknown } | undefined) => {
    if (!entry) throw new Error("the site collection is empty: the vault was not loaded");
    return entry;
  });
  const data = loading.then((entry: { data: unknown }) => {
    const version = fileVersion(entry);
    if (cached?.version === version) return cached.data;
    const read = Promise.resolve(readPage<SiteData>(entry));
    cached = { data: read, version };
    return read;
  });
  if (!import.meta.env.DEV) cached = { data, version: "" };
  return data;
}

/** Which write of an entry's page file this is: its path, inode, size and time. */
function fileVersion(entry: { data: unknown }): string {
  const { file } = entry.data as { file: string };
  try {
    const stat = fs.statSync(file);
    return `${file}\0${stat.ino}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return `${file}\0missing`;
  }
}

/** Percent-encoded href for a decoded site URL under the configured base. */
export function href(url: string): string {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return hrefOf(url, base);
}
