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
import { processNote } from "./fixtures.ts";

export function renderMarkdown(markdown: string, options: { lang?: SiteLinks["lang"] } = {}): RenderedNote {
  const { tree } = processNote(markdown);
  const links: SiteLinks = { urls: {}, titles: {}, tags: {}, blocks: {}, base: "/", lang: options.lang ?? "zh-CN" };
  const media = new MediaResolver({ ...defaultConfig, media: { map: {} } }, os.tmpdir());
  return renderNote(stripPositions(tree), renderContextFor(links, "note", media));
}
