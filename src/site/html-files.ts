/**
 * Rendered HTML lives in files beside the content-layer store, not in it: Astro bundles the whole store into
 * the build as one JS module, and with every page's HTML in it (≈50 MB at 1000 cards) Vite spent half a minute
 * and gigabytes on that one module. Entries carry the file's path; pages read it when they render.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export class HtmlFiles {
  constructor(readonly dir: string) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Write `html` once (named by its hash) and return the file's path. */
  put(html: string): string {
    const file = path.join(this.dir, `${createHash("sha1").update(html).digest("hex").slice(0, 20)}.html`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, html);
    return file;
  }
}

/** The HTML a page shows, by the path an entry carries. */
export function readHtml(file: string | undefined): string {
  return file ? fs.readFileSync(file, "utf8") : "";
}
