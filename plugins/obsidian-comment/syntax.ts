/**
 * micromark syntax for Obsidian's `%%comment%%`, in both forms Obsidian documents:
 *
 * - **inline** (text): `%%` … `%%` inside one paragraph (it may span its lines). Sequences of exactly two `%` pair
 *   left to right, after code spans, math and autolinks have taken their text (so `` `%%` `` stays code). Whatever
 *   the pair encloses is dropped from the events, so links and tags in a comment never reach the graph.
 * - **block** (flow): a line that starts with `%%` and has no other `%%` opens a comment that runs over any lines,
 *   blank ones included, to the first line with `%%` (like a code fence, it can interrupt a paragraph and stays
 *   inside its container). Text after that closing `%%` is a paragraph again, as in Obsidian.
 *
 * An opening `%%` that nothing closes is left as an `obsidianCommentUnclosed` marker: Obsidian hides everything
 * after it, to the end of the note, and so does `remarkObsidianComment` (with a warning).
 *
 * Where this differs from Obsidian, which pairs `%%` over the raw text: an inline comment cannot close in a
 * later paragraph (it is then unclosed, and hides the rest of the note), and a pair that would cut through
 * emphasis or a link (`*a %%b* c%%`) is left as text.
 */
import type { Code, Construct, Effects, Event, Extension, State, Token, TokenizeContext } from "micromark-util-types";

const percentSign = 37;
const space = 32;
const tab = 9;

const text: Construct = { name: "obsidianComment", tokenize: tokenizeSequence, resolveAll };
const flow: Construct = { name: "obsidianCommentFlow", tokenize: tokenizeFlow, concrete: true };
const nonLazyContinuation: Construct = { tokenize: tokenizeNonLazyContinuation, partial: true };

export const obsidianCommentSyntax: Extension = {
  flow: { [percentSign]: flow },
  text: { [percentSign]: text },
  insideSpan: { null: [text] },
};

function isLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

/** A run of exactly two `%` (not a third, not after an unescaped `%`). */
function tokenizeSequence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (previous === percentSign && events[events.length - 1]?.[1].type !== "characterEscape") return nok(code);
    effects.enter("obsidianCommentSequenceTemporary");
    return more(code);
  }

  function more(code: Code): State | undefined {
    if (code === percentSign) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    effects.exit("obsidianCommentSequenceTemporary");
    return ok(code);
  }
}

/** Pair sequences left to right; a pair becomes one `obsidianComment` token, its inside removed. */
function resolveAll(events: Event[], context: TokenizeContext): Event[] {
  let index = 0;
  while (index < events.length) {
    const opener = events[index] as Event;
    if (opener[0] !== "enter" || opener[1].type !== "obsidianCommentSequenceTemporary") {
      index++;
      continue;
    }
    let close = index + 2;
    while (close < events.length) {
      const event = events[close] as Event;
      if (event[0] === "enter" && event[1].type === "obsidianCommentSequenceTemporary") break;
      close++;
    }
    if (close >= events.length) {
      // Nothing closes it.
      opener[1].type = "obsidianCommentUnclosed";
      index += 2;
      continue;
    }
    if (events.slice(index + 2, close).some((event) => event[1].type === "lineEnding")) {
      // A pair on two lines of one paragraph (`a%%\nb%%`): removing the line ending from the paragraph's linked
      // text chunks sends micromark's subtokenizer into an endless loop (found by the fuzz test), so such a pair
      // is left as text: both markers show, nothing is hidden. Block comments (`%%` opening a line) span lines.
      opener[1].type = "data";
      (events[close] as Event)[1].type = "data";
      index = close + 2;
      continue;
    }
    if (!balanced(events, index + 2, close)) {
      // The pair would cut through a link or emphasis: keep the opener as text, try the closer as an opener.
      opener[1].type = "data";
      index = close;
      continue;
    }
    const closer = (events[close] as Event)[1];
    const comment: Token = { type: "obsidianComment", start: { ...opener[1].start }, end: { ...closer.end } };
    events.splice(index, close + 2 - index, ["enter", comment, context], ["exit", comment, context]);
    index += 2;
  }
  return events;
}

