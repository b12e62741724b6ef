/**
 * The script `wenda dev` adds to every page (never to a built site): when the dev server says pages changed
 * (dev-session.ts, over Vite's HMR channel), the tab reloads if its own page is one of them. A page that came or
 * went is routed by Astro only once its data store is written (half a second later): the tab waits until its URL
 * answers as it now should (200 or 404), then reloads. A change it missed while loading is sent again once it
 * says which update it was served at.
 */
import { generationTiming } from "./dev-catch-up.ts";

export const devClient = `
if (import.meta.hot) {
  const settle = async (wanted) => {
    for (let i = 0; i < 100; i++) {
      const response = await fetch(location.href, { cache: "no-store" }).catch(() => undefined);
      if (response && response.ok === wanted) break;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    location.reload();
  };
  let here = location.pathname;
  try { here = decodeURIComponent(here); } catch {}
  if (!here.endsWith("/")) here += "/";
  import.meta.hot.on("wenda:changed", (changed) => {
    if (changed.removed.includes(here)) settle(false);
    else if (changed.added.includes(here)) settle(true);
    else if (changed.all || changed.urls.includes(here)) location.reload();
  });
  // A change made while this page loaded was sent before its socket connected: ask for it (dev-catch-up.ts).
  const navigation = performance.getEntriesByType("navigation")[0];
  const stamp = navigation && navigation.serverTiming ? navigation.serverTiming.find((entry) => entry.name === "${generationTiming}") : undefined;
  if (stamp) import.meta.hot.send("wenda:loaded", { url: here, generation: Number(stamp.description) });
}
`;
