/**
 * The graph view's layout, kept between builds: laying out a few thousand nodes took about two seconds of every
 * build, and it depends only on the node count and the edges (the layout is deterministic). One entry, the last
 * build's, in the build cache (`WENDA_CACHE_DIR`, set by `wenda build` unless `--no-cache`), named by a hash of
 * its input and wenda's code version; anything unreadable is laid out again.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type LayoutOptions, layoutGraph } from "./graph-view.ts";

export function cachedLayout(count: number, edges: readonly (readonly [number, number])[], options: LayoutOptions = {}): Int32Array {
  const root = process.env.WENDA_PAGE_CACHE ? process.env.WENDA_CACHE_DIR : undefined;
  if (!root) return layoutGraph(count, edges, options);
  const key = createHash("sha1").update(`${process.env.WENDA_CODE_VERSION}\0${count}\0${JSON.stringify(options)}\0${JSON.stringify(edges)}`).digest("hex");
  const file = path.join(root, "graph-layout.bin");
  try {
    const bytes = fs.readFileSync(file);
    // A 40-byte key, then the positions.
    if (bytes.subarray(0, 40).toString("latin1") === key && bytes.length === 40 + count * 8) {
      return new Int32Array(bytes.buffer.slice(bytes.byteOffset + 40, bytes.byteOffset + bytes.length));
    }
  } catch {
    // None yet: laid out below.
  }
  const positions = layoutGraph(count, edges, options);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([Buffer.from(key, "latin1"), Buffer.from(positions.buffer, positions.byteOffset, positions.byteLength)]));
  fs.renameSync(temporary, file);
  return positions;
}
