/**
 * Which preview shard holds a page: one definition, used by the build (src/site/previews.ts) and by the hover
 * script in the browser (src/components/Preview.astro), so both agree without a lookup table.
 */

/** The first URL segment of the site's own data files (reserved: no note's URL starts with it). */
export const internalSegment = "_wenda";

/** Where the preview shards are served, under the site's base. */
export const previewFolder = `${internalSegment}/preview/`;

/** FNV-1a over the URL's UTF-16 code units: the same in Node and every browser, no crypto API needed. */
export function previewShard(url: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % Math.max(1, shards);
}
