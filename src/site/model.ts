/**
 * The site model: everything the pages show, computed once from the graph and the rendered notes, before any
 * component runs. Pure TypeScript (no Astro import), JSON-serializable. Unpublished notes never reach it: their
 * content, tags, comments and timestamps stay out, and links to them render as unresolved.
 */
import type { Root } from "mdast";
import { mediaOrigin } from "../../plugins/media/normalize.ts";
import type { WendaConfig } from "../config.ts";
import type { Graph, GraphQuestion, NoteKind } from "../graph/types.ts";
import { wantedFragments } from "../graph/embeds.ts";
import { displayQuestionTitle } from "../graph/question-merge.ts";
import { tagUrl } from "../graph/url.ts";
import { stringsFor, type Strings } from "../i18n/index.ts";
import { MediaResolver, type MediaCopy } from "../render/media.ts";
import { type RenderedNote, renderNote } from "../render/render-note.ts";
import { renderContextFor, siteLinksOf } from "../render/site-links.ts";
import { PageComposer } from "./compose.ts";
import { type IsoDate, type NoteDates, noteDates, toDateTime } from "./dates.ts";
import { type HtmlFieldsMemo, type NoteHtmlFields, noteHtmlFields, questionHtmlFacts } from "./html-fields.ts";
import { type GraphView, graphViewOf, type LocalNode, localGraphs } from "./graph-view.ts";
import { type Paging, pageCount, pageSize, pageUrl, paginateGroups, paging } from "./paging.ts";
import { type PreviewMemo, type PreviewShard, type PreviewSource, previewShards } from "./previews.ts";
import { type TocEntry, tocOf } from "./toc.ts";
import { breadcrumbTrails, type TrailsMemo } from "./breadcrumbs.ts";
import { buildHomeIndex, type HomeIndex } from "./home-index.ts";
import { countNodes, explorerLimit, explorerOf, indexForest, journalsOf, listedNotes, type NavNode, namespaceForest } from "./navigation.ts";

export interface PageLink {
  title: string;
  /** Decoded site URL. */
  url: string;
}

export interface CountedLink extends PageLink {
  count: number;
}

export interface CommentView {
  highlight: string;
  comment?: string;
  title?: string;
  card: PageLink;
  question?: PageLink;
  /** Anchor of the comment on the card page. */
  anchor: string;
}

export interface MomentView {
  card: PageLink;
  label: string;
  start: number;
  /** Whether the card's video is published. */
  available: boolean;
}

export interface NotePage {
  id: string;
  title: string;
  url: string;
  kind: NoteKind;
  html: string;
  /** The card's video, when it has one. */
  video?: { url: string } | { missing: string };
  tags: PageLink[];
  questions: PageLink[];
  backlinks: PageLink[];
  comments: CommentView[];
  /** Search filter values: the tags and every prefix of them. */
  filterTags: string[];
  /** The page shows a Mermaid diagram: it loads the site's Mermaid bundle (and only then). */
  diagram?: true;
  /** The page shows math: it links KaTeX's stylesheet. */
  math?: boolean;
  /** The content opens with an `<h1>` saying the title: the page shows no second one. */
  titleInContent?: boolean;
  /** A page without a file (a link target, a Logseq namespace): its backlinks are its content. */
  virtual?: boolean;
  /** Logseq namespace pages under this one (`面试/Redis` under `面试`), as a tree. */
  children?: NavNode[];
  /** Meta description: the start of the page's text (src/site/describe.ts). */
  description?: string;
  /** Last updated and created (src/site/dates.ts). */
  updated?: IsoDate;
  created?: IsoDate;
  /** The page's table of contents (its questions, or its headings), when it has two entries or more. */
  toc?: TocEntry[];
  /** The local graph: neighbours, and theirs (see `localGraphs`). */
  neighbours: LocalNode[];
}

