/**
 * Links and media that cannot be published as written (issue 7): a dangerous protocol (`javascript:`,
 * `vbscript:`, `data:` other than an image), a UNC path (`\\server\share`, `file://server/share`) or a path that
 * climbs with `..`. The sanitizer and the media resolver already refuse them; this plugin only says so, with the
 * construct, the value, and the place, so the author knows why a link went dead.
 *
 * Reads markdown links, images and definitions, wiki links and embeds, and the URL attributes of raw HTML
 * (parsed with an HTML parser, as `ob-comment.ts` does). Runs after `remarkMediaLink`.
 */
import type { Element } from "hast";
import { fromHtml } from "hast-util-from-html";
import type { Root } from "mdast";
import type { Node } from "unist";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { report } from "./diagnostic.ts";
import type { WikiLink } from "./types.d.ts";

/** hast properties of raw HTML that hold a URL. */
const urlProperties = [
  "href",
  "src",
  "action",
  "formAction",
  "data",
  "poster",
  "cite",
  "background",
  "xLinkHref",
  "srcSet",
  "longDesc",
];

export function remarkLinkSafety() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      switch (node.type) {
        case "link":
        case "definition":
          check(file, node, "link", node.url, false);
          break;
        case "image":
          check(file, node, "image", node.url, true);
          break;
        case "wikiLink": {
          const target = (node as WikiLink).data.target;
          if (target)
            check(
              file,
              node,
              (node as WikiLink).data.embed ? "embed" : "wiki link",
              target,
              (node as WikiLink).data.embed === true,
            );
          break;
        }
        case "html":
          if (/[:\\]|\.\./.test(node.value)) checkHtml(file, node, node.value);
          break;
      }
    });
  };
}

/**
 * What is wrong with `url`, or `undefined`. `image`: a `data:image/…` URL is not dangerous there. `from`: the
 * note's vault path; a relative `../` that stays inside the vault is a normal Obsidian link (only one that climbs
 * out of it is reported). Without `from`, any `..` is reported.
 */
export function urlProblem(url: string, image: boolean, from?: string): { code: string; why: string } | undefined {
  // Browsers drop ASCII whitespace and control characters from a scheme (`java\tscript:` runs).
  const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
  const scheme = /^([a-z][a-z\d+.-]*):/.exec(squeezed)?.[1];
  if (scheme === "javascript" || scheme === "vbscript" || scheme === "livescript") {
    return { code: "url-dangerous", why: `the \`${scheme}:\` protocol runs code; it is not published` };
  }
  if (scheme === "data" && !(image && /^data:image\/(png|gif|jpe?g|webp|avif|bmp)[;,]/.test(squeezed))) {
    return {
      code: "url-dangerous",
      why: "a `data:` URL other than an image can hold a page or a script; it is not published",
    };
  }
  // `\\server\share` (browsers read it as `//server/share`; `//host` alone is a remote URL, not a path).
  if (
    /^\\[\\/](?![\\/])/.test(url.trim()) ||
    /^file:(\/\/|\\\\)(?![\\/])[^\\/]/i.test(url.trim()) ||
    /^file:[\\/]{4,}/i.test(url.trim())
  ) {
    return { code: "path-unc", why: "a UNC path (`\\\\server\\share`) names another machine; it is not published" };
  }
  const path = url.split(/[?#]/)[0] ?? "";
  if (!scheme || scheme === "file" || /^[a-z]$/.test(scheme)) {
    const segments = safeSegments(path);
    const relative = !scheme && !/^[\\/]/.test(path);
    if (segments.includes("..") && !(relative && from !== undefined && staysInside(from, segments)))
      return { code: "path-dotdot", why: "a path with `..` may leave the vault; it is not published" };
  }
  return undefined;
}

/** Whether `segments`, read from the folder of the note at `from`, stay inside the vault. */
function staysInside(from: string, segments: string[]): boolean {
  let depth = from.split("/").length - 1;
  for (const segment of segments) {
    if (segment === "..") depth--;
    else if (segment !== "." && segment !== "") depth++;
    if (depth < 0) return false;
  }
  return true;
}

function safeSegments(path: string): string[] {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Keep it as written.
  }
  return decoded.split(/[\\/]+/).map((s) => s.trim());
}

function check(file: VFile, node: Node, construct: string, url: string, image: boolean) {
  const problem = urlProblem(url, image, file.path);
  if (problem) report(file, node, "warning", problem.code, `The ${construct} \`${shorten(url)}\`: ${problem.why}`);
}

function checkHtml(file: VFile, node: Node, html: string) {
  let tree: ReturnType<typeof fromHtml>;
  try {
    tree = fromHtml(html, { fragment: true });
  } catch {
    return;
  }
  visit(tree, "element", (element: Element) => {
    for (const name of urlProperties) {
      const value = element.properties[name];
      const urls = Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : [];
      for (const url of urls) {
        const problem = urlProblem(url, element.tagName === "img" && name === "src", file.path);
        if (problem)
          report(
            file,
            node,
            "warning",
            problem.code,
            `Raw HTML \`<${element.tagName} ${name.toLowerCase()}="${shorten(url)}">\`: ${problem.why}`,
          );
      }
    }
  });
}

function shorten(url: string): string {
  const shown = url.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return shown.length > 80 ? `${shown.slice(0, 80)}…` : shown;
}
