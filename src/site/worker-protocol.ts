/** Messages between the build and its parse/render worker threads (see parallel.ts, render-worker.ts). */
import type { WendaConfig } from "../config.ts";
import type { NoteBudget, StoppedParse } from "../graph/budget.ts";
import type { ParsedNote } from "../graph/build.ts";
import type { VaultFile } from "../graph/vault.ts";
import type { EmbedRef } from "../render/handlers/embed.ts";
import type { OutlineEntry } from "../render/outline.ts";
import type { Answer } from "../render/render-note.ts";
import type { MediaCopy } from "../render/media.ts";
import type { SiteLinks } from "../render/site-links.ts";

export type ToWorker =
  | {
      type: "parse";
      files: VaultFile[];
      questionPrefix: string;
      budget?: Partial<NoteBudget>;
      /** Set when these files' parse was stopped in another worker: they get the plain-text fallback. */
      timedOut?: StoppedParse;
    }
  | {
      type: "render";
      /** The site's URLs, titles and the resolver snapshot links are resolved against. */
      links: SiteLinks;
      /** Notes to render (the published ones this worker parsed). */
      notes: string[];
      /** Note id → fragment keys other notes embed from it (see `wantedFragments`). */
      wanted: Record<string, string[]>;
      media: Pick<WendaConfig, "vaultRoot" | "media" | "base">;
      vault: string;
      /** A hash of `links`, set when renders may be cached (see parse-cache.ts). */
      linksKey?: string;
    };

export type FromWorker =
  /** Sent once, when the worker has loaded (the pool's watchdog times parses from then, not from startup). */
  | { type: "ready" }
  | { type: "progress"; parsed: number }
  | {
      type: "parsed";
      notes: ParsedNote[];
      /** Each note's parse time, in ms. */
      ms: number[];
      /** The parse-cache entry of each note (see parse-cache.ts), `""` for none. */
      keys: string[];
      /** How many were parsed (the rest came from the cache). */
      parsed: number;
    }
  | { type: "rendered"; notes: RenderedEntry[]; copies: MediaCopy[]; /** The render-cache entries used. */ keys: string[]; /** How many were rendered (not cached). */ renders: number }
  | { type: "error"; message: string };

/** One rendered note as it crosses back: see `RenderedNote`. */
export type RenderedEntry = [
  id: string,
  html: string,
  answers: [question: string, answers: Answer[]][],
  embeds: EmbedRef[],
  fragments: [key: string, html: string][],
  outline: OutlineEntry[],
];
