/** Small helpers components share: hrefs from decoded URLs, the site entry. */
import { getEntry } from "astro:content";
import type { SiteModel } from "./model.ts";

export type SiteData = Omit<SiteModel, "notes" | "questions" | "tags">;

export async function siteData(): Promise<SiteData> {
  const entry = await getEntry("site", "site");
  if (!entry) throw new Error("the site collection is empty: the vault was not loaded");
  return entry.data as SiteData;
}

/** Percent-encoded href for a decoded site URL under the configured base. */
export function href(url: string): string {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return encodeURI(base + url.replace(/^\//, ""));
}
