/**
 * Navigation in the site model: the explorer (folders and notes, or a Logseq graph's namespaces), Logseq
 * namespace trees, the all-pages list, the journals index, and the title rule's "a leading `# H1` that repeats
 * the title is shown once". Pure: computed from the graph before any component runs.
 */
import { displayQuestionTitle } from "../graph/question-merge.ts";
import type { Graph, GraphNote } from "../graph/types.ts";
import type { PageLink } from "./model.ts";

/** A folder (no `url`) or a page in the explorer or a namespace tree. */
export interface NavNode {
  title: string;
  url?: string;
  children: NavNode[];
}

/** Explorers beyond this many entries are left off every page but home and all pages (HTML size). */
export const explorerLimit = 400;

const byTitle = (a: NavNode, b: NavNode) =>
  Number(b.children.length > 0 && !b.url) - Number(a.children.length > 0 && !a.url) || a.title.localeCompare(b.title, "zh-CN");

function sortTree(nodes: NavNode[]): NavNode[] {
  nodes.sort(byTitle);
  for (const node of nodes) sortTree(node.children);
  return nodes;
}

/** Notes the navigation lists: published, not hidden, not the home note. */
export function listedNotes(graph: Graph): GraphNote[] {
  return graph.notes.filter((note) => note.published && !note.hidden && note.url !== "/");
}

/**
 * Folders and notes by vault path (or DG garden path). Question pages are listed at their question's URL.
 * In a Logseq graph: the namespace tree of pages instead (journals have their own index).
 */
export function explorerOf(graph: Graph, urlOf: (id: string) => string | undefined, questionPrefix?: string): NavNode[] {
  if (graph.logseq) return namespaceForest(graph, urlOf);
  const root: NavNode = { title: "", children: [] };
  for (const note of listedNotes(graph)) {
    const url = urlOf(note.id);
    if (!url) continue;
    const parts = (note.navPath ?? note.id).split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.children.find((child) => child.url === undefined && child.title === part);
      if (!next) {
        next = { title: part, children: [] };
        folder.children.push(next);
      }
      folder = next;
    }
    // A question page by its display title (no stray space after the marker), as every other list shows it.
    const title = questionPrefix !== undefined && note.kind === "question" ? displayQuestionTitle(note.title, questionPrefix) : note.title;
    folder.children.push({ title, url, children: [] });
  }
  return sortTree(root.children);
}

/** Logseq pages (and virtual namespace pages) as a tree by namespace: `面试` → `Redis` → `集群`. */
export function namespaceForest(graph: Graph, urlOf: (id: string) => string | undefined): NavNode[] {
  const nodes = new Map<string, NavNode>();
  const named: [string, string][] = [];
  for (const note of listedNotes(graph)) {
    const url = urlOf(note.id);
    if (note.navPath && url && !note.journal) named.push([note.navPath, url]);
  }
  for (const page of graph.virtual ?? []) if (page.namespace) named.push([page.title, page.url]);
  for (const [name, url] of named) nodes.set(name.toLowerCase(), { title: name.slice(name.lastIndexOf("/") + 1), url, children: [] });
  const roots: NavNode[] = [];
  for (const [name] of named) {
    const node = nodes.get(name.toLowerCase()) as NavNode;
    const slash = name.lastIndexOf("/");
    const parent = slash === -1 ? undefined : nodes.get(name.slice(0, slash).toLowerCase());
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return sortTree(roots);
}

/** The namespace children of the page named `name` (a subtree of the forest), empty when none. */
export function namespaceChildren(forestIndex: Map<string, NavNode>, url: string): NavNode[] {
  return forestIndex.get(url)?.children ?? [];
}

/** URL → node over a forest. */
export function indexForest(forest: NavNode[]): Map<string, NavNode> {
  const index = new Map<string, NavNode>();
  const walk = (nodes: NavNode[]) => {
    for (const node of nodes) {
      if (node.url) index.set(node.url, node);
      walk(node.children);
    }
  };
  walk(forest);
  return index;
}

export function countNodes(nodes: NavNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0);
}

/** Journal pages, newest first. */
export function journalsOf(graph: Graph, urlOf: (id: string) => string | undefined): (PageLink & { date: string })[] {
  return graph.notes
    .filter((note) => note.journal && urlOf(note.id))
    .map((note) => ({ title: note.title, url: urlOf(note.id) as string, date: note.journal as string }))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/**
 * Whether the rendered note opens with an `<h1>` that says the title: then the page shows that heading as its
 * title instead of adding a second one (its id, which heading links target, stays). Reads the renderer's own
 * output, not markdown: the first element, its text without tags.
 */
export function opensWithTitle(html: string, title: string): boolean {
  const match = /^\s*<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  if (!match) return false;
  const text = (match[1] as string)
    .replace(/<a\b[^>]*class="[^"]*anchor[^"]*"[^>]*>[\s\S]*?<\/a>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  const fold = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return fold(text) === fold(title);
}
