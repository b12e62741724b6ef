/**
 * micromark syntax for `![[…]]`: micromark's image construct claims `![` before a `[[` extension can see it, so
 * an embed needs a construct on `!` of its own. It consumes the `!` and then delegates to the wiki-link
 * construct it is given, so both parse the brackets identically.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from "micromark-util-types";

const exclamationMark = 33;

/** Wraps the wiki-link construct `wikiLink` so that `!` + wiki link becomes a `wikiEmbed` token. */
export function wikiEmbedSyntax(wikiLink: Construct): Extension {
  const construct: Construct = { name: "wikiEmbed", tokenize };
  return { text: { [exclamationMark]: construct } };

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return start;

    function start(code: Code): State | undefined {
      if (code !== exclamationMark) return nok(code);
      effects.enter("wikiEmbed");
      effects.enter("wikiEmbedMarker");
      effects.consume(code);
      effects.exit("wikiEmbedMarker");
      return effects.attempt(wikiLink, after, nok);
    }

    function after(code: Code): State | undefined {
      effects.exit("wikiEmbed");
      return ok(code);
    }
  }
}

declare module "micromark-util-types" {
  interface TokenTypeMap {
    wikiEmbed: "wikiEmbed";
    wikiEmbedMarker: "wikiEmbedMarker";
  }
}