export interface QuestionPage {
  id: string;
  title: string;
  url: string;
  hasPage: boolean;
  /** The question page's own content, when its file exists and is published. */
  ownHtml?: string;
  breadcrumbs: PageLink[][];
  parents: PageLink[];
  children: CountedLink[];
  /** `anchor`: the id of the question's bullet on the card's page. */
  answers: { card: PageLink; html: string; anchor: string }[];
  moments: MomentView[];
  tags: PageLink[];
  comments: CommentView[];
  backlinks: PageLink[];
  filterTags: string[];
  /** The page shows a Mermaid diagram (in its own content or an answer). */
  diagram?: true;
  /** The page shows math: it links KaTeX's stylesheet. */
  math?: boolean;
  /** Meta description: the start of its own text or first answer. */
  description?: string;
  /** The newest date of its page and the cards that answer it. */
  updated?: IsoDate;
  /** The local graph: neighbours, and theirs (see `localGraphs`). */
  neighbours: LocalNode[];
}

export interface TagPage {
  name: string;
  /** This page's URL (page 1 is the tag's own URL). */
  url: string;
  parent: PageLink | null;
  children: CountedLink[];
  /** This page's share of the notes and questions that use the tag (see `paging`). */
  notes: PageLink[];
  questions: PageLink[];
  /** All of them, over every page. */
  totals: { notes: number; questions: number };
  count: number;
  paging: Paging;
}

/** One page of the vault's reviewer comments, grouped by card. */
export interface CommentsPage {
  url: string;
  groups: { card: PageLink; comments: CommentView[] }[];
  total: number;
  paging: Paging;
}

export interface SiteModel {
  config: Pick<WendaConfig, "title" | "lang" | "base" | "searchLanguage" | "site" | "questionPrefix">;
  strings: Strings;
  notes: NotePage[];
  questions: QuestionPage[];
  tags: TagPage[];
  commentPages: CommentsPage[];
  /** The question hierarchy, each question placed once (see `home-index.ts`). */
  tree: HomeIndex;
  tagTree: CountedLink[];
  stats: { cards: number; questions: number; tags: number; comments: number; moments: number };
  /** Media files to copy into the site. */
  media: MediaCopy[];
  /** The home note, rendered at `/` (not in `notes`). */
  home?: NotePage;
  /** Folders and notes (a Logseq graph: its namespaces). */
  explorer: NavNode[];
  /** Small enough to show beside every page (else only on home and all pages). */
  explorerInLayout: boolean;
  /** Logseq journal pages, newest first. */
  journals: (PageLink & { date: string })[];
  /** Every published page by kind, for `/all/`. */
  allPages: { notes: PageLink[]; questions: PageLink[]; virtual: PageLink[]; tags: PageLink[] };
  /** The vault is a Logseq graph. */
  logseq: boolean;
  /** Hover previews of every page, sharded (see previews.ts); the pages know only how many shards there are. */
  previews: PreviewShard[];
  previewShards: number;
  /** Nodes and edges of the graph view (`/graph.json` lays them out). */
  graph: GraphView;
}

/** What `wenda dev` keeps from one assembly to the next (a build passes none). */
export interface AssemblyMemory {
  /** Composes the pages' HTML, remembering its results. */
  composer?: Pick<PageComposer, "page" | "parts">;
  /** The published notes' dates, kept up to date note by note. */
  dates?: ReadonlyMap<string, NoteDates>;
  previews?: PreviewMemo;
  /** What pages take from their HTML, by the HTML it was read from. */
  htmlFields?: HtmlFieldsMemo;
  /** Breadcrumb trails, kept while the question hierarchy is the same. */
  trails?: TrailsMemo;
}

/** Render every published note of `trees` in this thread, then assemble the model (tests, small vaults). */
export function buildSiteModel(graph: Graph, trees: Map<string, Root>, config: WendaConfig, vault: string): SiteModel {
  const links = siteLinksOf(graph, config);
  const media = new MediaResolver(config, vault);
  const rendered = new Map<string, RenderedNote>();
  const published = new Set(graph.notes.filter((note) => note.published).map((note) => note.id));
  const wanted = wantedFragments(graph, (id) => published.has(id));
  for (const note of graph.notes) {
    const tree = trees.get(note.id);
    if (note.published && tree) rendered.set(note.id, renderNote(tree, renderContextFor(links, note.id, media), wanted.get(note.id) ?? []));
  }
  return assembleSiteModel(graph, rendered, config, vault, [...media.copies.values()]);
}

