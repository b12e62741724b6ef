/**
 * Build-time middleware: hands each rendered page to the Pagefind index (src/site/search-index.ts) as Astro
 * produces it. Added by the integration for `astro build` only; the feed sits on globalThis because this
 * runs in Astro's bundled server code, not the module graph that started the index.
 */
import type { MiddlewareHandler } from "astro";

type Feed = (pathname: string, html: string) => Promise<void>;

export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  const feed = (globalThis as unknown as Record<symbol, Feed | undefined>)[Symbol.for("wenda.search-feed")];
  const type = response.headers.get("content-type") ?? "text/html";
  if (!feed || response.status !== 200 || !type.startsWith("text/html")) return response;
  const html = await response.text();
  await feed(context.url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
};
