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
  /** The page this source was read from, when every field above comes from it (see `PreviewMemo`). */
  from?: object;
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
 * Previews by the object they were taken from (a page of the model): `wenda dev` keeps the page objects that did
 * not change, so their previews are not taken again.
 */
export type PreviewMemo = WeakMap<object, Preview>;

/** Every page's preview, sharded: shard n holds the pages whose URL hashes to n. */
export function previewShards(sources: readonly PreviewSource[], memo?: PreviewMemo): PreviewShard[] {
  const count = Math.max(1, Math.ceil(sources.length / perShard));
  const shards: PreviewShard[] = Array.from({ length: count }, () => ({}));
  for (const source of sources) {
    let preview = source.from && memo?.get(source.from);
    if (!preview) {
      preview = previewOf(source);
      if (source.from) memo?.set(source.from, preview);
    }
    (shards[previewShard(source.url, count)] as PreviewShard)[source.url] = preview;
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
