/**
 * Long lists split into pages, so no page of a vault of thousands grows past what a phone loads comfortably
 * (tags used by a thousand cards, every reviewer comment of the vault). Page 1 keeps the list's own URL; page k is
 * `<url>~k/` (`~` never occurs in a tag or a path segment wenda makes, so page URLs cannot collide with a nested
 * tag or a note).
 */

export interface Paging {
  /** 1-based. */
  page: number;
  pages: number;
  /** Decoded URL of every page, page 1 first. */
  urls: string[];
}

/** Items per page of a tag's lists and of the comments list. */
export const pageSize = 200;

/** The URL of page `page` of the list at `url`. */
export function pageUrl(url: string, page: number): string {
  return page <= 1 ? url : `${url}~${page}/`;
}

/** How many pages `count` items take (at least one, so an empty list still has its page). */
export function pageCount(count: number, size = pageSize): number {
  return Math.max(1, Math.ceil(count / size));
}

/** Paging for page `page` of `pages` of the list at `url`. */
export function paging(url: string, page: number, pages: number): Paging {
  return { page, pages, urls: Array.from({ length: pages }, (_, i) => pageUrl(url, i + 1)) };
}

/**
 * Split `groups` (each kept whole where it fits) into pages of about `size` items: a group larger than a page is
 * cut, the rest start a new page when they would overflow it.
 */
export function paginateGroups<G, T>(groups: readonly G[], itemsOf: (group: G) => T[], withItems: (group: G, items: T[]) => G, size = pageSize): G[][] {
  const pages: G[][] = [];
  let current: G[] = [];
  let filled = 0;
  for (const group of groups) {
    let items = itemsOf(group);
    while (items.length > 0) {
      const room = size - filled;
      if (items.length > room && filled > 0 && items.length <= size) {
        pages.push(current);
        current = [];
        filled = 0;
        continue;
      }
      const taken = items.slice(0, size - filled);
      current.push(withItems(group, taken));
      filled += taken.length;
      items = items.slice(taken.length);
      if (filled >= size) {
        pages.push(current);
        current = [];
        filled = 0;
      }
    }
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}
