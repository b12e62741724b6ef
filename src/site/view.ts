/** Small helpers components share: hrefs from decoded URLs, the site entry. */
import { getEntry } from "astro:content";
import { hrefOf } from "../graph/url.ts";
import { readPage } from "./page-files.ts";
import type { SiteModel } from "./model.ts";

export type SiteData = Omit<SiteModel, "notes" | "questions" | "tags">;

let cached: Promise<SiteData> | undefined;

/**
 * The site-wide entry (tree, comments, strings). Read once per build: Astro walks an entry's whole data on every
 * `getEntry`, which for this one large entry cost ~250 ms a page. In dev it is read fresh so edits show.
 */
export function siteData(): Promise<SiteData> {
  if (cached && !import.meta.env.DEV) return cached;
  const loading = getEntry("site", "site").then((entry) => {
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
