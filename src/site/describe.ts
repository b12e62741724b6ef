/**
 * A page's `<meta name="description">`: the first ~120 characters of its rendered text. Counted in characters a
 * reader sees (graphemes, so a CJK character or an emoji is one), cut at a sentence or clause mark near the end
 * when there is one, never inside a Latin word.
 */
/** Default length of a description, in graphemes. */
export const descriptionLength = 120;

// A note's `<h1>` repeats its title (already the page's title); video timestamps and remarks are not its text.
const dropped = new Set(["h1", "script", "style", "svg", "math", "template", "button", "iframe", "video", "audio", "noscript"]);
const droppedClasses = ["katex-mathml", "heading-anchor", "sr-only", "footnotes", "data-footnote-backref", "annotation", "ts"];
// Closing one of these does not end a word; closing anything else (a list item, a paragraph, a cell) does.
const inline = new Set(["a", "abbr", "b", "bdi", "cite", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u"]);
const voids = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const clauseEnd = /[。！？；!?;，,、：:]$/u;
// One segmenter for the build: making one costs far more than segmenting a description.
const graphemes = new Intl.Segmenter("zh", { granularity: "grapheme" });
const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Plain text of `html` (the renderer's own, well-formed output), white space collapsed, cut to `max` graphemes
 * (with `…` when cut). A scan over tags rather than a parse: it stops once it has enough text, so a page of
 * megabytes costs what its first paragraphs do (a full HTML parse was ~3 ms a page, 7 s at 1,000 cards).
 */
export function describe(html: string, max = descriptionLength): string {
  if (!html) return "";
  const text = textStart(html, max * 2);
  return cut(text.replace(/\s+/g, " ").trim(), max);
}

/** The text of `html` up to about `enough` characters, skipping dropped elements; block ends become spaces. */
function textStart(html: string, enough: number): string {
  const tag = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>|<!--[\s\S]*?-->/g;
  const open: string[] = [];
  let skipDepth = -1;
  let out = "";
  let last = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    if (skipDepth === -1) out += decode(html.slice(last, match.index));
    last = tag.lastIndex;
    if (out.length > enough) break;
    const [, closing, rawName, rest = ""] = match;
    if (!rawName) continue; // a comment
    const name = rawName.toLowerCase();
    if (closing) {
      const skipping = skipDepth !== -1;
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
      if (skipping && open.length <= skipDepth) skipDepth = -1;
      if (!skipping && !inline.has(name)) out += " ";
      continue;
    }
    if (voids.has(name) || rest.endsWith("/")) {
      if (skipDepth === -1) out += " ";
      continue;
    }
    if (skipDepth === -1 && (dropped.has(name) || hasDroppedClass(rest))) skipDepth = open.length;
    open.push(name);
  }
  if (skipDepth === -1 && out.length <= enough) out += decode(html.slice(last));
  return out;
}

function hasDroppedClass(attributes: string): boolean {
  const classes = /\sclass="([^"]*)"/.exec(attributes)?.[1];
  return classes?.split(/\s+/).some((name) => droppedClasses.includes(name)) ?? false;
}

function decode(text: string): string {
  return text.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[body.toLowerCase()] ?? whole;
  });
}

/** `text` cut to `max` graphemes. */
export function cut(text: string, max = descriptionLength): string {
  // A grapheme is at most a few code units in text people write: 4 per character is enough to look at.
  const segments = [...graphemes.segment(text.slice(0, max * 4))].map((s) => s.segment);
  if (segments.length <= max && text.length <= max * 4) return text;
  let end = max;
  // A clause mark in the last quarter ends the description there; else do not split a Latin word or number.
  for (let i = max; i > max * 0.75; i--) {
    if (clauseEnd.test(segments[i - 1] as string)) {
      end = i;
      break;
    }
  }
  if (end === max) {
    const word = /[\p{Script=Latin}\d]/u;
    let i = end;
    while (i > max / 2 && word.test(segments[i - 1] as string) && word.test(segments[i] as string)) i--;
    if (i > max / 2) end = i;
  }
  return `${segments.slice(0, end).join("").trimEnd().replace(/[，,、：:；;]$/u, "")}…`;
}
