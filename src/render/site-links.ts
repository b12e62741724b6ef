/**
 * What rendering a note needs to know about the rest of the site, as plain data: URLs and titles of published
 * notes and questions, tag display names, block texts, and the resolver snapshot every link is resolved against
 * (the graph's own rules and data). Plain so it can cross to a worker thread; built once from the graph.
 */
import type { WendaConfig } from "../config.ts";
import { resolverDataOf } from "../graph/links.ts";
import { basename, LinkResolver, type ResolverData } from "../graph/resolve.ts";
import type { Graph } from "../graph/types.ts";
import { displayQuestionTitle } from "../graph/question-merge.ts";
import { hrefOf, tagUrl } from "../graph/url.ts";
import { stringsFor } from "../i18n/index.ts";
import type { RenderContext, ResolvedLink } from "./handlers.ts";
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
  /** The graph's link resolution data: note names, attachments, headings, blocks. */
  index: ResolverData;
  base: string;
  lang: WendaConfig["lang"];
  /** `allowRemoteMedia` from the config, and `media.baseUrl` (the site's own remote media). */
  allowRemoteMedia?: boolean;
  mediaBaseUrl?: string;
  /** CommonMark line joining instead of Obsidian's kept line breaks. */
  strictLineBreaks: boolean;
}

export function siteLinksOf(
  graph: Graph,
  config: Pick<WendaConfig, "base" | "lang" | "questionPrefix" | "strictLineBreaks"> & Partial<Pick<WendaConfig, "allowRemoteMedia" | "media">>,
): SiteLinks {
  const index = resolverDataOf(graph, config.questionPrefix);
  const links: SiteLinks = {
    urls: {},
    titles: {},
    tags: {},
    blocks: {},
    index,
    base: config.base,
    lang: config.lang,
    strictLineBreaks: config.strictLineBreaks,
  };
  if (config.allowRemoteMedia) links.allowRemoteMedia = true;
  if (config.media?.baseUrl) links.mediaBaseUrl = config.media.baseUrl;
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

/** One resolver per snapshot, however many notes a thread renders with it. */
const resolvers = new WeakMap<ResolverData, LinkResolver>();

function resolverOf(links: SiteLinks): LinkResolver {
  let resolver = resolvers.get(links.index);
  if (!resolver) {
    resolver = new LinkResolver(links.index);
    resolvers.set(links.index, resolver);
  }
  return resolver;
}

/** The render context for one note. */
export function renderContextFor(links: SiteLinks, noteId: string, media: MediaResolver): RenderContext {
  const strings = stringsFor(links.lang);
  const resolver = resolverOf(links);
  return {
    noteId,
    resolve: (ref, from = noteId): ResolvedLink => {
      const resolution = resolver.resolve(ref, from);
      const result: ResolvedLink = { kind: resolution.kind, id: resolution.id, title: basename(resolution.id) };
      if (resolution.kind === "attachment") {
        // A vault path from the index: copied into the site, confined to the vault (no `..`, no symlinks).
        const file = media.resolve(resolution.id, "vault", "");
        if ("url" in file) result.url = file.url;
        return result;
      }
      if (resolution.kind === "missing") {
        result.attachment = resolution.attachment;
        // A target without a file may have a virtual page (listing the notes that link to it).
        const page = resolution.attachment ? undefined : links.urls[resolution.id];
        if (page !== undefined) {
          result.url = page;
          result.title = links.titles[resolution.id] ?? result.title;
        }
        return result;
      }
      result.title = links.titles[resolution.id] ?? result.title;
      const url = links.urls[resolution.id];
      if (url !== undefined) result.url = url;
      if (resolution.kind === "note" && resolution.anchor) result.anchor = resolution.anchor;
      return result;
    },
    strictLineBreaks: links.strictLineBreaks,
    urlOf: (id) => links.urls[id],
    titleOf: (id) => links.titles[id],
    tagUrl: (name) => tagUrl(links.tags[name.toLowerCase()] ?? name),
    media: (path, origin) => media.resolve(path, origin, noteId),
    href: (url) => hrefOf(url, links.base),
    blockOf: (id) => links.blocks[id.toLowerCase()],
    calloutTitle: (written) => (strings.callouts as Record<string, string>)[written] ?? written.charAt(0).toUpperCase() + written.slice(1),
    t: (key) => strings[key],
    questionPrefix: links.index.questionPrefix,
    allowRemoteMedia: links.allowRemoteMedia === true,
    trustedMedia: links.mediaBaseUrl ? [links.mediaBaseUrl] : [],
  };
}