/** Whether `events[from..to)` open and close their own tokens. */
function balanced(events: Event[], from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    depth += (events[i] as Event)[0] === "enter" ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** A block comment: `%%` at the start of a line, to the first later line holding `%%`. */
function tokenizeFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter("obsidianCommentFlow");
    effects.enter("obsidianCommentMarker");
    return openSequence(code);
  }

  function openSequence(code: Code): State | undefined {
    if (code === percentSign && size < 2) {
      effects.consume(code);
      size++;
      return openSequence;
    }
    if (size < 2 || code === percentSign) return nok(code);
    effects.exit("obsidianCommentMarker");
    if (code === null || isLineEnding(code)) return lineEnd(code);
    effects.enter("obsidianCommentFlowValue");
    return openRest(code);
  }

  /** The rest of the opening line: a second `%%` here makes it an inline comment, not a block. */
  function openRest(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit("obsidianCommentFlowValue");
      return lineEnd(code);
    }
    effects.consume(code);
    return code === percentSign ? openPercent : openRest;
  }

  function openPercent(code: Code): State | undefined {
    if (code === percentSign) return nok(code);
    return openRest(code);
  }

  function lineEnd(code: Code): State | undefined {
    if (code === null) return unclosed(code);
    return effects.check(nonLazyContinuation, continuation, unclosed)(code);
  }

  function continuation(code: Code): State | undefined {
    effects.enter("lineEnding");
    effects.consume(code);
    effects.exit("lineEnding");
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) return lineEnd(code);
    effects.enter("obsidianCommentFlowValue");
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit("obsidianCommentFlowValue");
      return lineEnd(code);
    }
    if (code === percentSign) return effects.check(closingSequence, closeStart, insideConsume)(code);
    return insideConsume(code);
  }

  function insideConsume(code: Code): State | undefined {
    effects.consume(code);
    return inside;
  }

  function closeStart(code: Code): State | undefined {
    effects.exit("obsidianCommentFlowValue");
    effects.enter("obsidianCommentMarker");
    effects.consume(code);
    return closeSecond;
  }

  function closeSecond(code: Code): State | undefined {
    effects.consume(code);
    effects.exit("obsidianCommentMarker");
    effects.exit("obsidianCommentFlow");
    return afterClose;
  }

  /** After the closing `%%`: blanks end the construct; other text on that line is shown, as a paragraph. */
  function afterClose(code: Code): State | undefined {
    if (code === space || code === tab) {
      effects.enter("whitespace");
      return whitespace(code);
    }
    if (code === null || isLineEnding(code)) return ok(code);
    effects.enter("obsidianCommentTail");
    effects.enter("chunkText", { contentType: "text" });
    return tail(code);
  }

  function whitespace(code: Code): State | undefined {
    if (code === space || code === tab) {
      effects.consume(code);
      return whitespace;
    }
    effects.exit("whitespace");
    return afterClose(code);
  }

  function tail(code: Code): State | undefined {
    if (code === null || isLineEnding(code)) {
      effects.exit("chunkText");
      effects.exit("obsidianCommentTail");
      return ok(code);
    }
    effects.consume(code);
    return tail;
  }

  function unclosed(code: Code): State | undefined {
    effects.exit("obsidianCommentFlow");
    return ok(code);
  }
}

/** `%%` here (the closing sequence of a block comment). */
const closingSequence: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    return (code) => {
      if (code !== percentSign) return nok(code);
      effects.consume(code);
      return (next) => {
        if (next !== percentSign) return nok(next);
        effects.consume(next);
        return ok;
      };
    };
  },
};

/** The next line belongs to this container (not a lazy line): as code fences check it. */
function tokenizeNonLazyContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return start;

  function start(code: Code): State | undefined {
    if (code === null) return nok(code);
    effects.enter("lineEnding");
    effects.consume(code);
    effects.exit("lineEnding");
    return lineStart;
  }

  function lineStart(code: Code): State | undefined {
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code);
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    obsidianComment: "obsidianComment";
    obsidianCommentSequenceTemporary: "obsidianCommentSequenceTemporary";
    obsidianCommentUnclosed: "obsidianCommentUnclosed";
    obsidianCommentFlow: "obsidianCommentFlow";
    obsidianCommentFlowValue: "obsidianCommentFlowValue";
    obsidianCommentMarker: "obsidianCommentMarker";
    obsidianCommentTail: "obsidianCommentTail";
  }
}
