/**
 * The explorer as one small JSON file (`/_wenda/explorer.json`), for vaults too large to put it beside every page:
 * pages load it when the reader opens the explorer (src/components/ExplorerDrawer.astro). Short keys, hrefs ready.
 */
import type { NavNode } from "./navigation.ts";
import { internalSegment } from "./preview-key.ts";

/** A folder (no `h`) or a page; `c` its children when it has any. */
export interface ExplorerItem {
  t: string;
  h?: string;
  c?: ExplorerItem[];
}

/** Where the file is served, under the site's base. */
export const explorerFile = `${internalSegment}/explorer.json`;

/** The explorer's nodes as items, each page's `href` made by `href` (under the site's base). */
export function explorerItems(nodes: readonly NavNode[], href: (url: string) => string): ExplorerItem[] {
  return nodes.map((node) => {
    const item: ExplorerItem = { t: node.title };
    if (node.url) item.h = href(node.url);
    if (node.children.length) item.c = explorerItems(node.children, href);
    return item;
  });
}
