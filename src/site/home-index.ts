/**
 * The home's question tree at any vault size. Every published question is placed exactly once, under the parent
 * a breadth-first walk from the roots reaches it from first (its shallowest place); its other parents become one
 * "also under …" line. The home page renders the roots and part of the first level (a bounded number of rows,
 * whatever the vault's size); the rest is one compact JSON index fetched when a reader expands or filters.
 */
import type { GraphQuestion } from "../graph/types.ts";

export interface HomeNode {
  title: string;
  url: string;
  cards: number;
  /** Indices of the questions placed under this one, in outline order. */
  children: number[];
  /** Indices of its other parents (where it is not placed). */
  alsoUnder: number[];
  /** Index of the parent it is placed under; -1 for a root. */
  parent: number;
  /** Index of the root of its subtree (itself for a root). */
  root: number;
}

/** Roots grouped by their main top-level tag; `tag` null gathers the roots without tags. */
export interface HomeTopic {
  tag: string | null;
  roots: number[];
}

export interface HomeIndex {
  nodes: HomeNode[];
  roots: number[];
  topics: HomeTopic[];
}

/**
 * The one file the home's script fetches (on the first expand or filter keystroke): every question's title, URL,
 * placement parent, card count, children in outline order and other parents, as parallel arrays by index. The
 * filter needs every title anyway, so the deeper levels ride along instead of being split into more files.
 */
export interface HomeClientIndex {
  titles: string[];
  /** Ready to link to: under the site's base, escaped. */
  urls: string[];
  parents: number[];
  cards: number[];
  children: number[][];
  /** `[index, ...other parents]` for the questions that have some. */
  alsoUnder: number[][];
}

/**
 * Place `list` (the published questions, in vault order; links to anything else are ignored). Questions that no
 * root reaches (a cycle of questions each asked under another) start a root of their own, so none is lost.
 */
export function buildHomeIndex(
  list: readonly GraphQuestion[],
  cardCount: (q: GraphQuestion) => number,
  titleOf: (q: GraphQuestion) => string,
): HomeIndex {
  const indexOf = new Map(list.map((q, i) => [q.id, i]));
  const linked = (ids: readonly string[]) => [
    ...new Set(ids.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined)),
  ];
  const items = list.map((q) => ({
    parents: linked(q.parents),
    children: linked(q.children),
    node: {
      title: titleOf(q),
      url: q.url,
      cards: cardCount(q),
      children: [],
      alsoUnder: [],
      parent: -1,
      root: -1,
    } as HomeNode,
    placed: false,
  }));
  const at = (i: number) => items[i] as (typeof items)[number];
  const roots: number[] = [];

  /** Breadth first from `starts` all at once, so each question lands at its shallowest place under any root. */
  const walkFrom = (starts: number[]) => {
    for (const start of starts) {
      roots.push(start);
      at(start).placed = true;
      at(start).node.root = start;
    }
    let frontier = starts;
    while (frontier.length > 0) {
      const next: number[] = [];
      for (const parent of frontier) {
        for (const child of at(parent).children) {
          const item = at(child);
          if (item.placed) continue;
          item.placed = true;
          item.node.parent = parent;
          item.node.root = at(parent).node.root;
          at(parent).node.children.push(child);
          next.push(child);
        }
      }
      frontier = next;
    }
  };
  walkFrom([...items.keys()].filter((i) => at(i).parents.length === 0));
  for (const [i, item] of items.entries()) if (!item.placed) walkFrom([i]);
  for (const item of items) item.node.alsoUnder = item.parents.filter((p) => p !== item.node.parent);

  const nodes = items.map((item) => item.node);
  return {
    nodes,
    roots,
    topics: topicsOf(roots.map((root) => ({ root, title: at(root).node.title, tags: list[root]?.tags ?? [] }))),
  };
}

/**
 * A root's topic: the top-level tag its title names, else the top-level tag most of its own tags sit under
 * (`Redis/集群` counts for `Redis`); ties go to the tag seen first.
 */
export function topicOf(title: string, tags: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const tag of tags) {
    const top = tag.split("/")[0];
    if (top) counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  const lower = title.toLowerCase();
  const named = [...counts.keys()]
    .filter((top) => lower.includes(top.toLowerCase()))
    .sort((a, b) => b.length - a.length)[0];
  if (named) return named;
  let best: string | null = null;
  let most = 0;
  for (const [top, count] of counts) {
    if (count > most) {
      best = top;
      most = count;
    }
  }
  return best;
}

function topicsOf(roots: { root: number; title: string; tags: readonly string[] }[]): HomeTopic[] {
  const byTag = new Map<string | null, number[]>();
  for (const { root, title, tags } of roots) {
    const tag = topicOf(title, tags);
    byTag.set(tag, [...(byTag.get(tag) ?? []), root]);
  }
  return [...byTag]
    .map(([tag, members]) => ({ tag, roots: members }))
    .sort(
      (a, b) =>
        Number(a.tag === null) - Number(b.tag === null) ||
        b.roots.length - a.roots.length ||
        (a.tag ?? "").localeCompare(b.tag ?? "", "zh-CN"),
    );
}

/** The client file; `hrefOf` turns a site URL into the href the page links to (base, escapes). */
export function clientIndex(index: HomeIndex, hrefOf: (url: string) => string = (url) => url): HomeClientIndex {
  const { nodes } = index;
  return {
    titles: nodes.map((n) => n.title),
    urls: nodes.map((n) => hrefOf(n.url)),
    parents: nodes.map((n) => n.parent),
    cards: nodes.map((n) => n.cards),
    children: nodes.map((n) => n.children),
    alsoUnder: nodes.flatMap((n, i) => (n.alsoUnder.length > 0 ? [[i, ...n.alsoUnder]] : [])),
  };
}

/** How many first-level questions each root shows in the page itself, so the page stays near `rows` rows. */
export function firstLevelShown(index: HomeIndex, rows: number): number {
  const sizes = index.roots.map((root) => index.nodes[root]?.children.length ?? 0);
  const total = sizes.reduce((sum, n) => sum + n, 0);
  if (total <= rows) return Math.max(0, ...sizes);
  // The largest per-root cap whose total fits (the fewest roots lose rows).
  let low = 0;
  let high = Math.max(...sizes);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (sizes.reduce((sum, n) => sum + Math.min(n, mid), 0) <= rows) low = mid;
    else high = mid - 1;
  }
  return low;
}
