/**
 * Pages from fragments. Every note is rendered once (src/render/render-note.ts) with id markers and embed slots; a
 * page is its note's HTML with the markers replaced by a prefix and each slot filled with the embedded note's
 * fragment, composed the same way, recursively. So an embed renders exactly as in its own note, ids never repeat
 * on a page (`e1-`, `e2-` … per embed, `a1-` … per answer), and nothing is parsed or rendered twice.
 *
 * Cycle-safe: a fragment already being expanded on the current path (a note embedding itself, A → B → A) is shown
 * as a notice with its link; the same note embedded twice side by side is not a cycle. Depth and total size are
 * bounded, so embeds that fan out cannot blow a page up.
 */
import { fragmentKey } from "../render/handlers/embed.ts";
import { applyIdPrefix, fillSlots } from "../render/ids.ts";
import type { RenderedNote } from "../render/render-note.ts";

export interface ComposeOptions {
  /** How deep embeds nest before the rest are shown as links. Default 5. */
  maxDepth?: number;
  /** Characters of embedded HTML one page may hold before the rest are shown as links. Default 2,000,000. */
  maxEmbeddedChars?: number;
}

export interface ComposeStrings {
  embedCycle: string;
  embedTooDeep: string;
  embedMissing: string;
}

export class PageComposer {
  readonly #rendered: ReadonlyMap<string, RenderedNote>;
  readonly #strings: ComposeStrings;
  readonly #maxDepth: number;
  readonly #maxChars: number;

  constructor(rendered: ReadonlyMap<string, RenderedNote>, strings: ComposeStrings, options: ComposeOptions = {}) {
    this.#rendered = rendered;
    this.#strings = strings;
    this.#maxDepth = options.maxDepth ?? 5;
    this.#maxChars = options.maxEmbeddedChars ?? 2_000_000;
  }

  /** A note's own page body. */
  page(noteId: string): string {
    const note = this.#rendered.get(noteId);
    if (!note) return "";
    return this.#compose(noteId, note.html, "", [keyOf(noteId, "")], { count: 0, chars: 0 });
  }

  /**
   * Fragments of several notes on one page (a question's answers from many cards): each gets its own prefix
   * (`a1-`, `a2-` …), and embeds inside them are numbered across the whole page.
   */
  parts(parts: readonly { note: string; html: string }[], prefix = "a"): string[] {
    const budget = { count: 0, chars: 0 };
    return parts.map((part, i) => this.#compose(part.note, part.html, `${prefix}${i + 1}-`, [keyOf(part.note, "")], budget));
  }

  #compose(noteId: string, html: string, prefix: string, path: string[], budget: { count: number; chars: number }): string {
    const own = applyIdPrefix(html, prefix);
    const embeds = this.#rendered.get(noteId)?.embeds ?? [];
    return fillSlots(own, (slot) => {
      const ref = embeds[slot];
      if (!ref) return "";
      const fragment = fragmentKey(ref);
      const key = keyOf(ref.note, fragment);
      if (path.includes(key)) return this.#notice(this.#strings.embedCycle);
      if (path.length > this.#maxDepth || budget.chars > this.#maxChars) return this.#notice(this.#strings.embedTooDeep);
      const target = this.#rendered.get(ref.note);
      const content = target && (fragment === "" ? target.html : target.fragments.get(fragment));
      if (content === undefined) return this.#notice(this.#strings.embedMissing);
      budget.count++;
      const composed = this.#compose(ref.note, content, `${prefix}e${budget.count}-`, [...path, key], budget);
      budget.chars += composed.length;
      return composed;
    });
  }

  #notice(text: string): string {
    return `<p class="embed-notice">${escapeText(text)}</p>`;
  }
}

function keyOf(note: string, fragment: string): string {
  return `${note}\u0000${fragment}`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
