/**
 * micromark syntax for Obsidian's `==highlight==`, with GFM strikethrough's rules (an attention-like sequence of
 * exactly two `=`, paired by a resolver, flanking decided by the characters either side):
 *
 * - `==` followed by whitespace cannot open, `==` after whitespace cannot close: `a == b` and `== x ==` are text,
 *   as in Obsidian (an editor that pads `==` with spaces breaks the highlight there too);
 * - inside words it opens and closes (`这是==重点==内容`, `a==b==c`), as Obsidian does;
 * - `===` and longer runs are text; `\==` is text;
 * - code spans are tokenized first, so `` `==x==` `` stays code; inside link labels pairs resolve on their own.
 *
 * Modelled on `micromark-extension-gfm-strikethrough` (dev/lib/syntax.js).
 */
import type { Code, Construct, Event, Extension, Resolver, State, Token, TokenizeContext } from "micromark-util-types";

const equalsSign = 61;

/** The `==` construct (also registered inside spans, so link labels resolve their own pairs). */
const construct: Construct = { name: "highlight", tokenize, resolveAll };

export const highlightSyntax: Extension = {
  text: { [equalsSign]: construct },
  insideSpan: { null: [construct] },
  // `**==x==**` inside a word: `*` next to `=` may still open and close, as next to `~`.
  attentionMarkers: { null: [equalsSign] },
};

/** micromark's character classes for flanking: 1 whitespace (or none), 2 punctuation, undefined other. */
export function classify(code: Code): 1 | 2 | undefined {
  if (code === null || code < 0 || code === 32) return 1;
  const char = String.fromCodePoint(code);
  if (/\s/u.test(char)) return 1;
  if (/[\p{P}\p{S}]/u.test(char)) return 2;
  return undefined;
}

function resolveAll(events: Event[], context: TokenizeContext): Event[] {
  let index = -1;
  while (++index < events.length) {
    const closer = events[index] as Event;
    if (closer[0] !== "enter" || closer[1].type !== "highlightSequenceTemporary" || !closer[1]._close) continue;
    let open = index;
    while (open--) {
      const opener = events[open] as Event;
      if (opener[0] !== "exit" || opener[1].type !== "highlightSequenceTemporary" || !opener[1]._open) continue;
      closer[1].type = "highlightSequence";
      opener[1].type = "highlightSequence";
      const highlight: Token = { type: "highlight", start: { ...opener[1].start }, end: { ...closer[1].end } };
      const text: Token = { type: "highlightText", start: { ...opener[1].end }, end: { ...closer[1].start } };
      const inside = resolveInsideSpan(events.slice(open + 1, index), context);
      const next: Event[] = [
        ["enter", highlight, context],
        ["enter", opener[1], context],
        ["exit", opener[1], context],
        ["enter", text, context],
        ...inside,
        ["exit", text, context],
        ["enter", closer[1], context],
        ["exit", closer[1], context],
        ["exit", highlight, context],
      ];
      events.splice(open - 1, index - open + 3, ...next);
      index = open + next.length - 2;
      break;
    }
  }
  for (const event of events) if (event[1].type === "highlightSequenceTemporary") event[1].type = "data";
  return events;
}

/** Run the inside-span resolvers (attention, other pairs) over `events`, as micromark-util-resolve-all does. */
export function resolveInsideSpan(events: Event[], context: TokenizeContext): Event[] {
  const called: Resolver[] = [];
  let result = events;
  for (const other of context.parser.constructs.insideSpan.null ?? []) {
    const resolve = other.resolveAll;
    if (resolve && !called.includes(resolve)) {
      result = resolve(result, context);
      called.push(resolve);
    }
  }
  return result;
}

function tokenize(this: TokenizeContext, effects: Parameters<Construct["tokenize"]>[0], ok: State, nok: State): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    // The second `=` of a run that started earlier (unless that one was escaped) is not a new sequence.
    if (previous === equalsSign && events[events.length - 1]?.[1].type !== "characterEscape") return nok(code);
    effects.enter("highlightSequenceTemporary");
    return more(code);
  }

  function more(code: Code): State | undefined {
    if (code === equalsSign) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    const token = effects.exit("highlightSequenceTemporary");
    const before = classify(previous);
    const after = classify(code);
    token._open = !after || (after === 2 && Boolean(before));
    token._close = !before || (before === 2 && Boolean(after));
    return ok(code);
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    highlight: "highlight";
    highlightSequence: "highlightSequence";
    highlightSequenceTemporary: "highlightSequenceTemporary";
    highlightText: "highlightText";
  }
}
