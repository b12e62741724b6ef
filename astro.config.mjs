// The site: Astro renders the question graph (src/content.config.ts loads it), static output, Pagefind search.
// `wenda build <vault>` sets WENDA_VAULT / WENDA_OUT / WENDA_BASE; `npm run build` builds the sample in content/.
import { defineConfig } from "astro/config";
import { wenda } from "./src/integration.ts";

export default defineConfig({
  output: "static",
  outDir: process.env.WENDA_OUT ?? "./dist",
  base: process.env.WENDA_BASE ?? "/",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "always" },
  devToolbar: { enabled: false },
  integrations: [wenda()],
  vite: { server: { fs: { strict: false } } },
});
