/**
 * After the build: `sitemap.xml` and the Atom `feed.xml`, both needing the site's address (`site`). Without it
 * neither is written (a sitemap must list absolute URLs) and the build says so in one line.
 */
import fs from "node:fs";
import path from "node:path";
import { atomFeed, feedPath, recentItems } from "./feed.ts";
import type { IsoDate } from "./dates.ts";
import type { SiteModel } from "./model.ts";
import { sitemapPath, sitemapXml, siteUrlOfPathname } from "./sitemap.ts";

/** Write both files into `out` for the built `pathnames` (Astro's, without `base`); returns what to log. */
export function writePublishingFiles(out: string, model: SiteModel, base: string, pathnames: readonly string[]): string {
  const { site, title, lang } = model.config;
  if (!site) return "no `site` address set: sitemap.xml and feed.xml not written, pages have no canonical URL (set `site` or pass --site)";
  const pages = [...model.notes, ...(model.home ? [model.home] : [])];
  const lastmod = new Map<string, IsoDate>();
  for (const page of [...pages, ...model.questions]) if (page.updated) lastmod.set(page.url, page.updated);
  fs.writeFileSync(path.join(out, sitemapPath), sitemapXml(pathnames.map(siteUrlOfPathname), { site, base, lastmod }));
  const items = recentItems(pages.filter((page) => !page.virtual));
  fs.writeFileSync(path.join(out, feedPath), atomFeed(items, { site, base, title, subtitle: model.strings.feed, lang }));
  return `sitemap.xml (${pathnames.length} pages) and feed.xml (${items.length} entries) for ${site}`;
}
