/**
 * The allow-list raw HTML from notes is held to (DIALECT §6): GitHub's schema (no script, no event handlers, no
 * `javascript:` URLs, no inline styles), plus the few classes, ids and data attributes wenda's own elements
 * carry. Ids are kept as written (block ids are anchors people link to), so no clobber prefix.
 */
import { defaultSchema, type Schema } from "hast-util-sanitize";

const ours = ["className", "id", "title", "role", "tabIndex", "ariaLabel", "dataStart", "dataEnd", "dataMedia", "dataQuestion", "ariaHidden", "dataCallout"];

/** GitHub's per-tag attribute lists pin `className` to a few values (footnotes, task lists); ours allow any class. */
const unpinned = Object.fromEntries(
  Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
    tag,
    list.filter((entry) => !(Array.isArray(entry) && entry[0] === "className")),
  ]),
);

export const noteSchema: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: "",
  tagNames: [...(defaultSchema.tagNames ?? []), "mark", "video", "audio", "source", "figure", "figcaption", "u"],
  attributes: {
    ...unpinned,
    "*": [...(unpinned["*"] ?? []), ...ours],
    a: [...(unpinned.a ?? []), "rel"],
    img: [...(unpinned.img ?? []), "loading", "width", "height"],
    video: ["src", "controls", "preload"],
    audio: ["src", "controls", "preload"],
    source: ["src", "type"],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
  },
  protocols: { ...defaultSchema.protocols, src: ["http", "https"] },
};
