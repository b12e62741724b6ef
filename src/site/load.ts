/**
 * Build the site model for a vault, once per build (or per change in dev). The CLI passes the vault and config
 * through `WENDA_VAULT` / `WENDA_CONFIG`; without them the bundled sample `content/` is used.
 *
 * Astro evaluates `astro.config.mjs` and the content config in separate module graphs, so the one model is kept
 * on `globalThis`: the loader fills it, the integration reads the media list from it after the build.
 */
import path from "node:path";
import { graphOptionsOf, loadConfig, normalizeSite, type WendaConfig } from "../config.ts";
import { loadVault } from "../graph/vault.ts";
import type { Graph } from "../graph/types.ts";
import { assembleSiteModel, buildSiteModel, type SiteModel } from "./model.ts";
import { parseAndRenderInWorkers } from "./parallel.ts";

interface SiteState {
  model?: Promise<SiteModel>;
  built?: SiteModel;
}

const key = Symbol.for("wenda.site-state");
const store = globalThis as unknown as Record<symbol, SiteState | undefined>;

export function siteState(): SiteState {
  store[key] ??= {};
  return store[key];
}

export interface LoadSiteOptions {
  /** Project root: the default vault is `<root>/content`. */
  root: string;
  log?: (message: string) => void;
  /** Rebuild even if a model exists (dev: a file changed). */
  fresh?: boolean;
}

export function vaultPath(root: string): string {
  return path.resolve(process.env.WENDA_VAULT ?? path.join(root, "content"));
}

/** The vault's config with the CLI's overrides (`--base`, `--media`, passed through the environment). */
export async function siteConfig(vault: string): Promise<WendaConfig> {
  const config = await loadConfig(vault, process.env.WENDA_CONFIG);
  if (process.env.WENDA_BASE) config.base = `/${process.env.WENDA_BASE.replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  const site = normalizeSite(process.env.WENDA_SITE);
  if (site) config.site = site;
  if (process.env.WENDA_MEDIA) {
    const media = process.env.WENDA_MEDIA;
    if (/^https?:\/\//.test(media)) config.media.baseUrl = media.endsWith("/") ? media : `${media}/`;
    else config.media.dir = path.resolve(media);
  }
  return config;
}

/** The site model, built once and shared by every collection's loader. */
export function loadSite(options: LoadSiteOptions): Promise<SiteModel> {
  const state = siteState();
  if (state.model && !options.fresh) return state.model;
  const vault = vaultPath(options.root);
  state.model = (async () => {
    const log = options.log ?? (() => {});
    const config = await siteConfig(vault);
    const started = performance.now();
    let lastTenth = -1;
    const onProgress = (done: number, total: number) => {
      const tenth = Math.floor((done / total) * 10);
      if (total >= 200 && tenth !== lastTenth) {
        lastTenth = tenth;
        log(`parsing notes ${done}/${total}`);
      }
    };
    const workers = process.env.WENDA_WORKERS === undefined ? undefined : Number(process.env.WENDA_WORKERS);
    let model: SiteModel;
    let graph: Graph;
    if (workers === 0) {
      const loaded = loadVault(vault, { keepTrees: true, ...graphOptionsOf(config), budget: config.budget, onProgress });
      graph = loaded.graph;
      model = buildSiteModel(graph, loaded.trees, config, vault);
    } else {
      const result = await parseAndRenderInWorkers(vault, config, { ...(workers ? { workers } : {}), onProgress });
      graph = result.graph;
      model = assembleSiteModel(graph, result.rendered, config, vault, result.copies);
    }
    const errors = graph.diagnostics.filter((d) => d.severity === "error");
    for (const d of errors.slice(0, 20)) log(`${d.path}:${d.line}:${d.column}: error ${d.code} ${d.message}`);
    log(
      `${graph.notes.length} notes → ${model.stats.cards} cards, ${model.stats.questions} questions, ${model.stats.tags} tags in ${Math.round(performance.now() - started)} ms` +
        (errors.length ? ` (${errors.length} notes with errors, still built; run \`wenda check\`)` : ""),
    );
    state.built = model;
    return model;
  })();
  return state.model;
}
