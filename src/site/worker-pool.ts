/**
 * Worker threads that parse a vault's notes, with a watchdog, so one runaway parse never stalls a build,
 * `wenda graph` or `wenda check` (issue 7).
 *
 * Notes are handed out one at a time (two in flight per worker, so a worker never waits for the main
 * thread). A worker whose current note runs over `budget.noteMs` (or that dies) is terminated; that note is
 * sent to a fresh worker as `timedOut`, which publishes it as plain text with an error, and the worker's other
 * notes go back to the queue (with `keepTrees`, so do the ones it had parsed: their trees died with it).
 * micromark is synchronous, so stopping the thread is the only way to stop a parse.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import { createProcessor } from "../../plugins/index.ts";
import { defaultConfig } from "../config.ts";
import { defaultBudget, type NoteBudget, overBudgetDiagnostic, type StoppedParse } from "../graph/budget.ts";
import { buildGraph, type GraphOptions, type ParsedNote } from "../graph/build.ts";
import { readVaultSettings } from "../graph/vault-settings.ts";
import { fallbackNote, type LoadedVault, scanVault, loadVault, parseNote, readSource, type VaultFile } from "../graph/vault.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

/** One worker thread: `ask` is one request and its answer (the render phase); the pool drives the parse phase. */
export class PoolWorker {
  readonly #worker: Worker;
  #waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  /** The pool's handlers while it parses. */
  onMessage: ((message: FromWorker) => void) | undefined;
  onFailure: ((error: Error) => void) | undefined;
  #stopped = false;

