/**
 * Parse and render a vault on every core: worker threads parse their share of the notes and keep the trees;
 * this thread builds the graph from their facts, tells them what each link resolved to and what the site looks
 * like, and collects the HTML. remark-parse dominates a build and runs on one core otherwise; and the trees,
 * most of a build's memory, live only in the workers, which exit before the pages are written.
 */
import fs from "node:fs";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { WendaConfig } from "../config.ts";
import { buildGraph, type ParsedNote } from "../graph/build.ts";
import { wantedFragments } from "../graph/embeds.ts";
import type { Graph } from "../graph/types.ts";
import { readVaultSettings } from "../graph/vault-settings.ts";
import { graphOptionsOf } from "../config.ts";
import { listVault, type VaultFile } from "../graph/vault.ts";
import type { MediaCopy } from "../render/media.ts";
import type { RenderedNote } from "../render/render-note.ts";
import { siteLinksOf } from "../render/site-links.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

export interface ParallelResult {
  graph: Graph;
  rendered: Map<string, RenderedNote>;
  copies: MediaCopy[];
}

class RenderWorker {
  readonly #worker: Worker;
  #waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;

  constructor(onProgress: (parsed: number) => void) {
    // The entry registers tsx, then loads the TypeScript worker.
    this.#worker = new Worker(new URL("./render-worker.mjs", import.meta.url));
    this.#worker.on("message", (message: FromWorker) => {
      if (message.type === "progress") return onProgress(message.parsed);
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (message.type === "error") waiting?.reject(new Error(`render worker: ${message.message}`));
      else waiting?.resolve(message);
    });
    this.#worker.on("error", (error) => this.#waiting?.reject(error));
    this.#worker.on("exit", (code) => this.#waiting?.reject(new Error(`render worker exited with code ${code}`)));
  }

  ask<T extends FromWorker["type"]>(message: ToWorker, type: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#waiting = {
        resolve: (answer) => (answer.type === type ? resolve(answer as Extract<FromWorker, { type: T }>) : reject(new Error(`unexpected ${answer.type}`))),
        reject,
      };
      this.#worker.postMessage(message);
    });
  }

  terminate(): Promise<number> {
    this.#waiting = undefined;
    return this.#worker.terminate();
  }
}

/** Split files into `n` shares of about equal bytes (largest first, each to the lightest share). */
function shares(files: VaultFile[], n: number): VaultFile[][] {
  const sizes = new Map(files.map((file) => [file.path, sizeOf(file.absolute)]));
  const out = Array.from({ length: n }, () => ({ files: [] as VaultFile[], bytes: 0 }));
  for (const file of [...files].sort((a, b) => (sizes.get(b.path) ?? 0) - (sizes.get(a.path) ?? 0))) {
    const lightest = out.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.files.push(file);
    lightest.bytes += sizes.get(file.path) ?? 0;
  }
  return out.map((share) => share.files).filter((share) => share.length > 0);
}

export async function parseAndRenderInWorkers(
  vault: string,
  config: WendaConfig,
  options: { workers?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ParallelResult> {
  const files = listVault(vault);
  const count = Math.max(1, Math.min(options.workers ?? Math.min(os.availableParallelism(), 4), Math.ceil(files.length / 50)));
  const startedAt = performance.now();
  let done = 0;
  const progress = (parsed: number) => {
    done += parsed;
    options.onProgress?.(done, files.length);
  };
  const workers = Array.from({ length: count }, () => new RenderWorker(progress));
  try {
    const parts = shares(files, workers.length);
    const parsedParts = await Promise.all(
      workers.map((worker, i) => worker.ask({ type: "parse", files: parts[i] ?? [], questionPrefix: config.questionPrefix }, "parsed")),
    );
    // The graph wants notes in vault order, whatever worker parsed them.
    const byId = new Map<string, ParsedNote>();
    for (const part of parsedParts) for (const note of part.notes) byId.set(note.id, note);
    const parsed = files.map((file) => byId.get(file.id)).filter((note): note is ParsedNote => note !== undefined);
    const parsedAt = performance.now();
    const graph = buildGraph(parsed, { ...readVaultSettings(vault), ...graphOptionsOf(config) });
    const graphAt = performance.now();

    const resolved: Record<string, string[]> = {};
    for (const link of graph.links) {
      const list = resolved[link.from] ?? [];
      list.push(link.to);
      resolved[link.from] = list;
    }
    const links = siteLinksOf(graph, config);
    const published = new Set(graph.notes.filter((note) => note.published).map((note) => note.id));
    const wanted = wantedFragments(graph, (id) => published.has(id));
    const renderedParts = await Promise.all(
      workers.map((worker, i) => {
        const mine = (parts[i] ?? []).map((file) => file.id).filter((id) => published.has(id));
        const theirLinks = Object.fromEntries(mine.map((id) => [id, resolved[id] ?? []]));
        const theirWanted = Object.fromEntries(mine.flatMap((id) => (wanted.has(id) ? [[id, wanted.get(id) as string[]]] : [])));
        const media = { vaultRoot: config.vaultRoot, media: config.media, base: config.base };
        return worker.ask({ type: "render", links, resolved: theirLinks, notes: mine, wanted: theirWanted, media, vault }, "rendered");
      }),
    );
    const rendered = new Map<string, RenderedNote>();
    const copies: MediaCopy[] = [];
    for (const part of renderedParts) {
      for (const [id, html, answers, embeds, fragments] of part.notes) {
        rendered.set(id, { html, answers: new Map(answers), embeds, fragments: new Map(fragments) });
      }
      copies.push(...part.copies);
    }
    if (process.env.WENDA_DEBUG) {
      const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
      console.error(`[wenda] parse ${ms(startedAt, parsedAt)}, graph ${ms(parsedAt, graphAt)}, render ${ms(graphAt, performance.now())} (${workers.length} workers)`);
    }
    return { graph, rendered, copies };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
