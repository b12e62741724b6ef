/**
 * The graph view's data: every published question, card, page and tag as a node, with the edges a reader thinks
 * in (question → sub-question, note → question it asks, page → tag, tag → parent tag, note → note it links to);
 * a deterministic force layout for the global graph (run in Node at build time, so the browser only draws); and
 * each page's neighbourhood for its local graph.
 */
import type { Graph } from "../graph/types.ts";
import { tagUrl } from "../graph/url.ts";

/** Node kinds, in the order `/graph.json` numbers them. */
export const graphKinds = ["question", "card", "page", "tag"] as const;
export type GraphViewKind = (typeof graphKinds)[number];

export interface GraphViewNode {
  title: string;
  /** Decoded site URL. */
  url: string;
  kind: GraphViewKind;
}

export interface GraphView {
  nodes: GraphViewNode[];
  /** Edges as pairs of node indexes `[from, to]`, each pair once (either direction). */
  edges: [number, number][];
  /** Node index by note or question id (tags are `#` + lower-cased name). */
  index: Record<string, number>;
}

/** What the view needs from the site model: published URLs and display titles. */
export interface GraphViewSource {
  /** The published URL of a note or question id, else undefined. */
  urlOf(id: string): string | undefined;
  /** The display title of a note or question id. */
  titleOf(id: string): string | undefined;
}

const tagKey = (name: string) => `#${name.toLowerCase()}`;

/** The nodes and edges of the published part of `graph`. */
export function graphViewOf(graph: Graph, source: GraphViewSource): GraphView {
  const nodes: GraphViewNode[] = [];
  const index = new Map<string, number>();
  const add = (key: string, node: GraphViewNode) => {
    if (index.has(key)) return;
    index.set(key, nodes.length);
    nodes.push(node);
  };
  const published = (id: string) => source.urlOf(id) !== undefined;
  for (const q of graph.questions) {
    const url = source.urlOf(q.id);
    if (url !== undefined) add(q.id, { title: source.titleOf(q.id) ?? q.title, url, kind: "question" });
  }
  // A question's own page is its question's node.
  for (const note of graph.notes) {
    if (note.kind === "question" || !note.published) continue;
    add(note.id, { title: note.title, url: note.url, kind: note.kind === "card" ? "card" : "page" });
  }
  for (const page of graph.virtual ?? []) add(page.id, { title: page.title, url: page.url, kind: "page" });
  const usedTags = new Set<string>();
  for (const tag of graph.tags) if (tag.notes.some(published)) usedTags.add(tagKey(tag.name));
  for (const tag of graph.tags) if (usedTags.has(tagKey(tag.name))) add(tagKey(tag.name), { title: `#${tag.name}`, url: tagUrl(tag.name), kind: "tag" });

  const edges: [number, number][] = [];
  const seen = new Set<number>();
  const link = (fromKey: string, toKey: string) => {
    const from = index.get(fromKey);
    const to = index.get(toKey);
    if (from === undefined || to === undefined || from === to) return;
    const pair = from < to ? from * nodes.length + to : to * nodes.length + from;
    if (seen.has(pair)) return;
    seen.add(pair);
    edges.push([from, to]);
  };
  for (const q of graph.questions) {
    for (const child of q.children) link(q.id, child);
    for (const tag of q.tags) link(q.id, tagKey(tag));
  }
  for (const note of graph.notes) {
    if (!note.published) continue;
    for (const question of note.questions) link(note.id, question);
    for (const tag of note.tags) link(note.id, tagKey(tag));
  }
  for (const tag of graph.tags) if (tag.parent) link(tagKey(tag.name), tagKey(tag.parent));
  for (const l of graph.links) if (l.resolved && !l.attachment) link(l.from, l.to);
  for (const page of graph.virtual ?? []) for (const from of page.references) link(from, page.id);
  return { nodes, edges, index: Object.fromEntries(index) };
}

export interface LayoutOptions {
  /** Force iterations (default: 300, fewer above 10,000 nodes). */
  iterations?: number;
  /** The layout is scaled to fit `[0, extent]` on its longer side (default 10,000). */
  extent?: number;
}

/**
 * Positions for `count` nodes joined by `edges`: a Fruchterman–Reingold layout whose repulsion is summed with a
 * Barnes–Hut quadtree (an iteration is O(n log n + edges)), with a pull to the centre that keeps separate
 * components close. Deterministic (no randomness), finite, and scaled into `[0, extent]`; returns
 * `[x0, y0, x1, y1, …]` rounded to integers.
 */
