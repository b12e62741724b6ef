/** The home tree's JSON index (`/home-index.json`): fetched by the home's script on the first expand or filter. */
import { clientIndex } from "../site/home-index.ts";
import { href, siteData } from "../site/view.ts";

export async function GET(): Promise<Response> {
  const site = await siteData();
  return new Response(JSON.stringify(clientIndex(site.tree, href)), {
    headers: { "Content-Type": "application/json" },
  });
}