  constructor(entry: URL, workerData?: unknown) {
    this.#worker = new Worker(entry, { workerData });
    this.#worker.on("message", (message: FromWorker) => {
      if (this.onMessage) return this.onMessage(message);
      if (message.type === "ready") return;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (message.type === "error") waiting?.reject(new Error(`worker: ${message.message}`));
      else waiting?.resolve(message);
    });
    const fail = (error: Error) => {
      if (this.#stopped) return;
      if (this.onFailure) this.onFailure(error);
      else this.#waiting?.reject(error);
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  post(message: ToWorker): void {
    this.#worker.postMessage(message);
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
    this.#stopped = true;
    this.#waiting = undefined;
    return this.#worker.terminate();
  }
}

export interface PoolOptions {
  /** The worker script (it must answer `parse` messages, see `parse-worker.ts`). */
  entry: URL;
  workerData?: unknown;
  /** Workers to start. */
  workers: number;
  questionPrefix: string;
  budget?: Partial<NoteBudget>;
  /** The workers keep the trees (for a render phase): a stopped worker's parsed notes are parsed again. */
  keepTrees?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface PoolParse {
  /** One per file, in `files` order. */
  notes: ParsedNote[];
  /** The live workers and the notes whose trees each one holds (with `keepTrees`). Terminate them when done. */
  holders: { worker: PoolWorker; ids: string[] }[];
  /** The slowest note's parse time, as the worker measured it. */
  slowest?: { path: string; ms: number };
  /** Workers stopped by the watchdog or lost to a crash. */
  stopped: number;
  /** The parse-cache entries the notes used, and how many notes were parsed rather than read from it. */
  cache: { keys: Set<string>; parsed: number };
}

interface Item {
  file: VaultFile;
  timedOut?: StoppedParse;
}

interface Slot {
  worker: PoolWorker;
  inFlight: Item[];
  /** When the first note in flight started (as far as this thread can tell). */
  since: number;
  /** Ids whose trees this worker holds. */
  holds: Set<string>;
  /** Whether it ever answered (one that dies before is a worker that cannot start). */
  answered: boolean;
  /** Whether it has loaded: until then the watchdog gives it `startupMs`, not `noteMs`. */
  ready: boolean;
}

/** How long a worker may take to load (tsx and the plugins), on a loaded machine. */
const startupMs = 60_000;

/** The number of workers for `files` notes: `requested`, else up to 4 and one per 50 notes. */
export function workerCount(files: number, requested?: number): number {
  return Math.max(1, Math.min(requested ?? Math.min(os.availableParallelism(), 4), Math.ceil(files / 50)));
}

/** Parse `files` in worker threads with a watchdog. Never rejects for a note; rejects if workers cannot start. */
export function parseInPool(files: VaultFile[], options: PoolOptions): Promise<PoolParse> {
  const budget: NoteBudget = { ...defaultBudget, ...options.budget };
  const order = new Map(files.map((file, i) => [file.id, i]));
  const results = new Map<string, ParsedNote>();
  const queue: Item[] = [...files].map((file) => ({ file }));
  const slots: Slot[] = [];
  let slowest: PoolParse["slowest"];
  let stopped = 0;
  let pending = queue.length;
  // A worker that cannot even start would be replaced forever: give up after this many losses.
  const maxLosses = files.length + 2 * options.workers + 2;
  let mainProcessor: ReturnType<typeof createProcessor> | undefined;
  let deadOnArrival = 0;
  const cache: PoolParse["cache"] = { keys: new Set(), parsed: 0 };

  return new Promise<PoolParse>((resolve, reject) => {
    let finished = false;
    const timer = setInterval(watch, Math.max(20, Math.min(250, budget.noteMs / 4)));

    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      if (error) {
        for (const slot of slots) void slot.worker.terminate();
        reject(error);
        return;
      }
      for (const slot of slots) {
        slot.worker.onMessage = undefined;
        slot.worker.onFailure = undefined;
      }
      const notes = files.map((file) => results.get(file.id) as ParsedNote);
      const holders = slots.map((slot) => ({ worker: slot.worker, ids: [...slot.holds].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) }));
      resolve({ notes, holders, ...(slowest ? { slowest } : {}), stopped, cache });
    };

    const start = () => {
      const slot: Slot = { worker: new PoolWorker(options.entry, options.workerData), inFlight: [], since: performance.now(), holds: new Set(), answered: false, ready: false };
      slot.worker.onMessage = (message) => onMessage(slot, message);
      slot.worker.onFailure = (error) => lose(slot, { cause: "crash", noteMs: budget.noteMs, detail: error.message });
      slots.push(slot);
      dispatch(slot);
    };

    const dispatch = (slot: Slot) => {
      while (slot.inFlight.length < 2 && queue.length > 0) {
        const item = queue.shift() as Item;
        if (slot.inFlight.length === 0 && slot.ready) slot.since = performance.now();
        slot.inFlight.push(item);
        slot.worker.post({
          type: "parse",
          files: [item.file],
          questionPrefix: options.questionPrefix,
          budget,
          ...(item.timedOut ? { timedOut: item.timedOut } : {}),
        });
      }
    };

    const onMessage = (slot: Slot, message: FromWorker) => {
      if (!slots.includes(slot)) return;
      if (message.type === "ready") {
        slot.ready = true;
        slot.since = performance.now();
        return;
      }
      slot.answered = true;
      deadOnArrival = 0;
      if (message.type === "error") return lose(slot, { cause: "crash", noteMs: budget.noteMs, detail: message.message.split("\n")[0] ?? "" });
      if (message.type !== "parsed") return;
      const item = slot.inFlight.shift();
      slot.since = performance.now();
      for (const key of message.keys) if (key) cache.keys.add(key);
      cache.parsed += message.parsed;
      message.notes.forEach((note, i) => {
        const ms = message.ms[i] ?? 0;
        if (!slowest || ms > slowest.ms) slowest = { path: note.path, ms };
        results.set(note.id, note);
        if (options.keepTrees) slot.holds.add(note.id);
      });
      if (item) {
        pending -= 1;
        options.onProgress?.(files.length - pending, files.length);
      }
      dispatch(slot);
      if (pending === 0) finish();
    };

    /** Stop `slot`'s worker: its current note falls back, the rest is parsed elsewhere. */
    const lose = (slot: Slot, why: StoppedParse) => {
      const index = slots.indexOf(slot);
      if (index === -1 || finished) return;
      slots.splice(index, 1);
      stopped += 1;
      void slot.worker.terminate();
      const [current, ...rest] = slot.inFlight;
      queue.unshift(...rest);
      if (options.keepTrees && slot.holds.size > 0) {
        // Their facts are known, but their trees are gone: parse them again where the trees can live.
        const again = files.filter((file) => slot.holds.has(file.id)).map((file) => ({ file }));
        queue.unshift(...again);
        pending += again.length;
      }
      if (current) {
        if (current.timedOut) {
          // Its fallback was stopped too (a machine too loaded to read front matter in time): build it here.
          results.set(current.file.id, mainThreadFallback(current.file, why));
          pending -= 1;
          options.onProgress?.(files.length - pending, files.length);
        } else queue.unshift({ file: current.file, timedOut: why });
      }
      if (!slot.answered && why.cause === "crash") deadOnArrival += 1;
      if (deadOnArrival >= 3) return finish(new Error(`parse workers cannot start: ${why.detail ?? ""}`));
      if (stopped > maxLosses) return finish(new Error(`parse workers keep failing (${why.detail ?? "over the time budget"})`));
      if (pending === 0) return finish();
      start();
    };

    function watch() {
      const now = performance.now();
      for (const slot of [...slots]) {
        if (!slot.ready && now - slot.since > startupMs) lose(slot, { cause: "crash", noteMs: budget.noteMs, detail: "the worker did not start" });
        else if (slot.ready && slot.inFlight.length > 0 && now - slot.since > budget.noteMs) lose(slot, { cause: "time", noteMs: budget.noteMs });
      }
    }

    const mainThreadFallback = (file: VaultFile, why: StoppedParse): ParsedNote => {
      mainProcessor ??= createProcessor({ questionPrefix: options.questionPrefix });
      const source = readSource(file);
      if (source instanceof Error || source.binary) return parseNote(mainProcessor, file, source, options.questionPrefix, budget).note;
      return fallbackNote(mainProcessor, file, source, overBudgetDiagnostic(file.path, why), options.questionPrefix).note;
    };

    if (pending === 0) {
      finish();
      return;
    }
    for (let i = 0; i < Math.max(1, options.workers); i++) start();
  });
}

export interface LoadInWorkersOptions extends GraphOptions {
  budget?: Partial<NoteBudget>;
  /** Worker threads; 0 parses in this thread (no time budget). Default `WENDA_WORKERS`, else by vault size. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** `loadVault` for `wenda graph` / `wenda check`: the same graph, parsed in watched worker threads. */
export async function loadVaultInWorkers(root: string, options: LoadInWorkersOptions = {}): Promise<LoadedVault> {
  const fromEnv = process.env.WENDA_WORKERS === undefined ? undefined : Number(process.env.WENDA_WORKERS);
  const requested = options.workers ?? (Number.isInteger(fromEnv) && (fromEnv as number) >= 0 ? fromEnv : undefined);
  if (requested === 0) return loadVault(root, options);
  const { notes: files, attachments } = scanVault(root);
  const parsed = await parseInPool(files, {
    entry: new URL("./parse-worker.mjs", import.meta.url),
    workerData: { parseOnly: true },
    workers: workerCount(files.length, requested),
    questionPrefix: options.questionPrefix ?? defaultConfig.questionPrefix,
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await Promise.all(parsed.holders.map((holder) => holder.worker.terminate()));
  return { root, graph: buildGraph(parsed.notes, { ...readVaultSettings(root), ...options, attachments }), trees: new Map() };
}