/**
 * The model from the graph and the notes rendered already (here or in worker threads); `copies` are the media
 * files rendering found.
 */
export function assembleSiteModel(
  graph: Graph,
  rendered: Map<string, RenderedNote>,
  config: WendaConfig,
  vault: string,
  copies: MediaCopy[],
  memory: AssemblyMemory = {},
): SiteModel {
  const strings = stringsFor(config.lang);
  const composer = memory.composer ?? new PageComposer(rendered, strings);
  const linker = pageLinker(graph, config.questionPrefix);
  const { questions, published, urlOf, questionTitle, titleOf, link } = linker;
  const media = new MediaResolver(config, vault);
  const tagName = new Map(graph.tags.map((tag) => [tag.name.toLowerCase(), tag.name]));
  const dates = memory.dates ?? noteDates(graph.notes.filter((note) => note.published), vault);
  const canonicalTag = (name: string) => tagName.get(name.toLowerCase()) ?? name;
  const graphView = graphViewOf(graph, { urlOf, titleOf });
  const neighbours = localGraphs(graphView);

  // Comments in note order; the n-th comment of a card is `#comment-n` there (the renderer numbers them alike).
  const commentsByCard = new Map<string, CommentView[]>();
  const commentsByQuestion = new Map<string, CommentView[]>();
  const allComments: CommentView[] = [];
  for (const c of graph.comments) {
    if (!published(c.card)) continue;
    const ofCard = commentsByCard.get(c.card) ?? [];
    const view: CommentView = { highlight: c.highlight, card: link(c.card), anchor: `comment-${ofCard.length + 1}` };
    if (c.comment) view.comment = c.comment;
    if (c.title) view.title = c.title;
    if (c.question !== undefined && urlOf(c.question)) {
      view.question = link(c.question);
      commentsByQuestion.set(c.question, [...(commentsByQuestion.get(c.question) ?? []), view]);
    }
    ofCard.push(view);
    commentsByCard.set(c.card, ofCard);
    allComments.push(view);
  }

  const tagLinks = (names: string[]) => names.map((name) => ({ title: name, url: tagUrl(canonicalTag(name)) }));
  const withPrefixes = (names: string[]) => {
    const all = new Set<string>();
    for (const name of names) {
      const parts = canonicalTag(name).split("/");
      for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join("/"));
    }
    return [...all];
  };
  const publishedLinks = (ids: string[]) => ids.filter((id) => urlOf(id)).map(link);

  // Notes (cards and pages; question pages are shown on their question's page).
  const notePages: NotePage[] = [];
  for (const note of graph.notes) {
    if (!note.published || note.kind === "question") continue;
    const page: NotePage = {
      id: note.id,
      title: note.title,
      url: note.url,
      kind: note.kind,
      ...noteHtmlFieldsOf(note.id, composer.page(note.id), note.title, memory.htmlFields),
      tags: tagLinks(note.tags),
      questions: publishedLinks(note.questions),
      backlinks: publishedLinks(note.backlinks),
      comments: commentsByCard.get(note.id) ?? [],
      filterTags: withPrefixes(note.tags),
      neighbours: neighbours(note.id),
    };
    const toc = tocOf(rendered.get(note.id)?.outline ?? [], note.kind, titleOf);
    if (toc) page.toc = toc;
    if (note.media) {
      const resolved = media.resolve(note.media, mediaOrigin(note.media), note.id);
      page.video = "url" in resolved ? { url: resolved.url } : { missing: resolved.missing };
    }
    Object.assign(page, noteDateFields(dates, note.id));
    notePages.push(page);
  }

  // Navigation: titles shown once, Logseq namespaces, virtual pages, the home note.
  const explorer = explorerOf(graph, urlOf, config.questionPrefix);
  const namespaces = graph.logseq ? indexForest(namespaceForest(graph, urlOf)) : new Map<string, NavNode>();
  for (const page of notePages) {
    const children = namespaces.get(page.url)?.children;
    if (children?.length) page.children = children;
  }
  for (const virtual of graph.virtual ?? []) {
    const page: NotePage = {
      id: virtual.id,
      title: virtual.title,
      url: virtual.url,
      kind: "page",
      html: "",
      tags: [],
      questions: [],
      backlinks: publishedLinks(virtual.references),
      comments: [],
      filterTags: [],
      virtual: true,
      neighbours: neighbours(virtual.id),
    };
    const children = namespaces.get(virtual.url)?.children;
    if (children?.length) page.children = children;
    notePages.push(page);
  }
  const homeIndex = notePages.findIndex((page) => page.url === "/");
  const home = homeIndex === -1 ? undefined : notePages.splice(homeIndex, 1)[0];

  // Questions.
  const cardCount = (q: GraphQuestion) => q.cards.filter(published).length;
  const trailsOf = memory.trails ? memory.trails.trailsFor(questions, urlOf) : breadcrumbTrails(questions, urlOf);
  const questionPages: QuestionPage[] = [];
  for (const q of graph.questions) {
    if (!q.published) continue;
    const html = questionHtmlFields(q.id, questionContent(q, rendered, composer, linker), memory.htmlFields);
    const page: QuestionPage = {
      id: q.id,
      title: questionTitle(q),
      url: q.url,
      hasPage: q.hasPage,
      breadcrumbs: trailsOf(q).map((path) => path.map(link)),
      parents: publishedLinks(q.parents),
      children: q.children.filter((id) => urlOf(id)).map((id) => ({ ...link(id), count: cardCount(questions.get(id) as GraphQuestion) })),
      answers: html.answers,
      moments: q.timestamps
        .filter((ts) => published(ts.card))
        .map((ts) => ({ card: link(ts.card), label: ts.label, start: ts.start, available: "url" in media.resolve(ts.media, mediaOrigin(ts.media), ts.card) })),
      tags: tagLinks(q.tags),
      comments: commentsByQuestion.get(q.id) ?? [],
      backlinks: publishedLinks(q.backlinks),
      filterTags: withPrefixes(q.tags),
      neighbours: neighbours(q.id),
    };
    Object.assign(page, html);
    const updated = questionUpdated(q, published, dates);
    if (updated) page.updated = updated;
    questionPages.push(page);
  }

  // Tags: only what published notes use.
  const tagPages: TagPage[] = [];
  const visibleTags = new Map<string, { notes: string[]; questions: string[] }>();
  for (const tag of graph.tags) {
    const tagNotes = tag.notes.filter(published);
    if (tagNotes.length === 0) continue;
    visibleTags.set(tag.name, { notes: tagNotes, questions: tag.questions.filter((id) => urlOf(id)) });
  }
  for (const tag of graph.tags) {
    const visible = visibleTags.get(tag.name);
    if (!visible) continue;
    const notesOf = visible.notes.map(link);
    const questionsOf = visible.questions.map(link);
    const pages = Math.max(pageCount(notesOf.length), pageCount(questionsOf.length));
    for (let page = 1; page <= pages; page++) {
      const share = <T>(list: T[]) => list.slice((page - 1) * pageSize, page * pageSize);
      tagPages.push({
        name: tag.name,
        url: pageUrl(tag.url, page),
        parent: tag.parent && visibleTags.has(tag.parent) ? { title: tag.parent, url: tagUrl(tag.parent) } : null,
        children: tag.children
          .filter((child) => visibleTags.has(child))
          .map((child) => ({ title: child, url: tagUrl(child), count: visibleTags.get(child)?.notes.length ?? 0 })),
        notes: share(notesOf),
        questions: share(questionsOf),
        totals: { notes: notesOf.length, questions: questionsOf.length },
        count: tag.count,
        paging: paging(tag.url, page, pages),
      });
    }
  }

  // Every comment of the vault, grouped by card, a page at a time.
  const byCard = [...commentsByCard].map(([card, comments]) => ({ card: link(card), comments }));
  const commentGroups = paginateGroups(byCard, (group) => group.comments, (group, comments) => ({ ...group, comments }));
  const commentPages: CommentsPage[] = commentGroups.map((groups, i) => ({
    url: pageUrl("/comments/", i + 1),
    groups,
    total: allComments.length,
    paging: paging("/comments/", i + 1, commentGroups.length),
  }));

  const tree = buildHomeIndex(graph.questions.filter((q) => q.published && urlOf(q.id)), cardCount, questionTitle);
  const notePagesCards = notePages.filter((page) => page.kind === "card").length;
  const previews = sitePreviews(notePages, home, questionPages, tagPages, strings, memory.previews);
  return {
    config: { title: config.title, lang: config.lang, base: config.base, searchLanguage: config.searchLanguage, questionPrefix: config.questionPrefix, ...(config.site ? { site: config.site } : {}) },
    strings,
    notes: notePages,
    questions: questionPages,
    tags: tagPages,
    tree,
    tagTree: tagPages.filter((tag) => tag.parent === null && tag.paging.page === 1).map((tag) => ({ title: tag.name, url: tag.url, count: tag.totals.notes })),
    commentPages,
    stats: {
      cards: notePagesCards,
      questions: questionPages.length,
      tags: visibleTags.size,
      comments: allComments.length,
      moments: graph.timestamps.filter((ts) => published(ts.card)).length,
    },
    media: [...new Map([...copies, ...media.copies.values()].map((copy) => [copy.to, copy])).values()],
    ...(home ? { home } : {}),
    explorer,
    explorerInLayout: countNodes(explorer) <= explorerLimit,
    journals: journalsOf(graph, urlOf),
    allPages: allPagesOf(),
    logseq: graph.logseq !== undefined,
    previews,
    previewShards: previews.length,
    graph: graphView,
  };

  function allPagesOf(): SiteModel["allPages"] {
    const order = (a: PageLink, b: PageLink) => titleOrder.compare(a.title, b.title);
    const listed = listedNotes(graph).filter((note) => note.kind !== "question");
    return {
      notes: listed.map((note) => link(note.id)).filter((l) => l.url).sort(order),
      questions: questionPages.map((q) => ({ title: q.title, url: q.url })).sort(order),
      virtual: (graph.virtual ?? []).map((v) => ({ title: v.title, url: v.url })).sort(order),
      tags: tagPages.filter((tag) => tag.paging.page === 1).map((tag) => ({ title: tag.name, url: tag.url })).sort(order),
    };
  }
}

