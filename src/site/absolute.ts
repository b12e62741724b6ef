/** Absolute URLs for what leaves the site (canonical links, Open Graph, the sitemap, the feed). */
import { hrefOf } from "../graph/url.ts";

/**
 * `site` + `base` + the decoded site URL, every non-ASCII character percent-encoded (sitemaps and feed readers
 * want RFC 3986 URLs; `hrefOf` already escapes the ASCII ones that need it).
 */
export function absoluteUrl(site: string, base: string, url: string): string {
  return `${site}${hrefOf(url, base.endsWith("/") ? base : `${base}/`)}`.replace(/[^\x00-\x7f]+/g, (run) => encodeURIComponent(run));
}

/** Text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
