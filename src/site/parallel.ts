/**
 * Parse and render a vault on every core: worker threads parse the notes (handed out and watched by
 * `worker-pool.ts`: a runaway parse is stopped at `budget.noteMs`) and keep the trees;
 * this thread builds the graph from their facts, sends them what the site looks like (with the resolver snapshot
 * every link is resolved against, the same one the graph used) and which fragments other notes embed, and
 * collects the HTML. remark-parse dominates a build and runs on one core otherwise; and the trees,
 * most of a build's memory, live only in the workers, which exit before the pages are written.
 */
import { createHash } from "node:crypto";
import v8 from "node:v8";
import type { WendaConfig } from "../config.ts";
import { buildGraph, type ParsedNote } from "../graph/build.ts";
import { wantedFragments } from "../graph/embeds.ts";
import type { Graph } from "../graph/types.ts";
import { graphOptionsOf } from "../config.ts";
import { readVaultSettings } from "../graph/vault-settings.ts";
import { scanVault } from "../graph/vault.ts";
import type { MediaCopy } from "../render/media.ts";
import type { RenderedNote } from "../render/render-note.ts";
import { siteLinksOf } from "../render/site-links.ts";
import { pruneParseCache } from "./parse-cache.ts";
import { parseInPool, workerCount } from "./worker-pool.ts";

export interface ParallelResult {
  graph: Graph;
  rendered: Map<string, RenderedNote>;
  copies: MediaCopy[];
  /** Notes parsed, and notes read from the parse cache, in this build. */
  parsed: number;
  cached: number;
  /** Notes rendered (the others' HTML came from the cache). */
  renders: number;
  /** Every note's parse result, in vault order (`wenda dev` rebuilds the graph from them after an edit). */
  parsedNotes: ParsedNote[];
}

export async function parseAndRenderInWorkers(
  vault: string,
  config: WendaConfig,
  options: { workers?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ParallelResult> {
  const { notes: files, attachments } = scanVault(vault);
  const startedAt = performance.now();
  // The watched parse phase (worker-pool.ts): the workers keep the trees for the render phase below.
  const pool = await parseInPool(files, {
    entry: new URL("./render-worker.mjs", import.meta.url),
    workers: workerCount(files.length, options.workers),
    questionPrefix: config.questionPrefix,
    budget: config.budget,
    keepTrees: true,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const workers = pool.holders.map((holder) => holder.worker);
  try {
    const parsed = pool.notes;
    const parsedAt = performance.now();
    const graph = buildGraph(parsed, { ...readVaultSettings(vault), ...graphOptionsOf(config), attachments });
    const graphAt = performance.now();

    const links = siteLinksOf(graph, config);
    // Renders are cached with the links they were resolved against (every page's URL, title, heading, block).
    const linksKey = process.env.WENDA_CACHE_DIR ? createHash("sha1").update(v8.serialize(links)).digest("hex") : undefined;
    const published = new Set(graph.notes.filter((note) => note.published).map((note) => note.id));
    const wanted = wantedFragments(graph, (id) => published.has(id));
    const renderedParts = await Promise.all(
      pool.holders.map(({ worker, ids }) => {
        const mine = ids.filter((id) => published.has(id));
        const theirWanted = Object.fromEntries(mine.flatMap((id) => (wanted.has(id) ? [[id, wanted.get(id) as string[]]] : [])));
        const media = { vaultRoot: config.vaultRoot, media: config.media, base: config.base };
        return worker.ask({ type: "render", links, notes: mine, wanted: theirWanted, media, vault, ...(linksKey ? { linksKey } : {}) }, "rendered");
      }),
    );
    const rendered = new Map<string, RenderedNote>();
    const copies: MediaCopy[] = [];
    for (const part of renderedParts) {
      for (const [id, html, answers, embeds, fragments, outline] of part.notes) {
        rendered.set(id, { html, answers: new Map(answers), embeds, fragments: new Map(fragments), outline });
      }
      copies.push(...part.copies);
      for (const key of part.keys) pool.cache.keys.add(key);
    }
    // The cache keeps what this build used: its parses and its renders.
    if (process.env.WENDA_CACHE_DIR) pruneParseCache(process.env.WENDA_CACHE_DIR, pool.cache.keys);
    const renders = renderedParts.reduce((sum, part) => sum + part.renders, 0);
    if (process.env.WENDA_DEBUG) {
      const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
      console.error(`[wenda] parse ${ms(startedAt, parsedAt)}, graph ${ms(parsedAt, graphAt)}, render ${ms(graphAt, performance.now())} (${workers.length} workers, ${pool.stopped} stopped; ${pool.cache.parsed} parsed, ${files.length - pool.cache.parsed} from the cache, ${renders} rendered, ${published.size - renders} from the cache; slowest note ${pool.slowest?.path ?? "-"} ${Math.round(pool.slowest?.ms ?? 0)} ms)`);
    }
    return { graph, rendered, copies, parsed: pool.cache.parsed, cached: files.length - pool.cache.parsed, renders, parsedNotes: parsed };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
