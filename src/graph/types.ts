/**
 * The question graph's JSON: contract version 1 (README "Graph JSON"). Every shape the graph emits is declared
 * here once; `wenda graph` prints exactly this, and the site reads nothing else about the vault.
 */

export type NoteKind = "card" | "question" | "page";
export type Severity = "error" | "warning" | "info";

export interface Graph {
  version: 1;
  notes: GraphNote[];
  questions: GraphQuestion[];
  tags: GraphTag[];
  blocks: GraphBlock[];
  links: GraphLink[];
  /** Every timestamp in the vault, in note order. */
  timestamps: GraphTimestamp[];
  /** Every reviewer comment in the vault, in note order. */
  comments: GraphComment[];
  /** Every image (`![alt](path)`), with its normalized path. */
  images: GraphImage[];
  /** Vault-relative paths of the vault's files that are not notes (links resolve to them), as spelled on disk. */
  attachments: string[];
  diagnostics: Diagnostic[];
  /** Pages for link targets without a file, and Logseq namespaces without one (see `virtualPages`). */
  virtual?: GraphVirtualPage[];
  /** Set when the vault is a Logseq graph (`logseq/config.edn`): journals, page names, namespaces. */
  logseq?: { journals: boolean; defaultHome?: string };
}

/** A page with no file: a link target nothing defines, or a Logseq namespace (`面试` for `面试/Redis`). */
export interface GraphVirtualPage {
  /** The name as first written. */
  id: string;
  title: string;
  url: string;
  /** Every spelling links use for it (names match case-insensitively). */
  names: string[];
  /** Published notes that link to it. */
  references: string[];
  /** A namespace prefix of other pages' names. */
  namespace: boolean;
}

export interface GraphNote {
  /** Vault-relative path without `.md`: `卡片/引入消息队列之后该如何保证其高可用性1.mp4`. */
  id: string;
  /** Vault-relative path with `.md`. */
  path: string;
  title: string;
  /** Site URL, decoded, with leading and trailing `/`: the permalink when the note has a valid one. */
  url: string;
  kind: NoteKind;
  published: boolean;
  /** The card's video, normalized (`Z:/…/视频.mp4`). */
  media?: string;
  aliases: string[];
  /** Display names of the tags used in the note. */
  tags: string[];
  /** Questions asked in this note's outline, in order of first appearance. */
  questions: string[];
  /** Ids of notes that link here (inverted index). */
  backlinks: string[];
  /** Every heading, in document order, with its anchor id. */
  headings: GraphHeading[];
  frontmatter: Record<string, unknown>;
  /** Where the explorer (and, in a Logseq graph, the URL) puts the note when not its vault path: a Logseq page
   * name (`面试/Redis`), a Digital Garden `dg-path`. */
  navPath?: string;
  /** ISO date (`2024-01-31`) of a Logseq journal page. */
  journal?: string;
  /** Published but kept out of navigation (DG `dg-hide`, `dg-hide-in-filetree`). */
  hidden?: boolean;
}

export interface GraphHeading {
  /** 1 to 6. */
  depth: number;
  /** Plain text as a reader sees it. */
  text: string;
  /** The element id on the note's page: github-slugger, one slugger per note (a repeated heading gets `-1`). */
  id: string;
  line: number;
}

export interface GraphQuestion {
  /** The question page's note id when its file exists, else the link target: `Logseq元问题库/pages/？…`. */
  id: string;
  /** Page name, keeping its `？` and spaces. */
  title: string;
  url: string;
  hasPage: boolean;
  /** True when a published card asks it or its own page is published. */
  published: boolean;
  parents: string[];
  children: string[];
  /** Cards that ask this question, in vault order. */
  cards: string[];
  /** Tags in its own answer content (not its sub-questions'). */
  tags: string[];
  timestamps: GraphTimestamp[];
  comments: GraphComment[];
  /** Where it is asked: one entry per bullet. */
  occurrences: { card: string; line: number; blockId?: string }[];
  /** Notes that link to it without asking it (inverted index). */
  backlinks: string[];
  /** Ids of the spellings merged into this one (they differ only in white space, case or width), if any. */
  merged?: string[];
}

export interface GraphTag {
  /** Display name: the first casing seen (`RabbitMq/单机模式`). */
  name: string;
  parent: string | null;
  children: string[];
  /** Notes that use the tag or a tag nested in it. */
  notes: string[];
  /** Questions whose own content uses the tag or a tag nested in it. */
  questions: string[];
  /** Uses of exactly this tag. */
  count: number;
  url: string;
}

export interface GraphBlock {
  id: string;
  note: string;
  line: number;
  /** Plain text of the block's first line of content. */
  text: string;
}

export interface GraphLink {
  from: string;
  /** Resolved note id, or the target as written when unresolved. */
  to: string;
  line: number;
  column: number;
  resolved: boolean;
  /** The link names a file that is not a note (`to` is its vault path when resolved). */
  attachment?: boolean;
  /** A markdown link or image (`[x](a.md)`), not a wiki link. */
  markdown?: boolean;
  embed?: boolean;
  heading?: string;
  block?: string;
}

export interface GraphTimestamp {
  card: string;
  /** The question whose answer holds it, if any. */
  question?: string;
  media: string;
  start: number;
  end?: number;
  label: string;
  line: number;
}

export interface GraphComment {
  card: string;
  question?: string;
  /** The highlighted passage. */
  highlight: string;
  comment?: string;
  title?: string;
  line: number;
}

export interface GraphImage {
  note: string;
  /** Normalized media path or URL, as `GraphTimestamp.media`. */
  path: string;
  alt: string;
  line: number;
}

export interface Diagnostic {
  /** Vault-relative path. */
  path: string;
  line: number;
  column: number;
  severity: Severity;
  code: string;
  message: string;
}
