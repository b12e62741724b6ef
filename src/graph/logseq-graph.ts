/**
 * A Logseq graph's own settings, from `logseq/config.edn` at the vault root: how file names spell page names
 * (`:file/name-format`), the home page (`:default-home`) and how journal pages are titled
 * (`:journal/page-title-format`). The folder holding that file is what makes a vault a Logseq graph.
 */
import fs from "node:fs";
import path from "node:path";
import { readEdn } from "./edn.ts";

export interface LogseqGraph {
  /** `triple-lowbar` (`a___b.md` is `a/b`) or `legacy` (`a%2Fb.md`, `a.b.md`). Default `legacy`, as Logseq. */
  fileNameFormat: "triple-lowbar" | "legacy";
  /** `:default-home {:page "…"}`; `undefined` when absent or the journals (Logseq's own default). */
  defaultHome?: string;
  /** `:journal/page-title-format`. Default `MMM do, yyyy`, as Logseq. */
  journalTitleFormat: string;
  /** `:feature/enable-journals?`. Default true. */
  journals: boolean;
}

/** The settings of the Logseq graph at `root`, or `undefined` when `root` is not one. */
export function readLogseqGraph(root: string): LogseqGraph | undefined {
  let source: string;
  try {
    source = fs.readFileSync(path.join(root, "logseq", "config.edn"), "utf8");
  } catch {
    return undefined;
  }
  return logseqGraphOf(source);
}

/** Settings from the text of a `config.edn`; an unreadable one gives Logseq's defaults. */
export function logseqGraphOf(source: string): LogseqGraph {
  const raw = readEdn(source);
  const config = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
  const graph: LogseqGraph = {
    fileNameFormat: config[":file/name-format"] === ":triple-lowbar" ? "triple-lowbar" : "legacy",
    journalTitleFormat: typeof config[":journal/page-title-format"] === "string" ? config[":journal/page-title-format"] : "MMM do, yyyy",
    journals: config[":feature/enable-journals?"] !== false,
  };
  const home = config[":default-home"];
  const page = home && typeof home === "object" && !Array.isArray(home) ? home[":page"] : undefined;
  if (typeof page === "string" && page.trim() && page.trim().toLowerCase() !== "journals") graph.defaultHome = page.trim();
  return graph;
}