// One collator for every sort: `localeCompare` with a locale sets one up per comparison.
const titleOrder = new Intl.Collator("zh-CN");

/** Links between pages as the pages show them: every title, but a URL only for a published page. */
export interface PageLinker {
  questions: Map<string, GraphQuestion>;
  published: (id: string) => boolean;
  urlOf: (id: string) => string | undefined;
  questionTitle: (q: GraphQuestion) => string;
  titleOf: (id: string) => string | undefined;
  link: (id: string) => PageLink;
}

export function pageLinker(graph: Graph, questionPrefix: string): PageLinker {
  const notes = new Map(graph.notes.map((note) => [note.id, note]));
  const questions = new Map(graph.questions.map((question) => [question.id, question]));
  const published = (id: string) => notes.get(id)?.published === true;
  const urlOf = (id: string): string | undefined => {
    const question = questions.get(id);
    if (question) return question.published ? question.url : undefined;
    const note = notes.get(id);
    return note?.published ? note.url : undefined;
  };
  // Asked for each link to a question (breadcrumbs, lists, answers): worked out once per question.
  const shownTitles = new Map<GraphQuestion, string>();
  const questionTitle = (q: GraphQuestion) => {
    const known = shownTitles.get(q);
    if (known !== undefined) return known;
    const title = displayQuestionTitle(q.title, questionPrefix);
    shownTitles.set(q, title);
    return title;
  };
  const titleOf = (id: string) => {
    const question = questions.get(id);
    return question ? questionTitle(question) : notes.get(id)?.title;
  };
  const link = (id: string): PageLink => ({ title: titleOf(id) ?? id, url: urlOf(id) ?? "" });
  return { questions, published, urlOf, questionTitle, titleOf, link };
}

