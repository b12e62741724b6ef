/**
 * Render a markdown snippet as a note page would: the full processor, then `renderNote` with a context that
 * knows no other note (links stay unresolved, no media folder).
 */
import os from "node:os";
import { defaultConfig } from "../../src/config.ts";
import { stripPositions } from "../../src/graph/vault.ts";
import { MediaResolver } from "../../src/render/media.ts";
import { type RenderedNote, renderNote } from "../../src/render/render-note.ts";
import { renderContextFor, type SiteLinks } from "../../src/render/site-links.ts";
import { stringsFor } from "../../src/i18n/index.ts";
import { PageComposer } from "../../src/site/compose.ts";
import { processNote } from "./fixtures.ts";

export function renderMarkdown(markdown: string, options: { lang?: SiteLinks["lang"] } = {}): RenderedNote {
  const { tree } = processNote(markdown);
  const index = { notes: [{ id: "note", aliases: [] }], attachments: [], headings: {}, blocks: {}, questions: [], questionPrefix: "？" };
  const links: SiteLinks = { urls: {}, titles: {}, tags: {}, blocks: {}, index, base: "/", lang: options.lang ?? "zh-CN", strictLineBreaks: false };
  const media = new MediaResolver({ ...defaultConfig, media: { map: {} } }, os.tmpdir());
  const rendered = renderNote(stripPositions(tree), renderContextFor(links, "note", media));
  // As the page shows it: the note's own ids, no composer markers.
  return { ...rendered, html: new PageComposer(new Map([["note", rendered]]), stringsFor("zh-CN")).page("note") };
}
