/** Small helpers components share: hrefs from decoded URLs, the site entry. */
import { getEntry } from "astro:content";
import { hrefOf } from "../graph/url.ts";
import { readPage } from "./page-files.ts";
import type { SiteModel } from "./model.ts";

export type SiteData = Omit<SiteModel, "notes" | "questions" | "tags" | "commentPages" | "previews" | "graph">;

let cached: Promise<SiteData> | undefined;

/**
 * The site-wide data (tree, comments, strings), read once per build rather than once per page (every page's
 * layout needs it; at 5000 pages re-reading it was a quarter of a second each). In dev it is read fresh.
 */
export function siteData(): Promise<SiteData> {
  if (cached && !import.meta.env.DEV) return cached;
  const loading = getEntry("site", "site").then((entry: { data: unknown } | undefined) => {
    if (!entry) throw new Error("the site collection is empty: the vault was not loaded");
    return readPage<SiteData>(entry);
  });
  cached = loading;
  return loading;
}

/** Percent-encoded href for a decoded site URL under the configured base. */
export function href(url: string): string {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return hrefOf(url, base);
}
