/**
 * Every mdast / vfile augmentation wenda makes, declared once.
 *
 * Plugins annotate the tree with these nodes and fields; the graph reads them and the renderer turns them into
 * hast. Nobody re-describes these shapes elsewhere.
 */
import type { BlockContent, Data, DefinitionContent, Literal, Parent, PhrasingContent } from "mdast";
import type { Extension as FromMarkdownExtension } from "mdast-util-from-markdown";
import type { Extension as MicromarkExtension } from "micromark-util-types";

/** A `[[target#fragment|alias]]` link (or `![[…]]` embed), after remark-wiki-link and `remarkWikiLinkObsidian`. */
export interface WikiLink extends Literal {
  type: "wikiLink";
  /** The link as written between the brackets, before the divider. */
  value: string;
  data: WikiLinkData;
}

export interface WikiLinkData extends Data {
  /** The alias after the `|` (or `\|`) divider, if any. */
  alias?: string;
  /** Page part of the target, trimmed, without a trailing `.md` and without the `\` of an escaped divider. */
  target?: string;
  /** Heading chain after `#` (`H1#H2`), if any. */
  heading?: string;
  /** Block id after `#^`, if any. */
  block?: string;
  /** True for `![[…]]`. */
  embed?: boolean;
  // remark-wiki-link's own fields, which we ignore.
  exists?: boolean;
  permalink?: string;
  hProperties?: Record<string, unknown>;
  hChildren?: unknown[];
}

/** A `#tag` (or `#[[multi word]]`) in text. */
export interface Tag extends Literal {
  type: "tag";
  /** The tag without `#`, as written (`RabbitMq/单机模式`). */
  value: string;
}

/** A Media Extended timestamp link: `[06:38](file:///…视频.mp4#t=398.418331)`. */
export interface Timestamp extends Parent {
  type: "timestamp";
  /** Normalized media path (see `normalizeMediaPath`) or the remote URL without fragment. */
  media: string;
  /** Start time in seconds. */
  start: number;
  /** End time in seconds, if the fragment has one. */
  end?: number;
  /** The label the author wrote (`06:38`); the fragment is the truth. */
  label: string;
  children: PhrasingContent[];
}

/** A reviewer comment written by the Obsidian "Comments" plugin (`<label class="ob-comment">`). */
export interface ObComment extends Literal {
  type: "obComment";
  /** The highlighted passage (text before `<input>`). */
  value: string;
  /** The comment in the `<span>`, unless it is empty or the plugin's `Comment` placeholder. */
  comment?: string;
  /** The optional `title` attribute. */
  title?: string;
}

/** A Logseq block reference `((uuid))`, or a block embed `{{embed ((uuid))}}`. */
export interface BlockRef extends Literal {
  type: "blockRef";
  /** The block's id, lower-cased. */
  value: string;
  embed?: boolean;
  /** `[label](((uuid)))`: the label the author wrote instead of the block's text. */
  label?: string;
}

/**
 * Logseq properties a reader sees (built-ins such as `id::` and `collapsed::` left out): a page's, shown as a
 * table at the top of the page, or a block's, shown under the block's text. Values are inline content, so a
 * `[[link]]` in a value is a link in the graph.
 */
export interface LogseqProperties extends Parent {
  type: "logseqProperties";
  scope: "page" | "block";
  children: LogseqProperty[];
}

/** One `key:: value` of a `logseqProperties` node. */
export interface LogseqProperty extends Parent {
  type: "logseqProperty";
  /** The key, lower-cased as Logseq stores it. */
  key: string;
  children: PhrasingContent[];
}

/**
 * A Logseq macro `{{name arguments}}` that is not an embed (those become `wikiLink` / `blockRef` nodes) and not
 * `{{youtube-timestamp}}` (a `timestamp`): `cloze`, `video`, `youtube`, and inert ones (`query`, `renderer`,
 * unknown names), which the renderer shows as code-like text.
 */
export interface LogseqMacro extends Literal {
  type: "logseqMacro";
  /** The macro as written, `{{` and `}}` included. */
  value: string;
  /** The name, lower-cased (`cloze`). */
  name: string;
  /** Everything after the name, trimmed. */
  arguments: string;
}

/** A Logseq task marker at the start of a block (`TODO`, `DOING`, `DONE`, `LATER`, `NOW`, `WAITING`, `CANCELED`). */
export interface LogseqMarker extends Literal {
  type: "logseqMarker";
  /** Upper-case, `CANCELLED` spelled `CANCELED`. */
  value: string;
}

/** A Logseq priority `[#A]`, `[#B]`, `[#C]`. */
export interface LogseqPriority extends Literal {
  type: "logseqPriority";
  /** `A`, `B` or `C`. */
  value: string;
}

/**
 * A callout: Obsidian's `> [!tip]- Title` and Logseq's `#+BEGIN_TIP … #+END_TIP` both become one. The first child is
 * the title when the author wrote one (else the renderer shows the translated default title of `kind`).
 */
export interface Callout extends Parent {
  type: "callout";
  /** Canonical type after Obsidian's aliases (`hint` → `tip`, `error` → `danger`), lower-cased. */
  kind: string;
  /** The type as written, lower-cased (`hint`); custom types keep their name and `kind` falls back to `note`. */
  written: string;
  /** `+` (open) or `-` (closed): the callout folds. Absent: it does not. */
  fold?: "open" | "closed";
  children: (CalloutTitle | BlockContent | DefinitionContent)[];
}

