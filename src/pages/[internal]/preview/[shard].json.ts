/**
 * Hover-preview shards, `/_wenda/preview/<n>.json` (see src/site/previews.ts). The folder is a parameter only
 * because Astro leaves `_`-named folders out of routing; `_wenda` is reserved, so no note can take the URL.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { readPage } from "../../../site/page-files.ts";
import { internalSegment } from "../../../site/preview-key.ts";

export const getStaticPaths = (async () => {
  const shards = await getCollection("previews");
  return shards.map((entry: { id: string; data: unknown }) => ({ params: { internal: internalSegment, shard: entry.id }, props: { entry } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify(readPage(props.entry as { data: unknown })), { headers: { "content-type": "application/json" } });
