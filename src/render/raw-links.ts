/**
 * Raw HTML in notes names vault files too: `<img src="附件/a.png">`, `<video src="…">`, `<a href="笔记.md">`. After
 * the raw HTML is parsed into hast (and before it is sanitized), each vault-relative `src` / `href` is resolved
 * like a markdown link: an attachment becomes the copied file's URL, a note its page; one that is not in the
 * vault loses the attribute (a missing image is not fetched from a made-up path). The renderer's own elements,
 * merged into the same tree by then, carry site-absolute URLs (`/assets/…`, `/q/…`, under the base) or `#…`:
 * anything starting with `/` is left alone, as are web addresses (so a note's `<img src="/x.png">` is not
 * resolved either).
 */
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";
import { markdownLinkRef } from "../graph/resolve.ts";
import { anchorHref } from "./handlers/links.ts";
import type { RenderContext } from "./handlers.ts";

const sourceTags = new Set(["img", "video", "audio", "source"]);

export function resolveRawLinks(tree: Root, context: RenderContext): void {
  visit(tree, "element", (element: Element) => {
    const attribute = sourceTags.has(element.tagName) ? "src" : element.tagName === "a" ? "href" : undefined;
    const value = attribute ? element.properties[attribute] : undefined;
    if (!attribute || typeof value !== "string" || value.startsWith("/")) return;
    const ref = markdownLinkRef(value);
    if (!ref) return;
    const resolved = context.resolve(attribute === "src" ? { ...ref, embed: true } : ref);
    if (resolved.kind === "attachment" && resolved.url !== undefined) {
      element.properties[attribute] = resolved.url;
    } else if (
      (resolved.kind === "note" || resolved.kind === "question") &&
      resolved.url !== undefined &&
      attribute === "href"
    ) {
      element.properties.href = context.href(resolved.url) + anchorHref(resolved.anchor);
    } else {
      delete element.properties[attribute];
    }
  });
}
