/**
 * What a vault says about itself outside its notes: a Logseq graph's `logseq/config.edn`, the Digital Garden
 * plugin's settings. Read once per build, before the graph; the graph itself stays pure.
 */
import { readDigitalGardenSettings } from "./digital-garden.ts";
import { readLogseqGraph } from "./logseq-graph.ts";
import type { NavigationOptions } from "./navigation.ts";

export function readVaultSettings(root: string): Pick<NavigationOptions, "logseq" | "digitalGarden"> {
  const logseq = readLogseqGraph(root);
  return { ...(logseq ? { logseq } : {}), digitalGarden: readDigitalGardenSettings(root) };
}
