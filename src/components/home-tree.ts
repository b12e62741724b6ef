/**
 * The home tree's script: toggles beside each link, expand / collapse all, "more" links that load a root's other
 * first-level questions in place, and a filter over every question title. Levels the page does not carry are
 * built from the one JSON index (`HomeClientIndex`), fetched on the first expand, focus or keystroke.
 */
import { filterKey, inOrder } from "../site/filter-key.ts";
import type { HomeClientIndex } from "../site/home-index.ts";

interface Labels {
  cards: string;
  subs: string;
  also: string;
  alsoMore: string;
  more: string;
  toggle: string;
  hits: string;
  hitsCapped: string;
  noHits: string;
  loading: string;
}

/** One question, from the index's parallel arrays. */
interface Node {
  i: number;
  title: string;
  url: string;
  cards: number;
  parent: number;
  children: number[];
  also: number[];
  /** The title folded for the filter. */
  key: string;
}

function nodesOf(index: HomeClientIndex): Node[] {
  const also = new Map(index.alsoUnder.map(([i, ...parents]) => [i ?? -1, parents]));
  return index.titles.map((title, i) => ({
    i,
    title,
    url: index.urls[i] ?? "/",
    cards: index.cards[i] ?? 0,
    parent: index.parents[i] ?? -1,
    children: index.children[i] ?? [],
    also: also.get(i) ?? [],
    key: filterKey(title),
  }));
}

/** The nodes at `indices` (skipping any the index lacks). */
function picked(nodes: Node[], indices: number[]): Node[] {
  return indices.map((i) => nodes[i]).filter((node): node is Node => node !== undefined);
}

/** Filter results listed at most (the count says how many match). */
const maxHits = 50;
const alsoShown = 2;

export function startHomeTree(root: HTMLElement): void {
  const labels = JSON.parse(root.dataset.labels ?? "{}") as Labels;
  const topics = root.querySelector<HTMLElement>(".home-topics");
  const input = root.querySelector<HTMLInputElement>(".home-filter");
  const hits = root.querySelector<HTMLOListElement>(".home-hits");
  const status = root.querySelector<HTMLElement>(".home-status");
  if (!topics || !input || !hits || !status) return;
  root.classList.add("live");

  let loading: Promise<Node[]> | undefined;
  const load = () => {
    loading ??= fetch(root.dataset.index ?? "").then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.url}`);
      return nodesOf((await response.json()) as HomeClientIndex);
    });
    return loading;
  };

  const fill = (text: string, values: Record<string, number>) =>
    text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
  const link = (node: Node) => {
    const a = document.createElement("a");
    a.href = node.url;
    a.textContent = node.title;
    return a;
  };

  /** A row as the page renders it: toggle (when it has children), link, labelled counts, "also under". */
  const row = (nodes: Node[], node: Node) => {
    const li = document.createElement("li");
    li.dataset.i = String(node.i);
    const subs = node.children.length;
    if (subs > 0) li.append(toggleButton(false), " ");
    const counts = document.createElement("span");
    counts.className = "n";
    counts.textContent =
      subs > 0
        ? `${fill(labels.cards, { n: node.cards })} · ${fill(labels.subs, { n: subs })}`
        : fill(labels.cards, { n: node.cards });
    li.append(link(node), " ", counts);
    if (node.also.length > 0) {
      const p = document.createElement("p");
      p.className = "also";
      p.append(labels.also);
      for (const [k, parent] of picked(nodes, node.also.slice(0, alsoShown)).entries())
        p.append(...(k > 0 ? ["、"] : []), link(parent));
      if (node.also.length > alsoShown) p.append(` ${fill(labels.alsoMore, { n: node.also.length })}`);
      li.append(p);
    }
    return li;
  };
  const toggleButton = (open: boolean) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "tg";
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", labels.toggle);
    return button;
  };

  /** Makes sure `li`'s list holds all its children (appending what the page left out), then shows it. */
  const expand = async (li: HTMLElement) => {
    const nodes = await load();
    const node = nodes[Number(li.dataset.i)];
    if (!node) return;
    let list = li.querySelector<HTMLUListElement>(":scope > ul");
    if (!list) {
      list = document.createElement("ul");
      li.append(list);
    }
    const present = new Set([...list.children].map((child) => (child as HTMLElement).dataset.i));
    list.append(
      ...picked(
        nodes,
        node.children.filter((child) => !present.has(String(child))),
      ).map((child) => row(nodes, child)),
    );
    li.querySelector(":scope > a.more")?.remove();
    setOpen(li, true);
  };
  const setOpen = (li: HTMLElement, open: boolean) => {
    li.querySelector(":scope > .tg")?.setAttribute("aria-expanded", String(open));
    const list = li.querySelector<HTMLElement>(":scope > ul");
    if (list) list.hidden = !open;
    const more = li.querySelector<HTMLElement>(":scope > a.more");
    if (more) more.hidden = !open;
  };

  topics.addEventListener("click", (event) => {
    const target = event.target as HTMLElement;
    const li = target.closest<HTMLElement>("li[data-i]");
    if (!li) return;
    if (target.matches(".tg")) {
      if (target.getAttribute("aria-expanded") === "true") setOpen(li, false);
      else void expand(li);
    } else if (target.matches("a.more")) {
      event.preventDefault();
      void expand(li);
    }
  });

  root.querySelector('[data-all="open"]')?.addEventListener("click", async () => {
    status.textContent = labels.loading;
    await load();
    // Breadth first: each level's rows exist once their parents are expanded.
    let level = [...topics.querySelectorAll<HTMLElement>(".tree > li")];
    while (level.length > 0) {
      await Promise.all(level.map(expand));
      level = level
        .flatMap((li) => [...li.querySelectorAll<HTMLElement>(":scope > ul > li")])
        .filter((li) => li.querySelector(":scope > .tg"));
    }
    status.textContent = "";
  });
  root.querySelector('[data-all="close"]')?.addEventListener("click", () => {
    for (const li of topics.querySelectorAll<HTMLElement>("li[data-i]"))
      if (li.querySelector(":scope > .tg")) setOpen(li, false);
  });

  input.addEventListener("focus", () => void load(), { once: true });
  input.addEventListener("input", async () => {
    const nodes = await load();
    const query = filterKey(input.value);
    topics.hidden = query !== "";
    hits.hidden = query === "";
    hits.replaceChildren();
    if (query === "") {
      status.textContent = "";
      return;
    }
    // Titles containing the query first (earliest and shortest first), then those holding its characters in order.
    const direct: Node[] = [];
    const loose: Node[] = [];
    for (const node of nodes) {
      if (node.key.includes(query)) direct.push(node);
      else if (query.length > 1 && inOrder(node.key, query)) loose.push(node);
    }
    direct.sort((a, b) => a.key.indexOf(query) - b.key.indexOf(query) || a.key.length - b.key.length);
    const found = [...direct, ...loose];
    for (const node of found.slice(0, maxHits)) {
      const li = document.createElement("li");
      li.append(link(node));
      const path: string[] = [];
      for (let up = nodes[node.parent]; up && path.length < 8; up = nodes[up.parent]) path.unshift(up.title);
      if (path.length > 0) {
        const where = document.createElement("span");
        where.className = "path";
        where.textContent = path.join(" › ");
        li.append(" ", where);
      }
      hits.append(li);
    }
    status.textContent =
      found.length === 0
        ? labels.noHits
        : found.length > maxHits
          ? fill(labels.hitsCapped, { shown: maxHits, n: found.length })
          : fill(labels.hits, { n: found.length });
  });
}