/** A question page's content: its own page's HTML (when its file exists and is published) and every published card's answers. */
export function questionContent(
  q: GraphQuestion,
  rendered: ReadonlyMap<string, RenderedNote>,
  composer: Pick<PageComposer, "page" | "parts">,
  linker: Pick<PageLinker, "published" | "link">,
): Pick<QuestionPage, "answers" | "ownHtml"> {
  const cut: { note: string; html: string; anchor: string }[] = [];
  for (const card of q.cards) {
    if (!linker.published(card)) continue;
    for (const answer of rendered.get(card)?.answers.get(q.id) ?? []) cut.push({ note: card, ...answer });
  }
  // Each answer is a fragment of its card: its ids get their own prefix, so none repeats on the page.
  const answers: QuestionPage["answers"] = composer.parts(cut).map((html, i) => {
    const { note, anchor } = cut[i] as (typeof cut)[number];
    return { card: linker.link(note), html, anchor };
  });
  return q.hasPage && linker.published(q.id) ? { answers, ownHtml: composer.page(q.id) } : { answers };
}

/** A question page's HTML (see `questionContent`) and what follows from it (html-fields.ts), read through `memo` when given. */
export function questionHtmlFields(id: string, content: Pick<QuestionPage, "answers" | "ownHtml">, memo?: HtmlFieldsMemo): Pick<QuestionPage, "answers" | "ownHtml" | "diagram" | "math" | "description"> {
  return { ...content, ...(memo ? memo.question(id, content) : questionHtmlFacts(content)) };
}

