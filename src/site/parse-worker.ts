/**
 * The parse phase of a worker thread: parse the files it is sent, one message at a time, and answer with their
 * facts. Used by the render worker (which keeps the trees for its render phase) and, run alone as a worker
 * (`parse-worker.mjs`), by `wenda graph` and `wenda check`, which need no trees and no renderer.
 * A file sent with `timedOut` ran over the time budget in a worker that was stopped: it gets the plain-text
 * fallback instead of a parse.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Root } from "mdast";
import { createProcessor } from "../../plugins/index.ts";
import type { ParsedNote } from "../graph/build.ts";
import { overBudgetDiagnostic } from "../graph/budget.ts";
import { fallbackNote, parseNote, readSource, stripPositions } from "../graph/vault.ts";
import { parseCacheFor } from "./parse-cache.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

let processor: ReturnType<typeof createProcessor> | undefined;
let processorPrefix: string | undefined;

/**
 * Parse a small note once, so the first real note is not charged for the cold start (lazy module code, JIT):
 * the pool's watchdog starts timing when the worker says it is ready, after this.
 */
export function warmUp(): void {
  createProcessor().runSync(createProcessor().parse("---\ntitle: t\n---\n* [[？a|b]] #c *d* [e](f)\n\t* g ^h\n"));
}

/** Parse (or fall back) every file of `message`; the trees go into `trees` when given. */
export function parseFiles(message: Extract<ToWorker, { type: "parse" }>, trees?: Map<string, Root>): Extract<FromWorker, { type: "parsed" }> {
  if (!processor || processorPrefix !== message.questionPrefix) {
    processor = createProcessor({ questionPrefix: message.questionPrefix });
    processorPrefix = message.questionPrefix;
  }
  const notes: ParsedNote[] = [];
  const ms: number[] = [];
  const keys: string[] = [];
  // Everything the parse reads besides the note: the message without its files (a fallback is never cached).
  const { files, type: _type, ...options } = message;
  const cache = message.timedOut ? undefined : parseCacheFor(options);
  let parsed = 0;
  for (const file of files) {
    const started = performance.now();
    const source = readSource(file);
    const identity = { id: file.id, path: file.path, logseq: file.logseq };
    const key = cache && !(source instanceof Error) ? cache.key(identity, JSON.stringify(source)) : undefined;
    let entry = key ? cache?.get(key, file.id) : undefined;
    if (!entry) {
      parsed += 1;
      const { note, tree } =
        message.timedOut && !(source instanceof Error) && !source.binary
          ? fallbackNote(processor, file, source, overBudgetDiagnostic(file.path, message.timedOut), message.questionPrefix)
          : parseNote(processor, file, source, message.questionPrefix, message.budget);
      entry = { note, tree: stripPositions(tree) };
      if (key) cache?.set(key, entry);
    }
    keys.push(key ?? "");
    notes.push(entry.note);
    ms.push(performance.now() - started);
    trees?.set(entry.note.id, entry.tree);
  }
  return { type: "parsed", notes, ms, keys, parsed };
}

if (parentPort && (workerData as { parseOnly?: boolean } | undefined)?.parseOnly) {
  const port = parentPort;
  port.on("message", (message: ToWorker) => {
    try {
      if (message.type !== "parse") throw new Error(`a parse worker cannot ${message.type}`);
      port.postMessage(parseFiles(message) satisfies FromWorker);
    } catch (error) {
      port.postMessage({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
    }
  });
  warmUp();
  port.postMessage({ type: "ready" } satisfies FromWorker);
}
