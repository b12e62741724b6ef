/**
 * Site URLs. Every URL is decoded, starts and ends with `/`, and is safe as a folder path under the output
 * directory: nothing a note writes (a permalink, a file name) can climb out of it or land on a built-in route.
 */

import { safeDecode } from "../../plugins/media/normalize.ts";

/** First path segments the site itself uses. */
export const reservedSegments = new Set(["q", "tags", "comments", "search", "media", "pagefind", "_astro", "404", "404.html", "journals", "all", "_wenda"]);

/**
 * Characters that break a URL path or a file name on some system, markup characters (`<>"'\``: a folder name
 * or URL must never carry markup), and control characters.
 */
const unsafeCharacters = /[\\:*?"'`<>|#%\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, as a test: a permalink that holds one is refused rather than silently changed. */
const markupCharacters = /[<>"'`\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Longest URL segment in UTF-8 bytes. File systems allow 255 bytes per name; a segment is a folder name, and
 * `-2` may be appended to make it unique.
 */
export const maxSegmentBytes = 200;

/**
 * A note's `permalink` as a site URL, or `undefined` with the reason when it cannot be one (absolute URL,
 * `..`, a reserved route, nothing left).
 */
export function permalinkUrl(raw: unknown): { url: string } | { problem: string } {
  if (typeof raw !== "string" || raw.trim() === "") return { problem: "is not a non-empty string" };
  if (/^[a-z][a-z\d+.-]*:/i.test(raw.trim()) || raw.trim().startsWith("//")) return { problem: "is an absolute URL" };
  const segments: string[] = [];
  for (const part of safeDecode(raw).split(/[\\/]+/)) {
    const segment = part.trim();
    if (segment === "" || segment === ".") continue;
    if (segment === "..") return { problem: "climbs out of the site with `..`" };
    if (markupCharacters.test(segment)) return { problem: "holds markup or control characters (< > \" ' `)" };
    const clean = segment.replace(unsafeCharacters, "");
    if (clean === "" || clean === "..") return { problem: `has an unusable segment \`${segment}\`` };
    if (Buffer.byteLength(clean) > maxSegmentBytes) return { problem: `has a segment longer than ${maxSegmentBytes} bytes` };
    segments.push(clean);
  }
  if (segments.length === 0) return { problem: "is the site root" };
  if (reservedSegments.has((segments[0] as string).toLowerCase())) return { problem: `uses the reserved route \`/${segments[0]}/\`` };
  return { url: `/${segments.join("/")}/` };
}

/** A URL for a note without a permalink: its vault path, each segment made URL- and file-safe. */
export function pathUrl(id: string): string {
  const segments = id.split("/").map(slugSegment).filter((s) => s !== "");
  if (segments.length === 0) return "/untitled/";
  if (reservedSegments.has((segments[0] as string).toLowerCase())) segments[0] = `${segments[0]}-`;
  return `/${segments.join("/")}/`;
}

/**
 * One path segment from free text: whitespace and `/` become `-`, unsafe characters go, `.`/`..` cannot result.
 * (`/` matters for question titles, which are free text: `title: ../../x` must not climb out of `/q/`.)
 */
export function slugSegment(text: string): string {
  const slug = text
    .normalize("NFC")
    .replace(unsafeCharacters, "")
    .replace(/[\s/]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^\.+$/.test(slug) ? "" : capBytes(slug);
}

/** Question pages live under `/q/`: the title without its leading `？`. */
export function questionUrl(title: string, prefix = "？"): string {
  const bare = title.trim().startsWith(prefix) ? title.trim().slice(prefix.length) : title;
  return `/q/${slugSegment(bare) || "question"}/`;
}

/** Tag pages: `/tags/RabbitMq/单机模式/`. */
export function tagUrl(name: string): string {
  const segments = name.split("/").map(slugSegment).filter((s) => s !== "");
  return `/tags/${segments.join("/") || "tag"}/`;
}

/**
 * A decoded site URL as an `href` under `base`. Only what would break the attribute or the URL is escaped: CJK
 * stays as written (valid in HTML hrefs, and a third of the size of `%E4%BF%9D…`).
 */
export function hrefOf(url: string, base = "/"): string {
  const joined = base.endsWith("/") ? base + url.replace(/^\//, "") : base + url;
  return joined.replace(/[\s"'<>\\^`{|}%?#\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
}

/** `text` cut to at most `maxSegmentBytes` UTF-8 bytes, at a code point boundary. */
function capBytes(text: string): string {
  if (Buffer.byteLength(text) <= maxSegmentBytes) return text;
  let bytes = 0;
  let out = "";
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxSegmentBytes) break;
    out += char;
  }
  return out.replace(/-+$/, "");
}
