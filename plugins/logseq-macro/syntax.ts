/**
 * micromark syntax for Logseq macros, `{{name arguments}}` on one line: a `logseqMacro` token holding a
 * `logseqMacroName` and, when there are any, `logseqMacroArguments` (everything up to the first `}}`, raw: the
 * macro decides what its arguments mean). Registered only inside Logseq blocks.
 *
 * ```markdown
 * > | {{embed [[消息队列]]}}
 *     ^^ marker
 *       ^^^^^ name
 *             ^^^^^^^^^^ arguments
 *                       ^^ marker
 * ```
 *
 * `{{youtube-timestamp N}}` is left to `plugins/timestamp.ts`, which reads it from text.
 */
import { codes } from "micromark-util-symbol";
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

/** Names this construct does not claim: another plugin reads them from text. */
const leftToText = new Set(["youtube-timestamp"]);

const closing: Construct = { name: "logseqMacroClosing", tokenize: tokenizeClosing, partial: true };

export const logseqMacroSyntax: Extension = {
  text: { [codes.leftCurlyBrace]: { name: "logseqMacro", tokenize: tokenizeMacro } },
};

function isLineEnding(code: Code): boolean {
  return code === null || code < codes.horizontalTab;
}

function isSpace(code: Code): boolean {
  return code === codes.space || code === codes.horizontalTab || code === codes.virtualSpace;
}

/** Macro names: letters (CJK too), digits, `-`, `_`, `.`. */
function isNameCode(code: Code): boolean {
  if (code === null || code < 0) return false;
  if (code === codes.dash || code === codes.underscore || code === codes.dot) return true;
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(code));
}

function tokenizeMacro(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let name = "";
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.enter("logseqMacro");
    effects.enter("logseqMacroMarker");
    effects.consume(code);
    return second;
  }

  function second(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code);
    effects.consume(code);
    effects.exit("logseqMacroMarker");
    return beforeName;
  }

  function beforeName(code: Code): State | undefined {
    if (isSpace(code)) {
      effects.consume(code);
      return beforeName;
    }
    if (!isNameCode(code)) return nok(code);
    effects.enter("logseqMacroName");
    return inName(code);
  }

  function inName(code: Code): State | undefined {
    if (isNameCode(code)) {
      name += String.fromCodePoint(code as number);
      effects.consume(code);
      return inName;
    }
    effects.exit("logseqMacroName");
    if (leftToText.has(name.toLowerCase())) return nok(code);
    if (code === codes.rightCurlyBrace) return effects.attempt(closing, done, nok)(code);
    if (!isSpace(code)) return nok(code);
    effects.enter("logseqMacroArguments");
    return inArguments(code);
  }

  function inArguments(code: Code): State | undefined {
    if (isLineEnding(code)) return nok(code);
    if (code === codes.rightCurlyBrace) return effects.check(closing, endArguments, consumeArgument)(code);
    return consumeArgument(code);
  }

  function consumeArgument(code: Code): State | undefined {
    effects.consume(code);
    return inArguments;
  }

  function endArguments(code: Code): State | undefined {
    effects.exit("logseqMacroArguments");
    return effects.attempt(closing, done, nok)(code);
  }

  function done(code: Code): State | undefined {
    effects.exit("logseqMacro");
    return ok(code);
  }
}

function tokenizeClosing(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return nok(code);
    effects.enter("logseqMacroMarker");
    effects.consume(code);
    return second;
  }

  function second(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return nok(code);
    effects.consume(code);
    effects.exit("logseqMacroMarker");
    return ok;
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    logseqMacro: "logseqMacro";
    logseqMacroMarker: "logseqMacroMarker";
    logseqMacroName: "logseqMacroName";
    logseqMacroArguments: "logseqMacroArguments";
  }
}
