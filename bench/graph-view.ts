/**
 * The graph view's build cost and sizes for one vault:
 *
 *   node --import tsx bench/graph-view.ts <vault dir>
 *
 * Loads the vault (not timed), then times the view's nodes and edges, the layout behind `/graph.json`, and every
 * page's local graph, in wall and CPU milliseconds (CPU is the steadier on a shared machine); prints the size of
 * `/graph.json` and of the largest local neighbour list.
 */
import zlib from "node:zlib";
import { graphOptionsOf, loadConfig } from "../src/config.ts";
import { loadVault } from "../src/graph/vault.ts";
import { displayQuestionTitle } from "../src/graph/question-merge.ts";
import { graphJsonOf, graphViewOf, localGraphs } from "../src/site/graph-view.ts";

const vault = process.argv[2];
if (!vault) throw new Error("usage: bench/graph-view.ts <vault dir>");
const config = await loadConfig(vault, undefined);
const { graph } = loadVault(vault, { ...graphOptionsOf(config), budget: config.budget });
const questions = new Map(graph.questions.map((q) => [q.id, q]));
const notes = new Map(graph.notes.map((n) => [n.id, n]));
const urlOf = (id: string) => {
  const q = questions.get(id);
  if (q) return q.published ? q.url : undefined;
  const n = notes.get(id);
  return n?.published ? n.url : undefined;
};
const titleOf = (id: string) => {
  const q = questions.get(id);
  return q ? displayQuestionTitle(q.title, config.questionPrefix) : notes.get(id)?.title;
};

function timed<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

const view = timed(() => graphViewOf(graph, { urlOf, titleOf }));
const layout = timed(() => JSON.stringify(graphJsonOf(view.value)));
const local = timed(() => {
  const of = localGraphs(view.value);
  let largest = 0;
  for (const note of graph.notes) largest = Math.max(largest, JSON.stringify(of(note.id)).length);
  return largest;
});
const kinds: Record<string, number> = {};
for (const node of view.value.nodes) kinds[node.kind] = (kinds[node.kind] ?? 0) + 1;
console.log(
  JSON.stringify({
    nodes: view.value.nodes.length,
    edges: view.value.edges.length,
    kinds,
    viewMs: view.wallMs,
    viewCpuMs: view.cpuMs,
    layoutMs: layout.wallMs,
    layoutCpuMs: layout.cpuMs,
    graphJsonBytes: Buffer.byteLength(layout.value),
    graphJsonGzipBytes: zlib.gzipSync(layout.value).length,
    localGraphsMs: local.wallMs,
    largestLocalJsonBytes: local.value,
  }),
);