export function layoutGraph(count: number, edges: readonly (readonly [number, number])[], options: LayoutOptions = {}): Int32Array {
  const extent = options.extent ?? 10_000;
  const iterations = options.iterations ?? (count > 10_000 ? 150 : 300);
  const out = new Int32Array(count * 2);
  if (count === 0) return out;
  const k = 20; // Ideal edge length.
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const degree = new Int32Array(count);
  for (const [a, b] of edges) {
    degree[a] = (degree[a] ?? 0) + 1;
    degree[b] = (degree[b] ?? 0) + 1;
  }

  // Start on a sunflower spiral in breadth-first order (busiest nodes first), so linked nodes start near.
  const order = breadthFirst(count, edges, degree);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < count; i++) {
    const node = order[i] as number;
    const r = k * Math.sqrt(i + 0.5);
    x[node] = r * Math.cos(i * golden);
    y[node] = r * Math.sin(i * golden);
  }

  // ForceAtlas2's forces: repulsion (wᵢ·wⱼ·k² / d, w = degree + 1) keeps hubs apart and leaves get room, linear
  // attraction along edges, gravity wᵢ·g to the centre; a node moves by its force over its weight.
  const weight = new Float64Array(count);
  for (let i = 0; i < count; i++) weight[i] = (degree[i] as number) + 1;
  const dx = new Float64Array(count);
  const dy = new Float64Array(count);
  const tree = new QuadTree(count);
  const gravity = k * k * 0.75; // Strong enough that linked clusters sit close, not strung out in a chain.
  let temperature = k * Math.sqrt(count) * 0.2;
  const cooling = (temperature - k * 0.05) / iterations;
  for (let iteration = 0; iteration < iterations; iteration++) {
    dx.fill(0);
    dy.fill(0);
    tree.build(x, y, weight);
    for (let i = 0; i < count; i++) tree.repel(i, x, y, k * k * (weight[i] as number), dx, dy);
    for (const [a, b] of edges) {
      const ex = (x[a] as number) - (x[b] as number);
      const ey = (y[a] as number) - (y[b] as number);
      dx[a] = (dx[a] as number) - ex;
      dy[a] = (dy[a] as number) - ey;
      dx[b] = (dx[b] as number) + ex;
      dy[b] = (dy[b] as number) + ey;
    }
    for (let i = 0; i < count; i++) {
      const w = weight[i] as number;
      const r = Math.sqrt((x[i] as number) ** 2 + (y[i] as number) ** 2) || 1;
      const gx = ((dx[i] as number) - (gravity * w * (x[i] as number)) / r) / w;
      const gy = ((dy[i] as number) - (gravity * w * (y[i] as number)) / r) / w;
      const d = Math.sqrt(gx * gx + gy * gy);
      if (d === 0 || !Number.isFinite(d)) continue;
      const step = Math.min(d, temperature) / d;
      x[i] = (x[i] as number) + gx * step;
      y[i] = (y[i] as number) + gy * step;
    }
    temperature -= cooling;
  }
  return fit(x, y, extent, out);
}

