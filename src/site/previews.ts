/**
 * Hover previews: for each page a link can point at (card, note, question, virtual page), its title, kind, a few
 * tags and the first words of its text, a few hundred bytes. They are written as small shards (about
 * `perShard` pages each, see preview-key.ts), so the first hover loads a few KB, never a whole page.
 */
import { previewShard } from "./preview-key.ts";

/** One page's preview, as the hover card shows it (short keys: the shards are downloaded). */
export interface Preview {
  /** Title. */
  t: string;
  /** Kind, as shown (`卡片`, `问题`, `页面`). */
  k: string;
  /** Tags, at most `maxTags`. */
  g?: string[];
  /** The first words of the page's text. */
  x?: string;
}

/** Decoded site URL → preview, one shard file. */
export type PreviewShard = Record<string, Preview>;

export interface PreviewSource {
  url: string;
  title: string;
  kind: string;
  tags: readonly { title: string }[];
  /** Rendered HTML the text is taken from, first non-empty first. */
  html: readonly (string | undefined)[];
}

/** Pages per shard, on average. */
export const perShard = 24;
const maxTags = 4;
const maxText = 120;
/** Only the start of a long page is read. */
const scanChars = 8000;

/** The preview of one page. */
export function previewOf(source: PreviewSource): Preview {
  const preview: Preview = { t: source.title, k: source.kind };
  const tags = source.tags.slice(0, maxTags).map((tag) => tag.title);
  if (tags.length) preview.g = tags;
  for (const html of source.html) {
    const text = html ? textOf(html) : "";
    if (!text) continue;
    preview.x = cut(text, maxText);
    break;
  }
  return preview;
}

/**
 * Previews remembered by URL with what they were read from, for `wenda dev`: a page whose title, kind, first tags
 * and HTML strings are the ones seen before keeps its preview. The HTML is compared by identity first (the
 * composer hands back the same string while a note is not rendered again), so an unchanged page costs no scan.
 */
export class PreviewMemo {
  readonly #byUrl = new Map<string, { source: PreviewSource; preview: Preview }>();

  preview(source: PreviewSource): Preview {
    const seen = this.#byUrl.get(source.url);
    if (seen && sameSource(seen.source, source)) return seen.preview;
    const preview = previewOf(source);
    this.#byUrl.set(source.url, { source: { ...source, tags: source.tags.slice(0, maxTags) }, preview });
    return preview;
  }
}

function sameSource(a: PreviewSource, b: PreviewSource): boolean {
  if (a.title !== b.title || a.kind !== b.kind || a.html.length !== b.html.length) return false;
  const tags = b.tags.slice(0, maxTags);
  return a.tags.length === tags.length && a.tags.every((tag, i) => tag.title === tags[i]?.title) && a.html.every((html, i) => html === b.html[i]);
}

/** Every page's preview, sharded: shard n holds the pages whose URL hashes to n. */
export function previewShards(sources: readonly PreviewSource[], memo?: PreviewMemo): PreviewShard[] {
  const count = Math.max(1, Math.ceil(sources.length / perShard));
  const shards: PreviewShard[] = Array.from({ length: count }, () => ({}));
  for (const source of sources) {
    (shards[previewShard(source.url, count)] as PreviewShard)[source.url] = memo ? memo.preview(source) : previewOf(source);
  }
  return shards;
}

const blockTag = /^<\/?(?:p|li|ul|ol|div|h[1-6]|br|tr|td|th|blockquote|pre|section|details|summary|figure|table)\b/i;
const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Plain text of (the start of) rendered HTML: tags dropped, entities decoded; MathML (KaTeX shows the formula
 * twice) and an opening `<h1>` (the preview shows the title already) left out.
 */
export function textOf(html: string): string {
  return html
    .slice(0, scanChars)
    .replace(/<(h1|math|svg|script|style)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]*>?/g, (tag) => (blockTag.test(tag) ? " " : ""))
    .replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== "#") return entities[name.toLowerCase()] ?? whole;
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** `text` cut to `max` characters (code points, so no surrogate is split), with an ellipsis when cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("").trimEnd()}…`;
}
