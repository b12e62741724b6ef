/**
 * A worker thread that parses the notes the pool sends it (`parse-worker.ts`, watched by `worker-pool.ts`), keeps the trees, and renders them once the main thread
 * has built the graph and sent back what links resolve to. Trees never cross threads: only facts go out and
 * HTML comes back.
 */
import { parentPort } from "node:worker_threads";
import type { Root } from "mdast";
import { extractFacts } from "../graph/extract.ts";
import { MediaResolver } from "../render/media.ts";
import { renderNote } from "../render/render-note.ts";
import { renderContextFor } from "../render/site-links.ts";
import { parseFiles, warmUp } from "./parse-worker.ts";
import type { FromWorker, ToWorker } from "./worker-protocol.ts";

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs as a worker thread");
const trees = new Map<string, Root>();
const send = (message: FromWorker) => port.postMessage(message);

port.on("message", (message: ToWorker) => {
  try {
    if (message.type === "parse") {
      send(parseFiles(message, trees));
      return;
    }
    const media = new MediaResolver(message.media, message.vault);
    const rendered: [string, string, [string, string[]][]][] = [];
    for (const id of message.notes) {
      const tree = trees.get(id);
      if (!tree) continue;
      // The same walk as in the main thread's facts, so the i-th link here is the i-th link there.
      const links = extractFacts(tree).links;
      const resolved = message.resolved[id] ?? [];
      links.forEach((link, i) => {
        const to = resolved[i];
        if (link.node && to !== undefined) link.node.data.resolvedId = to;
      });
      const note = renderNote(tree, renderContextFor(message.links, id, media));
      rendered.push([id, note.html, [...note.answers]]);
      trees.delete(id);
    }
    trees.clear();
    send({ type: "rendered", notes: rendered, copies: [...media.copies.values()] });
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
warmUp();
send({ type: "ready" });
