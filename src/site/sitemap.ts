/** `sitemap.xml`: every built page (not 404 or the search page), with `<lastmod>` where a date is known. */
import { absoluteUrl, escapeXml } from "./absolute.ts";
import { dayOf, type IsoDate } from "./dates.ts";

/** Written at the site's root. */
export const sitemapPath = "/sitemap.xml";

/** Site URLs (decoded, `/`-wrapped) left out: they are not content. */
const excluded = new Set(["/404/", "/search/"]);

/**
 * The sitemap of `urls` (decoded site URLs) under `site` and `base`; `lastmod` gives the known dates by URL.
 * Sorted, so a rebuild of the same vault writes the same file.
 */
export function sitemapXml(urls: Iterable<string>, options: { site: string; base: string; lastmod: ReadonlyMap<string, IsoDate> }): string {
  const unique = [...new Set(urls)].filter((url) => !excluded.has(url)).sort();
  const rows = unique.map((url) => {
    const date = options.lastmod.get(url);
    const loc = `<loc>${escapeXml(absoluteUrl(options.site, options.base, url))}</loc>`;
    return `  <url>${loc}${date ? `<lastmod>${dayOf(date)}</lastmod>` : ""}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${rows.join("\n")}\n</urlset>\n`;
}

/** Astro's built `pathname` (`q/x/`, `` for home, no base) as a decoded site URL (`/q/x/`). */
export function siteUrlOfPathname(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not an escape sequence: the pathname is already decoded.
  }
  const trimmed = decoded.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}
