/**
 * Element ids in rendered note HTML, and the slots where embeds go.
 *
 * A page is composed of fragments: the note itself, the notes it embeds, the answers cut from several cards. Each
 * fragment's ids must be unique on the page, so a note is rendered once with a marker where the id prefix goes, and
 * the composer fills in a prefix per fragment: `""` for the page's own note (block ids stay as people link to them,
 * `#47a9a2`), `e1-`, `e2-` … for embeds, `a1-` … for answers on a question page.
 *
 * The markers are C0 control characters, which a note can never contain: reading a note removes them (with a
 * diagnostic), and `stripMarkers` removes them again from every text the renderer is given, so neither an id
 * prefix nor an embed slot can be forged from a note.
 */

/** Where an id prefix goes: before every `id` / `name` / aria id reference, and after `#` in in-note hrefs. */
export const idMarker = "\u0002";

/** Delimits an embed slot: `\u0001<n>\u0001` is replaced by the note's n-th embed. */
const slotDelimiter = "\u0001";

const markers = /[\u0001\u0002]/g;
const prefixRun = /\u0002+/g;
const slots = /\u0001(\d+)\u0001/g;

/** The text of embed slot `n`, as a handler puts it in the tree. */
export function slotToken(n: number): string {
  return `${slotDelimiter}${n}${slotDelimiter}`;
}

/** `text` with any marker character removed (note text must never carry one). */
export function stripMarkers(text: string): string {
  return markers.test(text) ? text.replace(markers, "") : text;
}

/** Ids the site itself uses are `wenda-…`; a note's id in that namespace is moved out of it on the page's own level. */
const siteNamespace = /\u0002+(wenda-)/g;

/**
 * `html` with every id marker replaced by `prefix`. With the empty prefix (the page's own note) an id that would
 * fall in the site's `wenda-` namespace becomes `user-wenda-…`, so a note can never clobber the site's elements.
 */
export function applyIdPrefix(html: string, prefix: string): string {
  if (!html.includes(idMarker)) return html;
  const safe = prefix === "" ? html.replace(siteNamespace, "\u0002user-$1") : html;
  return safe.replace(prefixRun, prefix);
}

/** Replace each embed slot in `html` with `fill(n)`. */
export function fillSlots(html: string, fill: (n: number) => string): string {
  if (!html.includes(slotDelimiter)) return html;
  return html.replace(slots, (_token, n: string) => fill(Number(n)));
}
