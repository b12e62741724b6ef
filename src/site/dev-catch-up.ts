/**
 * A tab that reloads misses a change made while it was loading: its HMR socket connects after the page arrives,
 * and a change sent before then reaches no one (an edit a second after a save, a burst of saves). Each response of
 * the dev server carries the update generation it was served at (a `Server-Timing` entry the page script can
 * read); the page tells the server its URL and generation once connected, and gets any change it missed.
 */
import type { ChangedPages } from "./dev-session.ts";

type Kind = "changed" | "added" | "removed";

export class PageGenerations {
  #generation = 0;
  #allAt = 0;
  #last = new Map<string, { at: number; kind: Kind }>();

  get current(): number {
    return this.#generation;
  }

  /** Count one update and remember when each of its pages changed, and how. */
  record(changed: ChangedPages): void {
    this.#generation += 1;
    const at = this.#generation;
    if (changed.all) this.#allAt = at;
    for (const url of changed.urls) this.#last.set(url, { at, kind: "changed" });
    for (const url of changed.added) this.#last.set(url, { at, kind: "added" });
    for (const url of changed.removed) this.#last.set(url, { at, kind: "removed" });
  }

  /** The change a tab showing `url` as served at `generation` missed, as the message it would have had. */
  missed(url: string, generation: number): ChangedPages | undefined {
    if (!Number.isInteger(generation) || generation < 0 || generation > this.#generation) return undefined;
    const last = this.#last.get(url);
    const none: ChangedPages = { urls: [], added: [], removed: [], all: false };
    if (last && last.at > generation) {
      if (last.kind === "added") return { ...none, added: [url] };
      if (last.kind === "removed") return { ...none, removed: [url] };
      return { ...none, urls: [url] };
    }
    return this.#allAt > generation ? { ...none, all: true } : undefined;
  }
}

/** The `Server-Timing` entry name the page script reads its generation from. */
export const generationTiming = "wenda-generation";