/** The title line of a callout, as inline content (links, emphasis and code allowed). */
export interface CalloutTitle extends Parent {
  type: "calloutTitle";
  children: PhrasingContent[];
}

/** Highlighted text: Obsidian `==x==`, Logseq `^^x^^`, Logseq `[[#red]]==x==` (with a colour). */
export interface Highlight extends Parent {
  type: "highlight";
  /** A colour name the author chose (`red`, `yellow`, `green`, `blue`, `purple`), if any. */
  color?: string;
  children: PhrasingContent[];
}

/**
 * Where an Obsidian `%%comment%%` was, between parsing and `remarkObsidianComment`, which removes every one (no
 * later transform, the graph or the renderer ever sees it).
 */
export interface ObsidianComment extends Literal {
  type: "obsidianComment";
  /** Always empty: the comment's text is dropped while parsing. */
  value: "";
  /** Nothing closed it: the rest of the note is hidden. */
  unclosed?: boolean;
}

/** Media a link or image points at, set on `link` / `image` nodes by `remarkMediaPath`. */
export interface MediaRef {
  /** Normalized path (`Z:/…/视频.mp4`), vault-relative path, or http(s) URL without fragment. */
  path: string;
  /** `file` for `file:` URLs, `vault` for relative paths, `remote` for http(s). */
  origin: "file" | "vault" | "remote";
}

/** Front matter after `remarkFrontmatterData`. */
export type Frontmatter = Record<string, unknown>;

/** A front matter block that exists but could not be read, so the note's publish decision is unknown. */
export interface FrontmatterProblem {
  /** `invalid` YAML, `not-a-map`, `unterminated` (no closing `---`), or `unread` (the note's parse failed). */
  kind: "invalid" | "not-a-map" | "unterminated" | "unread";
  /** What went wrong, for the diagnostic. */
  reason: string;
  /** The first publish-like word in the block's raw text (`dg-publish`, `draft`, …), when there is one. */
  publishWord?: string;
  /** Its file line. */
  publishLine?: number;
}

declare module "mdast" {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
    tag: Tag;
    timestamp: Timestamp;
    obComment: ObComment;
    blockRef: BlockRef;
    highlight: Highlight;
    logseqMacro: LogseqMacro;
    logseqMarker: LogseqMarker;
    logseqPriority: LogseqPriority;
  }
  interface BlockContentMap {
    callout: Callout;
    logseqProperties: LogseqProperties;
    obsidianComment: ObsidianComment;
  }
  interface BlockContentMap {
    callout: Callout;
    obsidianComment: ObsidianComment;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
    tag: Tag;
    timestamp: Timestamp;
    obComment: ObComment;
    blockRef: BlockRef;
    highlight: Highlight;
    callout: Callout;
    calloutTitle: CalloutTitle;
    logseqProperties: LogseqProperties;
    logseqProperty: LogseqProperty;
    logseqMacro: LogseqMacro;
    logseqMarker: LogseqMarker;
    logseqPriority: LogseqPriority;
    obsidianComment: ObsidianComment;
  }
  interface Data {
    /** Block id (`{ #47a9a2}`, `^47a9a2`) of this block, set by `remarkBlockId`. */
    blockId?: string;
    /** On headings: the anchor id (github-slugger, unique in the note), set by `remarkHeadingId`. */
    headingId?: string;
    /** On list items: the question this bullet asks, set by `remarkOutline`. */
    question?: string;
    /** On links and images: the media they point at, set by `remarkMediaPath`. */
    media?: MediaRef;
    /** On `math` / `inlineMath`: KaTeX's HTML for the formula, rendered at parse time by `remarkMath`. */
    katex?: string;
    /** On `inlineMath`: written `$$…$$` inside a line, shown as display math (as Obsidian does). */
    mathDisplay?: boolean;
    /** On list items: Logseq block properties (`key:: value` under the bullet), set by `remarkLogseqProperty`. */
    properties?: Record<string, string>;
    /** On list items: a Logseq block with `collapsed:: true`, shown folded. */
    collapsed?: boolean;
    /** On list items: the block's task marker (`TODO`, `DONE` …), set by `remarkLogseqMarker`. */
    marker?: string;
  }
}

declare module "vfile" {
  interface DataMap {
    /** Parsed front matter (YAML 1.2; DG's one-line JSON is valid YAML). */
    frontmatter: Frontmatter;
    /** The card's video: the first non-timestamp link to a video file. */
    media: string;
    /** Logseq page properties (`key:: value` in the first block). */
    properties: Record<string, string>;
    /** Set when a front matter block exists but could not be read (`plugins/frontmatter.ts`). */
    frontmatterProblem: FrontmatterProblem;
    /**
     * Set by the caller: the file is a Logseq page (under `pages/` or `journals/` of a Logseq graph, or shaped
     * like one), parsed with the outline grammar (`remarkLogseqOutline`).
     */
    logseq: boolean;
  }
}

declare module "unified" {
  interface Data {
    /** micromark extensions used only inside Logseq blocks (macros, no indented code), after the shared ones. */
    logseqMicromarkExtensions?: MicromarkExtension[];
    /** mdast-util-from-markdown extensions for the same. */
    logseqFromMarkdownExtensions?: FromMarkdownExtension[];
  }
}
