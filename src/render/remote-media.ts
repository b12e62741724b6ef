/**
 * No remote fetches from notes (issue 7 point 5, README "no network at view time"): an element a note wrote that
 * would make the reader's browser fetch from another host (`<img>`, `<video>`, `<audio>`, `<source>`, `<track>`,
 * `<iframe>`, `<embed>`, `<object>`, `<picture>`, markdown `![](https://…)`) becomes a visible link to the same
 * address, so a tracking pixel in a shared note cannot phone home. `allowRemoteMedia: true` in
 * `wenda.config.json` keeps `<img>`, `<video>`, `<audio>` and `<source>` (the sanitizer still drops the rest).
 *
 * Runs on hast after raw HTML is parsed and before it is sanitized, so the link it leaves is sanitized like any
 * other (only `http:`/`https:` hrefs survive). URLs under the configured `media.baseUrl` are the site's own.
 */
import type { Element, ElementContent, Root } from "hast";
import { SKIP, visit } from "unist-util-visit";

export interface RemoteMediaOptions {
  /** Keep remote images, video and audio. Default `false`. */
  allow?: boolean | undefined;
  /** URL prefixes that are the site's own media (`media.baseUrl`). Default none. */
  trusted?: readonly string[] | undefined;
}

/** Elements that fetch what their URL attributes name. */
const fetching = new Set([
  "img",
  "video",
  "audio",
  "source",
  "track",
  "iframe",
  "embed",
  "object",
  "picture",
  "input",
  "image",
  "frame",
]);
/** Those `allow` restores (the sanitizer's allow-list has no others). */
const allowable = new Set(["img", "video", "audio", "source", "picture"]);
/** Attributes holding a URL that is fetched (hast property names). */
const urlProperties = ["src", "data", "poster", "href", "xLinkHref", "background", "lowsrc", "dynsrc"];

/** Replace every remote-fetching element in `tree` by a link (in place) and return the tree. */
export function guardRemoteMedia(tree: Root, options: RemoteMediaOptions = {}): Root {
  const trusted = options.trusted ?? [];
  visit(tree, "element", (node: Element, index, parent) => {
    if (!parent || index === undefined || !fetching.has(node.tagName)) return undefined;
    const remote = remoteUrlsOf(node, trusted);
    if (remote.length === 0) return undefined;
    if (options.allow && allowable.has(node.tagName)) return undefined;
    parent.children[index] = remoteLink(node, remote[0] as string) as never;
    return SKIP;
  });
  return tree;
}

/** Every URL on `node` and its descendants that points at another host. */
function remoteUrlsOf(node: Element, trusted: readonly string[]): string[] {
  const found: string[] = [];
  visit(node, "element", (element: Element) => {
    for (const name of urlProperties) {
      const value = element.properties[name];
      if (typeof value === "string" && isRemote(value, trusted)) found.push(value.trim());
    }
    const srcset = element.properties.srcSet;
    const list = Array.isArray(srcset) ? srcset.join(",") : typeof srcset === "string" ? srcset : "";
    for (const candidate of list.split(",")) {
      const url = candidate.trim().split(/\s+/)[0] ?? "";
      if (isRemote(url, trusted)) found.push(url);
    }
  });
  return found;
}

/**
 * A URL on another host: `https://x`, `http://x`, protocol-relative `//x` or `\\x` (browsers read backslashes
 * as slashes). Site-relative (`/assets/…`) and relative paths are local. Other schemes (`javascript:`, `data:`,
 * `file:`) fetch nothing from a host the reader can follow; the sanitizer removes them, so they are left to it.
 */
export function isRemote(url: string, trusted: readonly string[] = []): boolean {
  // Browsers strip leading/trailing whitespace and ignore tabs and newlines inside URLs.
  const clean = url.replace(/[\t\n\r]/g, "").trim();
  if (clean === "" || trusted.some((prefix) => clean.startsWith(prefix))) return false;
  return /^(https?:)?[\\/]{2}/i.test(clean);
}

function remoteLink(node: Element, url: string): Element {
  const alt = node.properties.alt ?? node.properties.title;
  const label = typeof alt === "string" && alt.trim() ? `${alt.trim()} ↗` : url;
  const children: ElementContent[] = [{ type: "text", value: label }];
  return {
    type: "element",
    tagName: "a",
    properties: { href: url, className: ["remote-media"], rel: ["noopener", "noreferrer", "nofollow"], title: url },
    children,
    ...(node.position ? { position: node.position } : {}),
  };
}
