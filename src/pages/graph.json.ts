/** `/graph.json`: the graph view laid out at build time (see `graphJsonOf`), fetched by `/graph/` alone. */
import { getEntry } from "astro:content";
import type { GraphView } from "../site/graph-view.ts";
import { graphJsonOf } from "../site/graph-view.ts";
import { cachedLayout } from "../site/layout-cache.ts";
import { readPage } from "../site/page-files.ts";

export async function GET(): Promise<Response> {
  const entry = await getEntry("site", "graph");
  if (!entry) throw new Error("the site collection has no graph: the vault was not loaded");
  return new Response(JSON.stringify(graphJsonOf(readPage<GraphView>(entry), {}, cachedLayout)), { headers: { "content-type": "application/json" } });
}
