/**
 * A page composer that remembers what it composed, for `wenda dev`: composing every page again after each edit
 * was most of an update. Each result remembers the notes it read (its own and every embedded one, found or
 * not); `invalidate` drops the results that read a re-rendered note.
 */
import type { RenderedNote } from "../render/render-note.ts";
import { type ComposeStrings, PageComposer } from "./compose.ts";

interface Composed<T> {
  value: T;
  touched: Set<string>;
}

export class CachingComposer {
  readonly #rendered: ReadonlyMap<string, RenderedNote>;
  readonly #strings: ComposeStrings;
  readonly #pages = new Map<string, Composed<string>>();
  readonly #parts = new Map<string, Composed<string[]> & { html: readonly string[] }>();

  constructor(rendered: ReadonlyMap<string, RenderedNote>, strings: ComposeStrings) {
    this.#rendered = rendered;
    this.#strings = strings;
  }

  /** Forget every result that read one of `notes`. */
  invalidate(notes: ReadonlySet<string>): void {
    for (const cache of [this.#pages, this.#parts] as Map<string, Composed<unknown>>[]) {
      for (const [key, entry] of cache) if ([...entry.touched].some((id) => notes.has(id))) cache.delete(key);
    }
  }

  page(noteId: string): string {
    const cached = this.#pages.get(noteId);
    if (cached) return cached.value;
    const { composer, touched } = this.#recording();
    const value = composer.page(noteId);
    this.#pages.set(noteId, { value, touched });
    return value;
  }

  parts(parts: readonly { note: string; html: string }[]): string[] {
    // Keyed by the first answer's HTML (a string the rendered note holds, so hashed once): unique per question.
    const key = parts[0]?.html ?? "";
    const cached = this.#parts.get(key);
    // The answers' HTML is the rendered notes' own strings: the same string while the card is not re-rendered.
    if (cached && cached.html.length === parts.length && cached.html.every((html, i) => html === parts[i]?.html)) return cached.value;
    const { composer, touched } = this.#recording();
    const value = composer.parts(parts);
    for (const part of parts) touched.add(part.note);
    this.#parts.set(key, { value, touched, html: parts.map((part) => part.html) });
    return value;
  }

  /** A composer over the rendered notes that notes each note it looks up. */
  #recording(): { composer: PageComposer; touched: Set<string> } {
    const touched = new Set<string>();
    const rendered = this.#rendered;
    // PageComposer only looks notes up (`get`): a map-shaped view is enough.
    const view = {
      get(id: string) {
        touched.add(id);
        return rendered.get(id);
      },
    } as unknown as ReadonlyMap<string, RenderedNote>;
    return { composer: new PageComposer(view, this.#strings), touched };
  }
}