/** Node indexes, each connected component breadth-first from its busiest node, busiest components' seeds first. */
function breadthFirst(count: number, edges: readonly (readonly [number, number])[], degree: Int32Array): Int32Array {
  const starts = new Int32Array(count + 1);
  for (const [a, b] of edges) {
    starts[a + 1] = (starts[a + 1] as number) + 1;
    starts[b + 1] = (starts[b + 1] as number) + 1;
  }
  for (let i = 0; i < count; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const next = starts.slice(0, count);
  const neighbours = new Int32Array(edges.length * 2);
  for (const [a, b] of edges) {
    neighbours[next[a] as number] = b;
    next[a] = (next[a] as number) + 1;
    neighbours[next[b] as number] = a;
    next[b] = (next[b] as number) + 1;
  }
  const seeds = Array.from({ length: count }, (_, i) => i).sort((a, b) => (degree[b] as number) - (degree[a] as number) || a - b);
  const order = new Int32Array(count);
  const placed = new Uint8Array(count);
  let head = 0;
  let tail = 0;
  for (const seed of seeds) {
    if (placed[seed]) continue;
    placed[seed] = 1;
    order[tail++] = seed;
    while (head < tail) {
      const node = order[head++] as number;
      for (let s = starts[node] as number; s < (starts[node + 1] as number); s++) {
        const other = neighbours[s] as number;
        if (placed[other]) continue;
        placed[other] = 1;
        order[tail++] = other;
      }
    }
  }
  return order;
}

/** Cells farther than this many times their size repel as one body (Barnes–Hut's θ). */
const theta = 0.9;
/** Cells this deep are leaves whatever their count (nodes on one spot). */
const maxDepth = 24;

/**
 * A Barnes–Hut quadtree in flat arrays, rebuilt each iteration: each cell has its bodies' count and centre of
 * mass; a leaf lists its bodies (a range of `order`).
 */
class QuadTree {
  private readonly order: Int32Array;
  private weight: Float64Array = new Float64Array(0);
  /** Cells still to visit in `repel` (depth × 3 + 4 at most). */
  private readonly stack = new Int32Array(maxDepth * 4 + 8);
  private size = 0;
  private mass = new Float64Array(0);
  private cx = new Float64Array(0);
  private cy = new Float64Array(0);
  private side = new Float64Array(0);
  /** First child cell (children are consecutive, 4 of them), or -1 for a leaf. */
  private child = new Int32Array(0);
  /** A leaf's bodies: `order[from[c] .. to[c])`. */
  private from = new Int32Array(0);
  private to = new Int32Array(0);

  constructor(count: number) {
    this.order = new Int32Array(count);
    this.grow(Math.max(16, count * 2));
  }

  private grow(capacity: number): void {
    const more = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T) => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    const f = (n: number) => new Float64Array(n);
    const i = (n: number) => new Int32Array(n);
    this.mass = more(this.mass, f);
    this.cx = more(this.cx, f);
    this.cy = more(this.cy, f);
    this.side = more(this.side, f);
    this.child = more(this.child, i);
    this.from = more(this.from, i);
    this.to = more(this.to, i);
  }

  private cell(): number {
    if (this.size + 4 > this.mass.length) this.grow(this.mass.length * 2);
    return this.size++;
  }

  build(x: Float64Array, y: Float64Array, weight: Float64Array): void {
    this.weight = weight;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < x.length; i++) {
      this.order[i] = i;
      minX = Math.min(minX, x[i] as number);
      maxX = Math.max(maxX, x[i] as number);
      minY = Math.min(minY, y[i] as number);
      maxY = Math.max(maxY, y[i] as number);
    }
    this.size = 0;
    const root = this.cell();
    this.split(root, 0, x.length, minX, minY, Math.max(maxX - minX, maxY - minY, 1e-9), 0, x, y);
  }

  /** Fill cell `c` with the bodies `order[lo..hi)` inside the square at `(x0, y0)` of side `s`. */
  private split(c: number, lo: number, hi: number, x0: number, y0: number, s: number, depth: number, x: Float64Array, y: Float64Array): void {
    this.side[c] = s;
    let sx = 0;
    let sy = 0;
    let m = 0;
    for (let p = lo; p < hi; p++) {
      const body = this.order[p] as number;
      const w = this.weight[body] as number;
      sx += (x[body] as number) * w;
      sy += (y[body] as number) * w;
      m += w;
    }
    this.mass[c] = m;
    this.cx[c] = sx / m;
    this.cy[c] = sy / m;
    if (hi - lo <= 1 || depth >= maxDepth) {
      this.child[c] = -1;
      this.from[c] = lo;
      this.to[c] = hi;
      return;
    }
    const half = s / 2;
    const midX = x0 + half;
    const midY = y0 + half;
    // Partition by y (top half first), then each half by x: quadrants in order NW, NE, SW, SE.
    const byY = this.partition(lo, hi, y, midY);
    const west1 = this.partition(lo, byY, x, midX);
    const west2 = this.partition(byY, hi, x, midX);
    const bounds = [lo, west1, byY, west2, hi];
    const first = this.size;
    for (let q = 0; q < 4; q++) this.cell();
    this.child[c] = first;
    for (let q = 0; q < 4; q++) {
      const qlo = bounds[q] as number;
      const qhi = bounds[q + 1] as number;
      const cellIndex = first + q;
      if (qlo === qhi) {
        this.mass[cellIndex] = 0;
        this.child[cellIndex] = -1;
        this.from[cellIndex] = qlo;
        this.to[cellIndex] = qhi;
        continue;
      }
      this.split(cellIndex, qlo, qhi, x0 + (q % 2) * half, y0 + (q >> 1) * half, half, depth + 1, x, y);
    }
  }

  /** Move the bodies of `order[lo..hi)` whose coordinate is below `mid` to the front; returns where the rest begin. */
  private partition(lo: number, hi: number, coordinate: Float64Array, mid: number): number {
    let i = lo;
    for (let j = lo; j < hi; j++) {
      const body = this.order[j] as number;
      if ((coordinate[body] as number) < mid) {
        this.order[j] = this.order[i] as number;
        this.order[i] = body;
        i++;
      }
    }
    return i;
  }

  /** Add to `(dx, dy)[i]` the repulsion `k2 · wⱼ / d` of every other body `j` on body `i`. */
  repel(i: number, x: Float64Array, y: Float64Array, k2: number, dx: Float64Array, dy: Float64Array): void {
    const xi = x[i] as number;
    const yi = y[i] as number;
    let fx = 0;
    let fy = 0;
    const stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const c = stack[--top] as number;
      const m = this.mass[c] as number;
      if (m === 0) continue;
      const ex = xi - (this.cx[c] as number);
      const ey = yi - (this.cy[c] as number);
      const d2 = ex * ex + ey * ey;
      const s = this.side[c] as number;
      const first = this.child[c] as number;
      if (first >= 0 && s * s < theta * theta * d2) {
        fx += (ex * m * k2) / d2;
        fy += (ey * m * k2) / d2;
      } else if (first >= 0) {
        stack[top++] = first;
        stack[top++] = first + 1;
        stack[top++] = first + 2;
        stack[top++] = first + 3;
      } else {
        for (let p = this.from[c] as number; p < (this.to[c] as number); p++) {
          const j = this.order[p] as number;
          if (j === i) continue;
          let bx = xi - (x[j] as number);
          let by = yi - (y[j] as number);
          let b2 = bx * bx + by * by;
          if (b2 < 1e-6) {
            // Two nodes on one spot: part them along a direction fixed by their indexes.
            bx = Math.cos(i * 7 + j);
            by = Math.sin(i * 7 + j);
            b2 = 1;
          }
          const w = this.weight[j] as number;
          fx += (bx * k2 * w) / b2;
          fy += (by * k2 * w) / b2;
        }
      }
    }
    dx[i] = (dx[i] as number) + fx;
    dy[i] = (dy[i] as number) + fy;
  }
}

