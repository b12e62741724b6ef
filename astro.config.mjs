// The site: Astro renders the question graph (src/content.config.ts loads it), static output, Pagefind search.
// `wenda build <vault>` sets WENDA_VAULT / WENDA_OUT / WENDA_BASE; `npm run build` builds the sample in content/.
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import { wenda } from "./src/integration.ts";

const project = fileURLToPath(new URL("./", import.meta.url));

export default defineConfig({
  output: "static",
  outDir: process.env.WENDA_OUT ?? "./dist",
  base: process.env.WENDA_BASE ?? "/",
  trailingSlash: "always",
  // The site's CSS is one hashed file every page links (cached once), not ~6 KB inlined into each page.
  build: { format: "directory", inlineStylesheets: "never" },
  devToolbar: { enabled: false },
  integrations: [wenda()],
  vite: {
    server: {
      // `wenda dev` passes the folders it may serve (the package, the vault, the media folder); nothing else is
      // readable through `/@fs/`. A busy port is an error, not a silent move to the next one.
      fs: { strict: true, allow: process.env.WENDA_FS_ALLOW ? JSON.parse(process.env.WENDA_FS_ALLOW) : [project] },
      strictPort: true,
    },
  },
});
