/**
 * A worker thread that parses the notes the pool sends it (`parse-worker.ts`, watched by `worker-pool.ts`), keeps the trees, and renders them once the main thread
 * has built the graph and sent the site's links (with the resolver snapshot). Trees never cross threads: only facts go out and
 * HTML comes back.
 */
import { parentPort } from "node:worker_threads";
import type { Root } from "mdast";
import { isDeepStrictEqual } from "node:util";
import { MediaResolver, type MediaResolution } from "../render/media.ts";
import { renderNote } from "../render/render-note.ts";
import { renderContextFor } from "../render/site-links.ts";
import { parseCacheFor, type RenderedEntryCache } from "./parse-cache.ts";
import { parseFiles, warmUp } from "./parse-worker.ts";
import type { FromWorker, RenderedEntry, ToWorker } from "./worker-protocol.ts";

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs as a worker thread");
const trees = new Map<string, Root>();
/** Note id → the parse-cache key of its tree (a note's render is cached only when its parse could be). */
const parseKeys = new Map<string, string>();
const send = (message: FromWorker) => port.postMessage(message);

port.on("message", (message: ToWorker) => {
  try {
    if (message.type === "parse") {
      const answer = parseFiles(message, trees);
      answer.notes.forEach((note, i) => {
        const key = answer.keys[i];
        if (key) parseKeys.set(note.id, key);
      });
      send(answer);
      return;
    }
    const media = new RecordingResolver(message.media, message.vault);
    // A render reads the tree, the site's links, the fragments wanted of it and the media it resolves.
    const cache = message.linksKey ? parseCacheFor({ render: message.linksKey, media: message.media, vault: message.vault }) : undefined;
    const rendered: RenderedEntry[] = [];
    const keys: string[] = [];
    let renders = 0;
    for (const id of message.notes) {
      const tree = trees.get(id);
      if (!tree) continue;
      const parseKey = parseKeys.get(id);
      const key = cache && parseKey ? cache.key({ parseKey, wanted: message.wanted[id] ?? [] }, "") : undefined;
      const hit = key ? cache?.getRendered(key, id) : undefined;
      if (key) keys.push(key);
      // A cached render holds if every media path it resolved resolves the same today (that also lists its copies).
      if (hit?.media.every(([args, result]) => isDeepStrictEqual(media.resolve(...args), result))) {
        rendered.push(hit.entry);
      } else {
        media.log = [];
        renders += 1;
        const note = renderNote(tree, renderContextFor(message.links, id, media), message.wanted[id] ?? []);
        const entry: RenderedEntry = [id, note.html, [...note.answers], note.embeds, [...note.fragments], note.outline];
        rendered.push(entry);
        if (key) cache?.setRendered(key, { entry, media: media.log });
      }
      trees.delete(id);
    }
    trees.clear();
    parseKeys.clear();
    send({ type: "rendered", notes: rendered, copies: [...media.copies.values()], keys, renders });
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
/** A media resolver that notes what each render asked of it, so a cached render can check it still holds. */
class RecordingResolver extends MediaResolver {
  log: RenderedEntryCache["media"] = [];
  override resolve(mediaPath: string, origin: "file" | "vault" | "remote", noteId = ""): MediaResolution {
    const result = super.resolve(mediaPath, origin, noteId);
    this.log.push([[mediaPath, origin, noteId], result]);
    return result;
  }
}

warmUp();
send({ type: "ready" });