/** Translate and scale the positions into `[0, extent]` (longer side), rounded. */
function fit(x: Float64Array, y: Float64Array, extent: number, out: Int32Array): Int32Array {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i] as number);
    maxX = Math.max(maxX, x[i] as number);
    minY = Math.min(minY, y[i] as number);
    maxY = Math.max(maxY, y[i] as number);
  }
  const span = Math.max(maxX - minX, maxY - minY);
  const scale = span > 0 ? extent / span : 0;
  for (let i = 0; i < x.length; i++) {
    out[i * 2] = Math.round(((x[i] as number) - minX) * scale);
    out[i * 2 + 1] = Math.round(((y[i] as number) - minY) * scale);
  }
  return out;
}

/** The compact `/graph.json`: `nodes` as `[x, y, kind index, title, url]`, `edges` flat `[from, to, from, to, …]`. */
export interface GraphJson {
  version: 1;
  kinds: readonly GraphViewKind[];
  nodes: [number, number, number, string, string][];
  edges: number[];
}

/** Lay out `view` and pack it for the browser. */
export function graphJsonOf(view: Pick<GraphView, "nodes" | "edges">, options: LayoutOptions = {}, layout: typeof layoutGraph = layoutGraph): GraphJson {
  const positions = layout(view.nodes.length, view.edges, options);
  return {
    version: 1,
    kinds: graphKinds,
    nodes: view.nodes.map((node, i) => [positions[i * 2] as number, positions[i * 2 + 1] as number, graphKinds.indexOf(node.kind), node.title, node.url]),
    edges: view.edges.flat(),
  };
}

/** One neighbour in a page's local graph. */
export interface LocalNode {
  title: string;
  url: string;
  kind: GraphViewKind;
  /** Its neighbours one step further out (depth 2), when it has any shown. */
  children?: LocalNode[];
}

/** At most this many neighbours at depth 1, and this many more per neighbour at depth 2. */
export const localLimits = { first: 24, second: 4, total: 48 };

/**
 * The neighbourhood of the page `id` (depth 1, and depth 2 through every neighbour that is not a tag: a tag's
 * pages are its own page's list), as a tree of links: the local graph draws it and it is the graph's text
 * alternative. Questions and cards come first; each node once.
 */
export function localGraphs(view: GraphView): (id: string) => LocalNode[] {
  const adjacency: number[][] = view.nodes.map(() => []);
  for (const [a, b] of view.edges) {
    adjacency[a]?.push(b);
    adjacency[b]?.push(a);
  }
  const rank = (i: number) => graphKinds.indexOf((view.nodes[i] as GraphViewNode).kind);
  for (const list of adjacency) list.sort((a, b) => rank(a) - rank(b) || a - b);
  const nodeOf = (i: number): LocalNode => {
    const node = view.nodes[i] as GraphViewNode;
    return { title: node.title, url: node.url, kind: node.kind };
  };
  return (id) => {
    const centre = view.index[id];
    if (centre === undefined) return [];
    const shown = new Set<number>([centre]);
    const first = (adjacency[centre] ?? []).slice(0, localLimits.first);
    for (const i of first) shown.add(i);
    const result = first.map((i) => ({ i, node: nodeOf(i) }));
    for (const { i, node } of result) {
      if (node.kind === "tag") continue;
      const children: LocalNode[] = [];
      for (const j of adjacency[i] ?? []) {
        if (shown.size >= localLimits.total || children.length >= localLimits.second) break;
        if (shown.has(j)) continue;
        shown.add(j);
        children.push(nodeOf(j));
      }
      if (children.length) node.children = children;
    }
    return result.map(({ node }) => node);
  };
}
