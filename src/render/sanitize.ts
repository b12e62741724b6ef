/**
 * The allow-list raw HTML from notes is held to (DIALECT §6): GitHub's schema (no script, no event handlers, no
 * `javascript:` URLs, no inline styles), plus the few classes, ids and data attributes wenda's own elements
 * carry. Every id (and `name`, and aria id references) gets the id marker as its clobber prefix: the page composer
 * replaces it per fragment (src/render/ids.ts), so block ids stay as written on their own page and no fragment's id
 * repeats or clobbers another's.
 */
import { defaultSchema, type Schema } from "hast-util-sanitize";
import { idMarker } from "./ids.ts";

const ours = ["className", "id", "title", "role", "tabIndex", "ariaLabel", "dataStart", "dataEnd", "dataMedia", "dataQuestion", "dataTask", "ariaHidden", "dataCallout"];

/**
 * The only inline style anywhere: Shiki's dual-theme token colours, CSS custom properties with a hex colour or a
 * font keyword (`--shiki-light:#D73A49;--shiki-dark:#F97583`, `--shiki-light-font-style:italic`). They style
 * nothing by themselves (only the site's `.shiki` rules read them), so a note that writes one gains nothing.
 */
export const shikiStyle = /^(?:--shiki-(?:light|dark)(?:-bg|-font-style|-font-weight|-text-decoration)?:(?:#[\da-f]{3,8}|italic|bold|normal|none|underline|line-through|inherit);?)+$/i;

/** GitHub's per-tag attribute lists pin `className` to a few values (footnotes, task lists); ours allow any class. */
const unpinned = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
    tag,
    list.filter((entry) => !(Array.isArray(entry) && entry[0] === "className")),
  ]),
);

export const noteSchema: Schema = {
  ...defaultSchema,
  // `<style>` text would otherwise be kept as text (unknown elements are unwrapped): drop it whole.
  strip: [...(defaultSchema.strip ?? []), "style"],
  clobber: ["id", "name", "ariaDescribedBy", "ariaLabelledBy"],
  clobberPrefix: idMarker,
  tagNames: [...(defaultSchema.tagNames ?? []), "mark", "video", "audio", "source", "figure", "figcaption", "u", "object"],
  attributes: {
    ...unpinned,
    a: [...(unpinned.a ?? []), "rel"],
    pre: [...(unpinned.pre ?? []), ["style", shikiStyle]],
    span: [...(unpinned.span ?? []), ["style", shikiStyle]],
    img: [...(unpinned.img ?? []).filter((name) => name !== "longDesc"), "loading", "width", "height"],
    video: ["src", "controls", "preload"],
    audio: ["src", "controls", "preload"],
    // PDF attachments (`![[doc.pdf#page=3]]`): only a same-site file (see `protocols.data`) shown as a PDF.
    object: ["data", ["type", "application/pdf"], "height"],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    // Fetch paths other than `src` (issue 7 point 5): `srcset` picks a URL the remote-media guard would have to
    // parse again, `longdesc` is a URL too; `action` has no form to act on.
    source: ["src", "type"],
    "*": [...(unpinned["*"] ?? []), ...ours].filter((name) => name !== "action"),
  },
  // hast-util-sanitize allows any URL when a list is empty, and a relative URL whatever the list: a list no URL
  // can match keeps `<object data>` on the site's own files.
  protocols: { ...defaultSchema.protocols, src: ["http", "https"], data: ["relative-only"] },
};
