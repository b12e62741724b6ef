/**
 * micromark syntax for math as Obsidian reads it: `$$…$$` blocks are `micromark-extension-math`'s own flow
 * construct; `$…$` in text is that extension's text construct with Obsidian's (and Pandoc's) rules added, which
 * its options cannot express:
 *
 * - a single `$` followed by whitespace does not open (`$ 5`), and one after whitespace does not close;
 * - a closing single `$` followed by a digit does not close, so `$5 and $6` and `价格 $20,000 到 $30,000` are text;
 * - `\$` inside a formula is TeX's dollar sign, not a closer (`$\$5$`);
 * - `$$…$$` inside a line is display math (Obsidian shows it as a block) and may be padded with spaces.
 *
 * A `$` that finds no closer is text. The tokens are the extension's (`mathText`, `mathTextSequence`,
 * `mathTextData`), so `mdast-util-math` turns them into `inlineMath` nodes, and its resolver trims the padding.
 */
import { math } from "micromark-extension-math";
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from "micromark-util-types";

const dollarSign = 36;
const space = 32;
const tab = 9;
const backslash = 92;

const upstream = math();
const upstreamText = upstream.text?.[dollarSign] as Construct | undefined;
const upstreamFlow = upstream.flow?.[dollarSign] as Construct | undefined;
if (!upstreamText || !upstreamFlow) throw new Error("micromark-extension-math no longer registers `$` constructs");

const mathText: Construct = {
  name: "mathText",
  tokenize,
  ...(upstreamText.resolve ? { resolve: upstreamText.resolve } : {}),
  ...(upstreamText.previous ? { previous: upstreamText.previous } : {}),
};

export const mathSyntax: Extension = { flow: { [dollarSign]: upstreamFlow }, text: { [dollarSign]: mathText } };

function isLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

function isWhitespace(code: Code): boolean {
  return code === null || code === space || code === tab || code < 0 || /\s/u.test(String.fromCodePoint(code));
}

function isDigit(code: Code): boolean {
  return code !== null && code >= 48 && code <= 57;
}

function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let sizeOpen = 0;
  let size = 0;
  /** The code before the current closing candidate. */
  let before: Code = dollarSign;
  let sequence: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    effects.enter("mathText");
    effects.enter("mathTextSequence");
    return sequenceOpen(code);
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === dollarSign) {
      effects.consume(code);
      sizeOpen++;
      return sequenceOpen;
    }
    if (sizeOpen === 1 && isWhitespace(code)) return nok(code);
    effects.exit("mathTextSequence");
    return between(code);
  }

  function between(code: Code): State | undefined {
    if (code === null) return nok(code);
    if (code === dollarSign) {
      sequence = effects.enter("mathTextSequence");
      size = 0;
      return sequenceClose(code);
    }
    if (code === space) {
      effects.enter("space");
      effects.consume(code);
      effects.exit("space");
      before = code;
      return between;
    }
    if (isLineEnding(code)) {
      effects.enter("lineEnding");
      effects.consume(code);
      effects.exit("lineEnding");
      before = code;
      return between;
    }
    effects.enter("mathTextData");
    return data(code);
  }

  function data(code: Code): State | undefined {
    if (code === null || code === space || code === dollarSign || isLineEnding(code)) {
      effects.exit("mathTextData");
      return between(code);
    }
    effects.consume(code);
    before = code;
    return data;
  }

  function sequenceClose(code: Code): State | undefined {
    if (code === dollarSign) {
      effects.consume(code);
      size++;
      return sequenceClose;
    }
    const closes =
      size === sizeOpen && (sizeOpen > 1 || (!isWhitespace(before) && before !== backslash && !isDigit(code)));
    if (closes) {
      effects.exit("mathTextSequence");
      effects.exit("mathText");
      return ok(code);
    }
    // Not a closer: these `$` are part of the formula.
    (sequence as Token).type = "mathTextData";
    before = dollarSign;
    return data(code);
  }
}
