/**
 * The script `wenda dev` adds to every page (never to a built site): when the dev server says pages changed
 * (dev-session.ts, over Vite's HMR channel), the tab reloads if its own page is one of them.
 */
export const devClient = `
if (import.meta.hot) {
  import.meta.hot.on("wenda:changed", (changed) => {
    let here = location.pathname;
    try { here = decodeURIComponent(here); } catch {}
    if (!here.endsWith("/")) here += "/";
    if (changed.all || changed.urls.includes(here)) location.reload();
  });
}
`;
