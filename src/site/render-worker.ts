/**
 * A worker thread that parses its share of the vault, keeps the trees, and renders them once the main thread
 * has built the graph and sent the site's links (with the resolver snapshot). Trees never cross threads: only
 * facts go out and HTML comes back.
 */
import { parentPort } from "node:worker_threads";
import type { Root } from "mdast";
import { createProcessor } from "../../plugins/index.ts";
import type { ParsedNote } from "../graph/build.ts";
import { parseNote, readSource, stripPositions } from "../graph/vault.ts";
import { MediaResolver } from "../render/media.ts";
import { renderNote } from "../render/render-note.ts";
import { renderContextFor } from "../render/site-links.ts";
import type { FromWorker, RenderedEntry, ToWorker } from "./worker-protocol.ts";

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs as a worker thread");
const trees = new Map<string, Root>();
const send = (message: FromWorker) => port.postMessage(message);

port.on("message", (message: ToWorker) => {
  try {
    if (message.type === "parse") {
      const processor = createProcessor({ questionPrefix: message.questionPrefix });
      const notes: ParsedNote[] = [];
      message.files.forEach((file, i) => {
        const { note, tree } = parseNote(processor, file, readSource(file), message.questionPrefix);
        notes.push(note);
        trees.set(note.id, stripPositions(tree));
        if ((i + 1) % 100 === 0) send({ type: "progress", parsed: 100 });
      });
      send({ type: "progress", parsed: message.files.length % 100 });
      send({ type: "parsed", notes });
      return;
    }
    const media = new MediaResolver(message.media, message.vault);
    const rendered: RenderedEntry[] = [];
    for (const id of message.notes) {
      const tree = trees.get(id);
      if (!tree) continue;
      const note = renderNote(tree, renderContextFor(message.links, id, media), message.wanted[id] ?? []);
      rendered.push([id, note.html, [...note.answers], note.embeds, [...note.fragments]]);
      trees.delete(id);
    }
    trees.clear();
    send({ type: "rendered", notes: rendered, copies: [...media.copies.values()] });
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
