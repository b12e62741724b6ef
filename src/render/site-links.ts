/**
 * What rendering a note needs to know about the rest of the site, as plain data: URLs and titles of published
 * notes and questions, tag display names, block texts. Plain so it can cross to a worker thread; built once
 * from the graph.
 */
import type { WendaConfig } from "../config.ts";
import type { Graph } from "../graph/types.ts";
import { displayQuestionTitle } from "../graph/question-merge.ts";
import { hrefOf, tagUrl } from "../graph/url.ts";
import { stringsFor } from "../i18n/index.ts";
import type { RenderContext } from "./handlers.ts";
import type { MediaResolver } from "./media.ts";

export interface SiteLinks {
  /** Id → URL of every published note and question. */
  urls: Record<string, string>;
  /** Id → title of every note and question. */
  titles: Record<string, string>;
  /** Lower-cased tag → its display name. */
  tags: Record<string, string>;
  /** Lower-cased block id → its text, its (published) note and that note's URL. */
  blocks: Record<string, { text: string; url: string; id: string; note: string }>;
  base: string;
  lang: WendaConfig["lang"];
}

export function siteLinksOf(graph: Graph, config: Pick<WendaConfig, "base" | "lang" | "questionPrefix">): SiteLinks {
  const links: SiteLinks = { urls: {}, titles: {}, tags: {}, blocks: {}, base: config.base, lang: config.lang };
  for (const note of graph.notes) {
    links.titles[note.id] = note.title;
    if (note.published) links.urls[note.id] = note.url;
  }
  for (const question of graph.questions) {
    links.titles[question.id] = displayQuestionTitle(question.title, config.questionPrefix);
    // A question's page is its own: a question page note that is unpublished still has one when cards ask it.
    if (question.published) links.urls[question.id] = question.url;
    else delete links.urls[question.id];
  }
  // Link targets without a file that have a virtual page: every spelling a link used leads there.
  for (const page of graph.virtual ?? []) {
    for (const name of page.names) {
      links.urls[name] ??= page.url;
      links.titles[name] ??= page.title;
    }
  }
  for (const tag of graph.tags) links.tags[tag.name.toLowerCase()] = tag.name;
  for (const block of graph.blocks) {
    const url = links.urls[block.note];
    const key = block.id.toLowerCase();
    if (url && !links.blocks[key]) links.blocks[key] = { text: block.text, url, id: block.id, note: block.note };
  }
  return links;
}

/** The render context for one note. */
export function renderContextFor(links: SiteLinks, noteId: string, media: MediaResolver): RenderContext {
  const strings = stringsFor(links.lang);
  return {
    noteId,
    urlOf: (id) => links.urls[id],
    titleOf: (id) => links.titles[id],
    tagUrl: (name) => tagUrl(links.tags[name.toLowerCase()] ?? name),
    media: (path, origin) => media.resolve(path, origin, noteId),
    href: (url) => hrefOf(url, links.base),
    blockOf: (id) => links.blocks[id.toLowerCase()],
    t: (key) => strings[key],
  };
}
