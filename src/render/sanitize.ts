/**
 * The allow-list raw HTML from notes is held to (DIALECT §6): GitHub's schema (no script, no event handlers, no
 * `javascript:` URLs, no inline styles), plus the few classes, ids and data attributes wenda's own elements
 * carry. Every id (and `name`, and aria id references) gets the id marker as its clobber prefix: the page composer
 * replaces it per fragment (src/render/ids.ts), so block ids stay as written on their own page and no fragment's id
 * repeats or clobbers another's.
 */
import { defaultSchema, type Schema } from "hast-util-sanitize";
import { idMarker } from "./ids.ts";

const ours = ["className", "id", "title", "role", "tabIndex", "ariaLabel", "dataStart", "dataEnd", "dataMedia", "dataQuestion"];

/** GitHub's per-tag attribute lists pin `className` to a few values (footnotes, task lists); ours allow any class. */
const unpinned = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
    tag,
    list.filter((entry) => !(Array.isArray(entry) && entry[0] === "className")),
  ]),
);

export const noteSchema: Schema = {
  ...defaultSchema,
  clobber: ["id", "name", "ariaDescribedBy", "ariaLabelledBy"],
  clobberPrefix: idMarker,
  tagNames: [...(defaultSchema.tagNames ?? []), "mark", "video", "audio", "source", "figure", "figcaption", "u", "object"],
  attributes: {
    ...unpinned,
    "*": [...(unpinned["*"] ?? []), ...ours],
    a: [...(unpinned.a ?? []), "rel"],
    img: [...(unpinned.img ?? []), "loading", "width", "height"],
    video: ["src", "controls", "preload"],
    audio: ["src", "controls", "preload"],
    source: ["src", "type"],
    // PDF attachments (`![[doc.pdf#page=3]]`): only a same-site file (see `protocols.data`) shown as a PDF.
    object: ["data", ["type", "application/pdf"], "height"],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
  },
  // hast-util-sanitize allows any URL when a list is empty, and a relative URL whatever the list: a list no URL
  // can match keeps `<object data>` on the site's own files.
  protocols: { ...defaultSchema.protocols, src: ["http", "https"], data: ["relative-only"] },
};
