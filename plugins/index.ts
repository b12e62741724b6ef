/**
 * The ordered plugin list: the only place that knows the order.
 *
 * Order matters where constructs meet: block ids come off before tags (`{ #47a9a2}` is not a tag), reviewer
 * comments are gathered before tags (their text is the reviewer's, not the note's), media paths are normalized
 * before timestamps read them, and the outline runs last, on links that are final. Logseq pages (`file.data.logseq`)
 * are parsed by `remarkLogseqOutline`, which wraps remark-parse's parser and so comes right after it; Logseq
 * highlights need the wiki links (`[[#red]]`) already normalized; markers and priorities come off before tags
 * (`[#A]` is not the tag `A`); image attributes follow the media paths they sit next to.
 */
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import type { Root } from "mdast";
import { remarkBlockId } from "./block-id.ts";
import { remarkBlockRef } from "./block-ref.ts";
import { remarkCallout } from "./callout.ts";
import { remarkFrontmatterData } from "./frontmatter.ts";
import { remarkHeadingId } from "./heading-id.ts";
import { remarkLinkSafety } from "./link-safety.ts";
import { remarkImageAttributes } from "./image-attributes.ts";
import { remarkLogseqHighlight } from "./logseq-highlight.ts";
import { remarkLogseqMacro } from "./logseq-macro/index.ts";
import { remarkLogseqMarker } from "./logseq-marker.ts";
import { remarkLogseqOutline } from "./logseq-outline/index.ts";
import { remarkHighlight } from "./highlight/index.ts";
import { remarkLogseqProperty } from "./logseq-property.ts";
import { remarkMediaLink } from "./media-link.ts";
import { remarkObComment } from "./ob-comment.ts";
import { remarkMath } from "./math/index.ts";
import { remarkObsidianComment } from "./obsidian-comment/index.ts";
import { type Options as OutlineOptions, remarkOutline } from "./outline.ts";
import { remarkTag } from "./tag.ts";
import { remarkTaskState } from "./task-state.ts";
import { remarkTimestamp } from "./timestamp.ts";
import { remarkWikiLinkObsidian } from "./wiki-link.ts";

export interface Options extends OutlineOptions {}

/** A processor that parses a note and runs every wenda transform (no compiler: rendering is separate). */
export function createProcessor(options: Options = {}): Processor<Root, Root, Root> {
  return unified()
    .use(remarkParse)
    .use(remarkLogseqOutline)
    .use(remarkGfm)
    .use(remarkTaskState)
    // Syntax extensions (micromark constructs): where they run is decided by micromark, not by this order.
    .use(remarkHighlight)
    .use(remarkMath)
    // Also a transform, first of all: comments leave the tree before any other transform reads it.
    .use(remarkObsidianComment)
    .use(remarkFrontmatterData)
    .use(remarkWikiLinkObsidian)
    .use(remarkLogseqHighlight)
    // Callouts read `[!type]` from the first text node the parser made, before other transforms split it.
    .use(remarkCallout)
    .use(remarkBlockId)
    .use(remarkLogseqProperty)
    .use(remarkBlockRef)
    .use(remarkLogseqMacro)
    .use(remarkLogseqMarker)
    .use(remarkObComment)
    .use(remarkMediaLink)
    .use(remarkLinkSafety)
    .use(remarkImageAttributes)
    .use(remarkTimestamp)
    .use(remarkTag)
    // Heading ids read the text links and tags show, so after both.
    .use(remarkHeadingId)
    .use(remarkOutline, options) as unknown as Processor<Root, Root, Root>;
}
