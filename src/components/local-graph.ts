/**
 * A page's local graph, drawn from its own neighbour list (the text alternative in the page, so there is no data
 * to fetch): the page in the middle, its neighbours on a ring, theirs on an outer ring beside them.
 */
import { type DrawNode, mountGraph } from "./graph-canvas.ts";

const kinds = ["question", "card", "page", "tag"];
const rings = [0, 100, 190];

/** Draw the local graph of `section` (`[data-local-graph]`) into its `.graph-host`. */
export function drawLocalGraph(section: HTMLElement): void {
  const host = section.querySelector<HTMLElement>(".graph-host");
  const list = section.querySelector<HTMLElement>(".graph-neighbours");
  if (!host || !list) return;
  const base = section.dataset.base ?? "/";
  const nodes: DrawNode[] = [{ x: 0, y: 0, kind: kinds.indexOf(section.dataset.kind ?? "page"), title: section.dataset.title ?? "", url: section.dataset.url ?? "/" }];
  const edges: number[] = [];
  const first = [...list.querySelectorAll<HTMLLIElement>(":scope > li")];
  first.forEach((item, i) => {
    const angle = (i / first.length) * Math.PI * 2 - Math.PI / 2;
    const index = add(item, angle, 1);
    if (index === undefined) return;
    edges.push(0, index);
    const second = [...item.querySelectorAll<HTMLLIElement>(":scope > ul > li")];
    const spread = Math.min(0.5, Math.PI / Math.max(1, first.length));
    second.forEach((inner, j) => {
      const offset = second.length === 1 ? 0 : (j / (second.length - 1) - 0.5) * 2 * spread;
      const child = add(inner, angle + offset, 2);
      if (child !== undefined) edges.push(index, child);
    });
  });
  host.hidden = false;
  mountGraph(host, { kinds, nodes, edges }, { base, navigable: false, centre: 0, labels: nodes.length <= 12 });

  function add(item: HTMLLIElement, angle: number, depth: number): number | undefined {
    const link = item.querySelector<HTMLAnchorElement>(":scope > a");
    if (!link) return undefined;
    const r = rings[depth] as number;
    nodes.push({ x: Math.cos(angle) * r, y: Math.sin(angle) * r, kind: kinds.indexOf(link.dataset.kind ?? "page"), title: link.textContent ?? "", url: siteUrl(link) });
    return nodes.length - 1;
  }

  /** The link's decoded site URL (its href without the base). */
  function siteUrl(link: HTMLAnchorElement): string {
    return decodeURIComponent(new URL(link.href).pathname).slice(base.length - 1);
  }
}
