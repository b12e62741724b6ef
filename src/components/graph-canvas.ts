/**
 * Draws a laid-out graph on a canvas (browser only; the layout is computed at build time): nodes coloured by kind
 * from CSS custom properties (so dark mode is the stylesheet's business), pan by dragging, zoom with the wheel or
 * a pinch, the title of the node under the pointer in a tooltip, a click opens its page. The canvas reports what it
 * drew in `data-nodes` (all), `data-drawn` (inside the view) and `data-view` (`scale,x,y`: screen = world × scale
 * + offset, in CSS pixels) so tests can find a node on screen.
 */

export interface DrawNode {
  x: number;
  y: number;
  /** Index into the kinds. */
  kind: number;
  title: string;
  /** Decoded site URL. */
  url: string;
}

export interface DrawGraph {
  kinds: readonly string[];
  nodes: DrawNode[];
  /** Flat pairs of node indexes. */
  edges: readonly number[];
}

export interface GraphOptions {
  /** The site's base path, ending in `/`. */
  base: string;
  /** Pan and zoom (the global graph); a local graph only hovers and clicks. */
  navigable: boolean;
  /** Draw every node's title (small graphs). */
  labels?: boolean;
  /** A node drawn larger and ringed (the local graph's page). */
  centre?: number;
}

export interface MountedGraph {
  /** Dim every node but those `matches` keeps (null: show all); returns the kept indexes. */
  highlight(matches: ((node: DrawNode) => boolean) | null): number[];
  /** Centre the view on a node. */
  focus(index: number): void;
}

const padding = 24;

