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
import { hasDiagram } from "../render/handlers/code.ts";
import { MediaResolver, type MediaCopy } from "../render/media.ts";
import { showsMath } from "../render/handlers/math.ts";
import { type RenderedNote, renderNote } from "../render/render-note.ts";
import { renderContextFor, siteLinksOf } from "../render/site-links.ts";
import { PageComposer } from "./compose.ts";
import { type Paging, pageCount, pageSize, pageUrl, paginateGroups, paging } from "./paging.ts";
import { countNodes, explorerLimit, explorerOf, indexForest, journalsOf, listedNotes, type NavNode, namespaceForest, opensWithTitle } from "./navigation.ts";

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
  answers: { card: PageLink; html: string }[];
  moments: MomentView[];
  tags: PageLink[];
  comments: CommentView[];
  backlinks: PageLink[];
  filterTags: string[];
  /** The page shows a Mermaid diagram (in its own content or an answer). */
  diagram?: true;
  /** The page shows math: it links KaTeX's stylesheet. */
  math?: boolean;
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

export interface TreeNode {
  title: string;
  url: string;
  cards: number;
  children: TreeNode[];
  /** Shown in full elsewhere in the tree (a question with several parents is expanded once). */
  repeat?: boolean;
}

export interface SiteModel {
  config: Pick<WendaConfig, "title" | "lang" | "base" | "searchLanguage" | "questionPrefix">;
  strings: Strings;
  notes: NotePage[];
  questions: QuestionPage[];
  tags: TagPage[];
  commentPages: CommentsPage[];
  tree: TreeNode[];
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
): SiteModel {
  const strings = stringsFor(config.lang);
  const notes = new Map(graph.notes.map((note) => [note.id, note]));
  const questions = new Map(graph.questions.map((question) => [question.id, question]));
  const published = (id: string) => notes.get(id)?.published === true;
  const urlOf = (id: string): string | undefined => {
    const question = questions.get(id);
    if (question) return question.published ? question.url : undefined;
    const note = notes.get(id);
    return note?.published ? note.url : undefined;
  };
  const questionTitle = (q: GraphQuestion) => displayQuestionTitle(q.title, config.questionPrefix);
  const titleOf = (id: string) => {
    const question = questions.get(id);
    return question ? questionTitle(question) : notes.get(id)?.title;
  };
  const link = (id: string): PageLink => ({ title: titleOf(id) ?? id, url: urlOf(id) ?? "" });
  const media = new MediaResolver(config, vault);
  const composer = new PageComposer(rendered, strings);
  const tagName = new Map(graph.tags.map((tag) => [tag.name.toLowerCase(), tag.name]));
  const canonicalTag = (name: string) => tagName.get(name.toLowerCase()) ?? name;

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
      html: composer.page(note.id),
      tags: tagLinks(note.tags),
      questions: publishedLinks(note.questions),
      backlinks: publishedLinks(note.backlinks),
      comments: commentsByCard.get(note.id) ?? [],
      filterTags: withPrefixes(note.tags),
    };
    if (hasDiagram(page.html)) page.diagram = true;
    if (note.media) {
      const resolved = media.resolve(note.media, mediaOrigin(note.media), note.id);
      page.video = "url" in resolved ? { url: resolved.url } : { missing: resolved.missing };
    }
    if (showsMath(page.html)) page.math = true;
    notePages.push(page);
  }

  // Navigation: titles shown once, Logseq namespaces, virtual pages, the home note.
  const explorer = explorerOf(graph, urlOf, config.questionPrefix);
  const namespaces = graph.logseq ? indexForest(namespaceForest(graph, urlOf)) : new Map<string, NavNode>();
  for (const page of notePages) {
    if (opensWithTitle(page.html, page.title)) page.titleInContent = true;
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
    };
    const children = namespaces.get(virtual.url)?.children;
    if (children?.length) page.children = children;
    notePages.push(page);
  }
  const homeIndex = notePages.findIndex((page) => page.url === "/");
  const home = homeIndex === -1 ? undefined : notePages.splice(homeIndex, 1)[0];

  // Questions.
  const cardCount = (q: GraphQuestion) => q.cards.filter(published).length;
  const questionPages: QuestionPage[] = [];
  for (const q of graph.questions) {
    if (!q.published) continue;
    const cut: { note: string; html: string }[] = [];
    for (const card of q.cards) {
      if (!published(card)) continue;
      for (const html of rendered.get(card)?.answers.get(q.id) ?? []) cut.push({ note: card, html });
    }
    // Each answer is a fragment of its card: its ids get their own prefix, so none repeats on the page.
    const answers: QuestionPage["answers"] = composer.parts(cut).map((html, i) => ({ card: link((cut[i] as { note: string }).note), html }));
    const page: QuestionPage = {
      id: q.id,
      title: questionTitle(q),
      url: q.url,
      hasPage: q.hasPage,
      breadcrumbs: breadcrumbs(q, questions, urlOf).map((path) => path.map(link)),
      parents: publishedLinks(q.parents),
      children: q.children.filter((id) => urlOf(id)).map((id) => ({ ...link(id), count: cardCount(questions.get(id) as GraphQuestion) })),
      answers,
      moments: q.timestamps
        .filter((ts) => published(ts.card))
        .map((ts) => ({ card: link(ts.card), label: ts.label, start: ts.start, available: "url" in media.resolve(ts.media, mediaOrigin(ts.media), ts.card) })),
      tags: tagLinks(q.tags),
      comments: commentsByQuestion.get(q.id) ?? [],
      backlinks: publishedLinks(q.backlinks),
      filterTags: withPrefixes(q.tags),
    };
    if (q.hasPage && published(q.id)) page.ownHtml = composer.page(q.id);
    if ((page.ownHtml && hasDiagram(page.ownHtml)) || answers.some((answer) => hasDiagram(answer.html))) page.diagram = true;
    if (showsMath(page.ownHtml, ...answers.map((answer) => answer.html))) page.math = true;
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

  const tree = questionTree(graph.questions.filter((q) => q.published), questions, urlOf, cardCount, questionTitle);
  const notePagesCards = notePages.filter((page) => page.kind === "card").length;
  return {
    config: { title: config.title, lang: config.lang, base: config.base, searchLanguage: config.searchLanguage, questionPrefix: config.questionPrefix },
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
  };

  function allPagesOf(): SiteModel["allPages"] {
    const order = (a: PageLink, b: PageLink) => a.title.localeCompare(b.title, "zh-CN");
    const listed = listedNotes(graph).filter((note) => note.kind !== "question");
    return {
      notes: listed.map((note) => link(note.id)).filter((l) => l.url).sort(order),
      questions: questionPages.map((q) => ({ title: q.title, url: q.url })).sort(order),
      virtual: (graph.virtual ?? []).map((v) => ({ title: v.title, url: v.url })).sort(order),
      tags: tagPages.filter((tag) => tag.paging.page === 1).map((tag) => ({ title: tag.name, url: tag.url })).sort(order),
    };
  }
}

