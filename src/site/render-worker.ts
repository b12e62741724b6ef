/**
 * A worker thread that parses the notes the pool sends it (`parse-worker.ts`, watched by `worker-pool.ts`), keeps the trees, and renders them once the main thread
 * has built the graph and sent the site's links (with the resolver snapshot). Trees never cross threads: only facts go out and
 * HTML comes back.
 */
import { parentPort } from "node:worker_threads";
import type { Root } from "mdast";
import { MediaResolver } from "../render/media.ts";
import { renderNote } from "../render/render-note.ts";
import { renderContextFor } from "../render/site-links.ts";
import { parseFiles, warmUp } from "./parse-worker.ts";
import type { FromWorker, RenderedEntry, ToWorker } from "./worker-protocol.ts";

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
    const rendered: RenderedEntry[] = [];
    for (const id of message.notes) {
      const tree = trees.get(id);
      if (!tree) continue;
      const note = renderNote(tree, renderContextFor(message.links, id, media), message.wanted[id] ?? []);
      rendered.push([id, note.html, [...note.answers], note.embeds, [...note.fragments], note.outline]);
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
