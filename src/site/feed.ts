/** `feed.xml`: an Atom feed of the most recently updated cards and notes. */
import { absoluteUrl, escapeXml } from "./absolute.ts";
import { compareDates, type IsoDate, toDateTime } from "./dates.ts";

/** Written at the site's root. */
export const feedPath = "/feed.xml";

/** How many entries the feed keeps. */
export const feedLength = 50;

/** What the feed reads of a page. */
export interface FeedItem {
  title: string;
  /** Decoded site URL. */
  url: string;
  updated?: IsoDate | undefined;
  created?: IsoDate | undefined;
  description?: string | undefined;
}

/** The `limit` newest of `items` that have a date, newest first (ties by URL, so the order is stable). */
export function recentItems<T extends FeedItem>(items: readonly T[], limit = feedLength): (T & { updated: IsoDate })[] {
  return items
    .filter((item): item is T & { updated: IsoDate } => item.updated !== undefined)
    .sort((a, b) => compareDates(a.updated, b.updated) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .slice(0, limit);
}

/** The Atom document for `items` (already chosen and ordered, see `recentItems`). */
export function atomFeed(items: readonly (FeedItem & { updated: IsoDate })[], options: { site: string; base: string; title: string; subtitle: string; lang: string }): string {
  const url = (path: string) => escapeXml(absoluteUrl(options.site, options.base, path));
  const newest = items[0]?.updated;
  const entries = items.map((item) =>
    [
      "  <entry>",
      `    <title>${escapeXml(item.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${url(item.url)}"/>`,
      `    <id>${url(item.url)}</id>`,
      `    <updated>${toDateTime(item.updated)}</updated>`,
      ...(item.created ? [`    <published>${toDateTime(item.created)}</published>`] : []),
      ...(item.description ? [`    <summary>${escapeXml(item.description)}</summary>`] : []),
      "  </entry>",
    ].join("\n"),
  );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(options.lang)}">`,
    `  <title>${escapeXml(options.title)}</title>`,
    `  <subtitle>${escapeXml(options.subtitle)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${url(feedPath)}"/>`,
    `  <link rel="alternate" type="text/html" href="${url("/")}"/>`,
    `  <id>${url("/")}</id>`,
    `  <updated>${toDateTime(newest ?? "1970-01-01")}</updated>`,
    `  <author><name>${escapeXml(options.title)}</name></author>`,
    `  <generator>wenda</generator>`,
    ...entries,
    `</feed>`,
    "",
  ].join("\n");
}