/** A note page's HTML and what follows from it (html-fields.ts), read through `memo` when given. */
export function noteHtmlFieldsOf(id: string, html: string, title: string, memo?: HtmlFieldsMemo): NoteHtmlFields {
  return memo ? memo.note(id, html, title) : noteHtmlFields(html, title);
}

/** A note page's dates (src/site/dates.ts), as its fields. */
export function noteDateFields(dates: ReadonlyMap<string, NoteDates>, id: string): Pick<NotePage, "updated" | "created"> {
  const dated = dates.get(id);
  return { ...(dated ? { updated: dated.updated } : {}), ...(dated?.created ? { created: dated.created } : {}) };
}

/** A question's date: the newest of its own page's and those of the published cards that answer it. */
export function questionUpdated(q: GraphQuestion, published: (id: string) => boolean, dates: ReadonlyMap<string, NoteDates>): IsoDate | undefined {
  // One pass, each date read once (sorting them parsed each date at every comparison: most of a dev update).
  let newest: IsoDate | undefined;
  let newestTime = Number.NEGATIVE_INFINITY;
  for (const id of [q.id, ...q.cards]) {
    const date = published(id) ? dates.get(id)?.updated : undefined;
    if (date === undefined) continue;
    const time = Date.parse(toDateTime(date));
    if (newest === undefined || time > newestTime) {
      newest = date;
      newestTime = time;
    }
  }
  return newest;
}

/** Hover previews of every page (cards, notes, the home note, questions, tags' first pages), sharded. */
export function sitePreviews(notePages: readonly NotePage[], home: NotePage | undefined, questionPages: readonly QuestionPage[], tagPages: readonly TagPage[], strings: Strings, memo?: PreviewMemo): PreviewShard[] {
  const kindOf = (page: NotePage) => (page.kind === "card" ? strings.kindCard : strings.kindPage);
  const sources: PreviewSource[] = [
    ...[...notePages, ...(home ? [home] : [])].map((page) => ({ url: page.url, title: page.title, kind: kindOf(page), tags: page.tags, html: [page.html] })),
    ...questionPages.map((page) => ({ url: page.url, title: page.title, kind: strings.kindQuestion, tags: page.tags, html: [page.ownHtml, ...page.answers.map((a) => a.html)] })),
    ...tagPages
      .filter((tag) => tag.paging.page === 1)
      .map((tag) => ({ url: tag.url, title: `#${tag.name}`, kind: strings.tag, tags: tag.children.slice(0, 4), html: [`${tag.totals.notes} ${strings.cards} · ${tag.totals.questions} ${strings.questions}`] })),
  ];
  return previewShards(sources, memo);
}
