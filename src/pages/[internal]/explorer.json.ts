/** The explorer for pages that do not carry it (see src/site/explorer-data.ts); `_wenda` as in preview/. */
import type { APIRoute, GetStaticPaths } from "astro";
import { explorerItems } from "../../site/explorer-data.ts";
import { internalSegment } from "../../site/preview-key.ts";
import { href, siteData } from "../../site/view.ts";

export const getStaticPaths = (() => [{ params: { internal: internalSegment } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const site = await siteData();
  return new Response(JSON.stringify(explorerItems(site.explorer, href)), { headers: { "content-type": "application/json" } });
};
