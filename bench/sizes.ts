/** Page weights of a built site (issue 10's limits): the largest HTML page and the home page, bytes. */
import fs from "node:fs";
import path from "node:path";

export interface PageSizes {
  largest: { page: string; bytes: number };
  homeBytes: number;
  htmlPages: number;
}

export function measurePageSizes(outDir: string): PageSizes {
  let largest = { page: "", bytes: 0 };
  let htmlPages = 0;
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(outDir, "pagefind")) walk(full);
      } else if (entry.isFile() && entry.name.endsWith(".html")) {
        htmlPages++;
        const bytes = fs.statSync(full).size;
        if (bytes > largest.bytes) largest = { page: path.relative(outDir, full), bytes };
      }
    }
  };
  walk(outDir);
  const home = path.join(outDir, "index.html");
  return { largest, homeBytes: fs.existsSync(home) ? fs.statSync(home).size : 0, htmlPages };
}