/** Every path from a root question down to `q` (at most 6, cycle-safe), root first, `q` excluded. */
function breadcrumbs(q: GraphQuestion, questions: Map<string, GraphQuestion>, urlOf: (id: string) => string | undefined): string[][] {
  const paths: string[][] = [];
  const climb = (id: string, below: string[], seen: Set<string>) => {
    if (paths.length >= 6) return;
    const parents = (questions.get(id)?.parents ?? []).filter((p) => urlOf(p) && !seen.has(p));
    if (parents.length === 0) {
      if (below.length) paths.push(below);
      return;
    }
    for (const parent of parents) climb(parent, [parent, ...below], new Set([...seen, parent]));
  };
  climb(q.id, [], new Set([q.id]));
  return paths;
}

const maxTreeDepth = 8;

/** The question hierarchy: roots are published questions without published parents; each node expands once. */
function questionTree(
  list: GraphQuestion[],
  questions: Map<string, GraphQuestion>,
  urlOf: (id: string) => string | undefined,
  cardCount: (q: GraphQuestion) => number,
  titleOf: (q: GraphQuestion) => string,
): TreeNode[] {
  const expanded = new Set<string>();
  const node = (q: GraphQuestion, depth: number): TreeNode => {
    const base = { title: titleOf(q), url: q.url, cards: cardCount(q) };
    // Outlines nest ~7 deep, but titles reused across cards can chain far deeper: the question page goes on.
    if (expanded.has(q.id) || depth >= maxTreeDepth) return { ...base, children: [], repeat: true };
    expanded.add(q.id);
    const children = q.children
      .map((id) => questions.get(id))
      .filter((child): child is GraphQuestion => child !== undefined && urlOf(child.id) !== undefined)
      .map((child) => node(child, depth + 1));
    return { ...base, children };
  };
  const roots = list.filter((q) => !q.parents.some((p) => urlOf(p)));
  return roots.map((root) => node(root, 0));
}

