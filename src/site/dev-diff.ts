/**
 * The content collections as lists of page entries, and what changed in one between two models: `wenda dev`
 * rewrites only those pages' files and touches only those store entries.
 */
import type { SiteModel } from "./model.ts";

export type Collection = "notes" | "questions" | "tags" | "comments" | "site" | "previews";

export const collections: readonly Collection[] = ["notes", "questions", "tags", "comments", "site", "previews"];

/** One entry of a collection: its id (the page URL, or `site`), the title the store keeps, the page's data. */
export interface PageEntry {
  id: string;
  title: string;
  page: unknown;
}

export interface CollectionDiff {
  /** Entries added or whose data changed. */
  changed: PageEntry[];
  /** Ids no longer in the collection. */
  removed: string[];
  /** Ids of `changed` that are new. */
  added: string[];
}

export function pageEntries(model: SiteModel, collection: Collection): PageEntry[] {
  const entry = (page: { url: string; title?: string; name?: string }): PageEntry => ({ id: page.url, title: page.title ?? page.name ?? page.url, page });
  switch (collection) {
    case "notes":
      return model.notes.map(entry);
    case "questions":
      return model.questions.map(entry);
    case "tags":
      return model.tags.map(entry);
    case "comments":
      return model.commentPages.map(entry);
    case "previews":
      return model.previews.map((shard, i) => ({ id: String(i), title: String(i), page: shard }));
    case "site": {
      const { notes: _n, questions: _q, tags: _t, commentPages: _c, previews: _p, graph, ...site } = model;
      // The graph view is read by /graph.json alone, not by every page's layout.
      return [
        { id: "site", title: "site", page: site },
        { id: "graph", title: "graph", page: graph },
      ];
    }
  }
}

export function diffCollection(before: SiteModel, after: SiteModel, collection: Collection): CollectionDiff {
  const old = new Map(pageEntries(before, collection).map((entry) => [entry.id, entry]));
  const changed: PageEntry[] = [];
  const added: string[] = [];
  for (const entry of pageEntries(after, collection)) {
    const previous = old.get(entry.id);
    old.delete(entry.id);
    if (!previous) added.push(entry.id);
    if (!previous || previous.title !== entry.title || !deepEqual(previous.page, entry.page)) changed.push(entry);
  }
  return { changed, removed: [...old.keys()], added };
}

/** Structural equality of JSON-like values (strings compare by content: page HTML is rebuilt each time). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => deepEqual(x[k], y[k]));
}