export function mountGraph(host: HTMLElement, graph: DrawGraph, options: GraphOptions): MountedGraph {
  const canvas = document.createElement("canvas");
  canvas.className = "graph-canvas";
  canvas.dataset.nodes = String(graph.nodes.length);
  const tip = document.createElement("div");
  tip.className = "graph-tip";
  tip.hidden = true;
  tip.setAttribute("role", "status");
  host.append(canvas, tip);
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;

  const degree = new Float64Array(graph.nodes.length);
  for (let e = 0; e < graph.edges.length; e++) degree[graph.edges[e] as number] = (degree[graph.edges[e] as number] as number) + 1;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const node of graph.nodes) {
    minX = Math.min(minX, node.x);
    minY = Math.min(minY, node.y);
    maxX = Math.max(maxX, node.x);
    maxY = Math.max(maxY, node.y);
  }

  let width = 0;
  let height = 0;
  let scale = 1;
  let fitScale = 1;
  let offsetX = 0;
  let offsetY = 0;
  let hovered = -1;
  let kept: Uint8Array | null = null;
  let colours = readColours();
  let queued = false;

  function readColours() {
    const style = getComputedStyle(host);
    const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      kinds: graph.kinds.map((kind) => value(`--graph-${kind}`, "#888")),
      edge: value("--graph-edge", "rgba(128,128,128,.25)"),
      label: value("--graph-label", "#333"),
      ring: value("--graph-ring", "#000"),
    };
  }

  function fit(): void {
    const spanX = Math.max(maxX - minX, 1);
    const spanY = Math.max(maxY - minY, 1);
    fitScale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
    if (!Number.isFinite(fitScale) || fitScale <= 0) fitScale = 1;
    if (graph.nodes.length === 1) fitScale = 1;
    scale = fitScale;
    offsetX = width / 2 - ((minX + maxX) / 2) * scale;
    offsetY = height / 2 - ((minY + maxY) / 2) * scale;
  }

  function resize(): void {
    const rect = host.getBoundingClientRect();
    const first = width === 0;
    width = Math.max(1, Math.round(rect.width));
    height = Math.max(1, Math.round(rect.height));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (first || !options.navigable) fit();
    draw();
  }

  /** Radius in CSS pixels: busier nodes are larger, and all grow a little as you zoom in. */
  function radius(i: number): number {
    const zoom = Math.min(4, Math.max(1, Math.sqrt(scale / fitScale)));
    const base = Math.min(12, 2 + Math.sqrt(degree[i] as number) * 0.7);
    return (i === options.centre ? base + 3 : base) * zoom;
  }

  function schedule(): void {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  }

  function draw(): void {
    ctx.clearRect(0, 0, width, height);
    ctx.lineWidth = 1;
    ctx.strokeStyle = colours.edge;
    // Thousands of edges would paint the middle solid: the more there are, the fainter each.
    ctx.globalAlpha = Math.min(1, Math.max(0.15, 2000 / Math.max(1, graph.edges.length / 2)) * Math.sqrt(scale / fitScale));
    ctx.beginPath();
    for (let e = 0; e + 1 < graph.edges.length; e += 2) {
      const a = graph.nodes[graph.edges[e] as number] as DrawNode;
      const b = graph.nodes[graph.edges[e + 1] as number] as DrawNode;
      ctx.moveTo(a.x * scale + offsetX, a.y * scale + offsetY);
      ctx.lineTo(b.x * scale + offsetX, b.y * scale + offsetY);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    let drawn = 0;
    const visible: number[] = [];
    for (let kind = 0; kind < graph.kinds.length; kind++) {
      for (const dim of [true, false]) {
        ctx.fillStyle = colours.kinds[kind] as string;
        ctx.globalAlpha = dim ? 0.15 : 1;
        ctx.beginPath();
        for (let i = 0; i < graph.nodes.length; i++) {
          const node = graph.nodes[i] as DrawNode;
          if (node.kind !== kind || (kept !== null && kept[i] === 0) !== dim) continue;
          const r = radius(i);
          const sx = node.x * scale + offsetX;
          const sy = node.y * scale + offsetY;
          if (sx < -r || sy < -r || sx > width + r || sy > height + r) continue;
          ctx.moveTo(sx + r, sy);
          ctx.arc(sx, sy, r, 0, Math.PI * 2);
          drawn++;
          if (!dim) visible.push(i);
        }
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;
    const ringed = [hovered, options.centre ?? -1].filter((i) => i >= 0);
    ctx.strokeStyle = colours.ring;
    ctx.lineWidth = 2;
    for (const i of ringed) {
      const node = graph.nodes[i] as DrawNode;
      ctx.beginPath();
      ctx.arc(node.x * scale + offsetX, node.y * scale + offsetY, radius(i) + 2, 0, Math.PI * 2);
      ctx.stroke();
    }
    // Titles when few nodes are in view (always for a small graph), busiest first, none over another.
    if (options.labels || visible.length <= 150) {
      ctx.fillStyle = colours.label;
      ctx.font = "12px system-ui, sans-serif";
      ctx.textBaseline = "middle";
      const placed: [number, number, number, number][] = [];
      visible.sort((a, b) => (a === options.centre ? -1 : b === options.centre ? 1 : (degree[b] as number) - (degree[a] as number)));
      for (const i of visible) {
        const node = graph.nodes[i] as DrawNode;
        const text = node.title.length > 14 ? `${node.title.slice(0, 13)}…` : node.title;
        const sx = node.x * scale + offsetX;
        const textWidth = ctx.measureText(text).width;
        // Beside the node, on its left when the right would run off the canvas.
        const left = sx + radius(i) + 3 + textWidth > width ? sx - radius(i) - 3 - textWidth : sx + radius(i) + 3;
        const top = node.y * scale + offsetY - 8;
        const right = left + textWidth;
        if (placed.some(([l, t, r, b]) => left < r && right > l && top < b && top + 16 > t)) continue;
        placed.push([left, top, right, top + 16]);
        ctx.fillText(text, left, top + 8);
      }
    }
    canvas.dataset.drawn = String(drawn);
    canvas.dataset.view = `${scale},${offsetX},${offsetY}`;
  }

  /** The node under a point (CSS pixels in the canvas), or -1. */
  function nodeAt(px: number, py: number): number {
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let i = 0; i < graph.nodes.length; i++) {
      if (kept !== null && kept[i] === 0) continue;
      const node = graph.nodes[i] as DrawNode;
      const dx = node.x * scale + offsetX - px;
      const dy = node.y * scale + offsetY - py;
      const d = dx * dx + dy * dy;
      const reach = radius(i) + 4;
      if (d <= reach * reach && d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }

  function hover(index: number, px: number, py: number): void {
    if (index !== hovered) {
      hovered = index;
      schedule();
    }
    canvas.style.cursor = index >= 0 ? "pointer" : options.navigable ? "grab" : "default";
    if (index < 0) {
      tip.hidden = true;
      return;
    }
    tip.textContent = (graph.nodes[index] as DrawNode).title;
    tip.hidden = false;
    tip.style.left = `${Math.min(px + 12, Math.max(0, width - tip.offsetWidth))}px`;
    tip.style.top = `${py + 14 + tip.offsetHeight > height ? py - tip.offsetHeight - 8 : py + 14}px`;
  }

  function open(index: number): void {
    const node = graph.nodes[index] as DrawNode;
    location.href = options.base + node.url.replace(/^\//, "");
  }

  function zoomAt(factor: number, px: number, py: number): void {
    const next = Math.min(fitScale * 60, Math.max(fitScale * 0.5, scale * factor));
    offsetX = px - ((px - offsetX) * next) / scale;
    offsetY = py - ((py - offsetY) * next) / scale;
    scale = next;
    schedule();
  }

  // Pointers: one drags (or clicks), two pinch.
  const pointers = new Map<number, { x: number; y: number }>();
  let moved = 0;
  let pinch = 0;
  const local = (event: PointerEvent | WheelEvent) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  canvas.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, local(event));
    canvas.setPointerCapture(event.pointerId);
    moved = 0;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      pinch = Math.hypot(a.x - b.x, a.y - b.y);
    }
  });
  canvas.addEventListener("pointermove", (event) => {
    const point = local(event);
    const last = pointers.get(event.pointerId);
    if (!last) return hover(nodeAt(point.x, point.y), point.x, point.y);
    pointers.set(event.pointerId, point);
    moved += Math.abs(point.x - last.x) + Math.abs(point.y - last.y);
    if (!options.navigable) return;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (pinch > 0) zoomAt(distance / pinch, (a.x + b.x) / 2, (a.y + b.y) / 2);
      pinch = distance;
    } else if (moved > 4) {
      offsetX += point.x - last.x;
      offsetY += point.y - last.y;
      tip.hidden = true;
      schedule();
    }
  });
  const release = (event: PointerEvent) => {
    const wasOne = pointers.size === 1;
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = 0;
    if (event.type === "pointerup" && wasOne && moved <= 4) {
      const point = local(event);
      const index = nodeAt(point.x, point.y);
      if (index >= 0) open(index);
    }
  };
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("pointerleave", () => {
    if (pointers.size === 0) hover(-1, 0, 0);
  });
  if (options.navigable) {
    canvas.style.touchAction = "none";
    canvas.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const point = local(event);
        zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)), point.x, point.y);
      },
      { passive: false },
    );
  }

  // Colours follow the system scheme and the page's `data-theme`.
  const recolour = () => {
    colours = readColours();
    schedule();
  };
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", recolour);
  new MutationObserver(recolour).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  new ResizeObserver(resize).observe(host);
  resize();

  return {
    highlight(matches) {
      if (matches === null) {
        kept = null;
        schedule();
        return [];
      }
      kept = new Uint8Array(graph.nodes.length);
      const found: number[] = [];
      graph.nodes.forEach((node, i) => {
        if (matches(node)) {
          (kept as Uint8Array)[i] = 1;
          found.push(i);
        }
      });
      schedule();
      return found;
    },
    focus(index) {
      const node = graph.nodes[index] as DrawNode;
      scale = Math.max(scale, fitScale * 6);
      offsetX = width / 2 - node.x * scale;
      offsetY = height / 2 - node.y * scale;
      schedule();
    },
  };
}
