/**
 * The JavaScript a built page loads before search is opened: `<script src>` (classic and module), inline
 * `<script>`s, `<link rel="modulepreload">` / `<link rel="preload" as="script">`, Astro islands' component and
 * renderer URLs, and every static `import` / `export … from` of those files, followed recursively. Files under
 * /pagefind/ are left out (they load when search opens), and so are dynamic `import()`s.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export interface JsFile {
  /** Site URL path. */
  url: string;
  bytes: number;
  gzipBytes: number;
  /** How it was reached: `script`, `modulepreload`, `island`, `import`, … */
  via: string;
}

export interface JsWeight {
  /** The page measured, relative to the out dir. */
  page: string;
  /** Every counted byte: files plus inline scripts. */
  bytes: number;
  gzipBytes: number;
  files: JsFile[];
  inlineScripts: number;
  inlineBytes: number;
  /** References that could not be counted: other origins, bare specifiers, missing files. */
  uncounted: string[];
  /** References to /pagefind/ that were left out. */
  pagefindSkipped: number;
}

const origin = "http://bench.invalid";
const jsTypes = new Set([
  "",
  "module",
  "text/javascript",
  "application/javascript",
  "application/ecmascript",
  "text/ecmascript",
]);

/** Attributes of one start tag's attribute text, names lower-cased, values entity-decoded (the few that matter). */
function attributes(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const match of text.matchAll(/([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = (match[1] as string).toLowerCase();
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    if (!result.has(name)) result.set(name, decodeEntities(value));
  }
  return result;
}

function decodeEntities(value: string): string {
  return value.replace(/&(amp|quot|apos|lt|gt|#\d+|#x[\da-f]+);/gi, (whole, entity: string) => {
    const named: Record<string, string> = {
      amp: "&",
      quot: '"',
      apos: "'",
      lt: "<",
      gt: ">",
    };
    const lower = entity.toLowerCase();
    if (named[lower] !== undefined) return named[lower];
    const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

/** Static import / re-export specifiers of an ES module (minified or not); `import("…")` is not matched. */
export function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$\s{},*]*?\bfrom\s*)?["']([^"'\n]+)["']/g;
  for (const match of code.matchAll(pattern)) specifiers.push(match[1] as string);
  return specifiers;
}

/** Measure one page (`pageFile` absolute, under `outDir`). */
export function measurePageJs(outDir: string, pageFile: string): JsWeight {
  const html = fs.readFileSync(pageFile, "utf8");
  const pageRel = path.relative(outDir, pageFile).split(path.sep).join("/");
  const pageUrl = new URL(`/${pageRel}`, origin).href;
  const weight: JsWeight = {
    page: pageRel,
    bytes: 0,
    gzipBytes: 0,
    files: [],
    inlineScripts: 0,
    inlineBytes: 0,
    uncounted: [],
    pagefindSkipped: 0,
  };
  const seen = new Set<string>();
  const queue: { url: string; via: string }[] = [];

  const reference = (ref: string, base: string, via: string): void => {
    const trimmed = ref.trim();
    if (trimmed === "" || trimmed.startsWith("data:")) return;
    const isRelative = /^(\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(trimmed);
    if (via === "import" && !isRelative) {
      weight.uncounted.push(`${trimmed} (bare specifier)`);
      return;
    }
    const url = new URL(trimmed, base);
    if (url.origin !== origin) {
      weight.uncounted.push(`${trimmed} (other origin)`);
      return;
    }
    url.search = "";
    url.hash = "";
    if (url.pathname.startsWith("/pagefind/")) {
      weight.pagefindSkipped++;
      return;
    }
    if (seen.has(url.href)) return;
    seen.add(url.href);
    queue.push({ url: url.href, via });
  };

  // Scripts (with their content: raw text up to </script>).
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = attributes(match[1] as string);
    if (!jsTypes.has((attrs.get("type") ?? "").trim().toLowerCase())) continue;
    const src = attrs.get("src");
    if (src !== undefined) {
      reference(src, pageUrl, "script");
      continue;
    }
    const code = match[2] as string;
    if (code.trim() === "") continue;
    const bytes = Buffer.byteLength(code);
    weight.inlineScripts++;
    weight.inlineBytes += bytes;
    weight.bytes += bytes;
    weight.gzipBytes += zlib.gzipSync(code).length;
    for (const specifier of staticImports(code)) reference(specifier, pageUrl, "import");
  }
  for (const match of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(match[1] as string);
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const href = attrs.get("href");
    if (href === undefined) continue;
    if (rel.includes("modulepreload")) reference(href, pageUrl, "modulepreload");
    else if (rel.includes("preload") && (attrs.get("as") ?? "").toLowerCase() === "script")
      reference(href, pageUrl, "preload");
  }
  for (const match of html.matchAll(/<astro-island\b([^>]*)>/gi)) {
    const attrs = attributes(match[1] as string);
    for (const name of ["component-url", "renderer-url"]) {
      const url = attrs.get(name);
      if (url) reference(url, pageUrl, "island");
    }
  }

  while (queue.length > 0) {
    const { url, via } = queue.shift() as { url: string; via: string };
    const pathname = decodeURIComponent(new URL(url).pathname);
    const file = path.join(outDir, ...pathname.split("/").filter((s) => s !== ""));
    if (!file.startsWith(outDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      weight.uncounted.push(`${pathname} (missing)`);
      continue;
    }
    const content = fs.readFileSync(file);
    const entry: JsFile = {
      url: pathname,
      bytes: content.length,
      gzipBytes: zlib.gzipSync(content).length,
      via,
    };
    weight.files.push(entry);
    weight.bytes += entry.bytes;
    weight.gzipBytes += entry.gzipBytes;
    if (/\.(m?js|cjs)$/i.test(pathname) || via !== "import") {
      for (const specifier of staticImports(content.toString("utf8"))) reference(specifier, url, "import");
    }
  }
  return weight;
}
