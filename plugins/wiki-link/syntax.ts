/**
 * micromark syntax for `[[target|alias]]`, in linear time.
 *
 * It emits the tokens of `micromark-extension-wiki-link` (`wikiLink`, `wikiLinkMarker`, `wikiLinkData`,
 * `wikiLinkTarget`, `wikiLinkAliasMarker`, `wikiLinkAlias`), so remark-wiki-link's mdast half
 * (`mdast-util-wiki-link`) builds the same `wikiLink` nodes from them, and it accepts what that construct
 * accepts, with two limits that make it linear:
 *
 * - the construct `micromark-extension-wiki-link` 0.0.4 registers scans from every `[[` to the end of the
 *   line when no `]` follows, so a paragraph of n `[[` costs n² (100,000 `[[` never finished). Here a `[[`
 *   inside the brackets ends the attempt (`[[a [[b]]` is the text `[[a ` and a link to `b`, as Obsidian shows
 *   it), so two attempts never scan the same characters: the scan from one `[[` stops at the next;
 * - the text between the brackets is at most `maxLength` characters (a wiki link never spans a line ending
 *   either): a longer one stays text.
 *
 * ```markdown
 * > | a [[b#c|d]] e
 *       ^^^^^^^^^^^
 * ```
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

const leftSquareBracket = 91;
const rightSquareBracket = 93;
const verticalBar = 124;
const space = 32;

export interface Options {
  /** Most characters between `[[` and `]]`, target and alias together. Default 2000. */
  maxLength?: number | null | undefined;
}

const emptyOptions: Options = {};

/** The `[[…]]` construct; `|` is the alias divider (DIALECT §2). */
export function wikiLinkConstruct(options: Options | null | undefined = emptyOptions): Construct {
  const maxLength = options?.maxLength ?? 2000;
  return { name: "wikiLink", tokenize };

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    /** Characters consumed between the brackets. */
    let size = 0;
    /** Whether the target (then the alias) has a character other than whitespace. */
    let filled = false;
    let inAlias = false;
    return start;

    /**
     * At the first `[`.
     *
     * ```markdown
     * > | [[a]]
     *     ^
     * ```
     */
    function start(code: Code): State | undefined {
      if (code !== leftSquareBracket) return nok(code);
      effects.enter("wikiLink");
      effects.enter("wikiLinkMarker");
      effects.consume(code);
      return openSecond;
    }

    /**
     * At the second `[`.
     *
     * ```markdown
     * > | [[a]]
     *      ^
     * ```
     */
    function openSecond(code: Code): State | undefined {
      if (code !== leftSquareBracket) return nok(code);
      effects.consume(code);
      effects.exit("wikiLinkMarker");
      return dataStart;
    }

    /**
     * After `[[`: the target starts.
     *
     * ```markdown
     * > | [[a]]
     *       ^
     * ```
     */
    function dataStart(code: Code): State | undefined {
      if (code === null || code < -2) return nok(code);
      effects.enter("wikiLinkData");
      effects.enter("wikiLinkTarget");
      return inside(code);
    }

    /**
     * In the target or the alias.
     *
     * ```markdown
     * > | [[a|b]]
     *       ^ ^
     * ```
     */
    function inside(code: Code): State | undefined {
      // A line ending (`< -2`) or the end: never a link.
      if (code === null || code < -2) return nok(code);
      if (code === verticalBar && !inAlias) {
        if (!filled) return nok(code);
        effects.exit("wikiLinkTarget");
        effects.enter("wikiLinkAliasMarker");
        effects.consume(code);
        effects.exit("wikiLinkAliasMarker");
        effects.enter("wikiLinkAlias");
        inAlias = true;
        filled = false;
        return inside;
      }
      if (code === rightSquareBracket) {
        if (!filled) return nok(code);
        effects.exit(inAlias ? "wikiLinkAlias" : "wikiLinkTarget");
        effects.exit("wikiLinkData");
        effects.enter("wikiLinkMarker");
        effects.consume(code);
        return closeSecond;
      }
      size += 1;
      if (size > maxLength) return nok(code);
      // Tabs and virtual spaces are negative, a space is 32: neither fills the target.
      if (code > space) filled = true;
      effects.consume(code);
      return code === leftSquareBracket ? afterBracket : inside;
    }

    /**
     * After a `[` inside: a second one starts another link, so this attempt ends.
     *
     * ```markdown
     * > | [[a [[b]]
     *          ^
     * ```
     */
    function afterBracket(code: Code): State | undefined {
      if (code === leftSquareBracket) return nok(code);
      return inside(code);
    }

    /**
     * At the second `]`.
     *
     * ```markdown
     * > | [[a]]
     *         ^
     * ```
     */
    function closeSecond(code: Code): State | undefined {
      if (code !== rightSquareBracket) return nok(code);
      effects.consume(code);
      effects.exit("wikiLinkMarker");
      effects.exit("wikiLink");
      return ok;
    }
  }
}

/** The micromark extension: the construct on `[`, in text. */
export function wikiLinkSyntax(options?: Options | null | undefined): Extension {
  return { text: { [leftSquareBracket]: wikiLinkConstruct(options) } };
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    wikiLink: "wikiLink";
    wikiLinkMarker: "wikiLinkMarker";
    wikiLinkData: "wikiLinkData";
    wikiLinkTarget: "wikiLinkTarget";
    wikiLinkAliasMarker: "wikiLinkAliasMarker";
    wikiLinkAlias: "wikiLinkAlias";
  }
}
