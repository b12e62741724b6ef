/** Messages between the build and its parse/render worker threads (see parallel.ts, render-worker.ts). */
import type { WendaConfig } from "../config.ts";
import type { NoteBudget, StoppedParse } from "../graph/budget.ts";
import type { ParsedNote } from "../graph/build.ts";
import type { VaultFile } from "../graph/vault.ts";
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
      links: SiteLinks;
      /** Note id → the id each of its wiki links resolved to, in document order. */
      resolved: Record<string, string[]>;
      /** Notes to render (the published ones this worker parsed). */
      notes: string[];
      media: Pick<WendaConfig, "vaultRoot" | "media" | "base">;
      vault: string;
    };

export type FromWorker =
  /** Sent once, when the worker has loaded (the pool's watchdog times parses from then, not from startup). */
  | { type: "ready" }
  | { type: "progress"; parsed: number }
  | { type: "parsed"; notes: ParsedNote[]; /** Each note's parse time, in ms. */ ms: number[] }
  | { type: "rendered"; notes: [id: string, html: string, answers: [question: string, html: string[]][]][]; copies: MediaCopy[] }
  | { type: "error"; message: string };
