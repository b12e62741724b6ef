/**
 * `wenda`: graph, check, build, dev, preview. Every command has `--help`; errors say what to do.
 */
import fs from "node:fs";
import path from "node:path";
import { graphOptionsOf, loadConfig } from "../config.ts";
import { formatDiagnostic, sortDiagnostics } from "../graph/diagnostics.ts";
import { loadVault } from "../graph/vault.ts";
import { parseArgs } from "./args.ts";
import { progressReporter } from "./progress.ts";

const usage = `wenda: a static site generator for interview-study notes

Usage: wenda <command> [options]

Commands:
  build <vault>    Build the static site (Astro + Pagefind) into --out (default: dist)
  dev <vault>      Serve the site with live reload while you edit
  preview [dir]    Serve a built site on 127.0.0.1 (default: dist)
  graph <vault>    Print the question graph as JSON (contract version 1)
  check <vault>    Print diagnostics, one per line; exit 1 on errors (--strict: also on warnings)

Run \`wenda <command> --help\` for a command's options.
`;

const commandHelp: Record<string, string> = {
  graph: `Usage: wenda graph <vault> [--pretty] [--out file.json]

Parses every note of <vault> and prints the question graph as JSON (contract version 1, see README).
  --pretty          Indent the JSON
  --out <file>      Write to a file instead of stdout
A progress line goes to stderr for large vaults.
`,
  check: `Usage: wenda check <vault> [--strict] [--quiet]

Prints every diagnostic as \`path:line:column: severity code message\`.
Exits 1 when there is an error (with --strict: also when there is a warning), else 0.
  --strict          Warnings fail the check too
  --quiet           Only errors and warnings (no info lines)
`,
  build: `Usage: wenda build <vault> [--out dir] [--config file] [--base /path/]

Builds the static site for <vault> into --out (default: dist), with the search index.
Settings come from <vault>/wenda.config.json (or .mjs), or --config.
  --out <dir>       Output folder (default: dist)
  --config <file>   Config file (default: <vault>/wenda.config.json|.mjs)
  --base <path>     URL prefix when the site is served from a sub-folder
  --media <dir|url> Media folder to copy from, or base URL to serve media from
`,
  dev: `Usage: wenda dev <vault> [--port 4321] [--config file]

Serves the site for <vault> with Astro's dev server.
`,
  preview: `Usage: wenda preview [dir] [--port 4322]

Serves a built site (default: dist) on 127.0.0.1, with range requests so videos seek.
`,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(usage);
    return command ? 0 : 2;
  }
  const help = commandHelp[command];
  if (!help) {
    process.stderr.write(`wenda: unknown command \`${command}\`\n\n${usage}`);
    return 2;
  }
  const args = parseArgs(rest, ["out", "config", "base", "port", "media"]);
  if (args.flags.has("help")) {
    process.stdout.write(help);
    return 0;
  }
  try {
    switch (command) {
      case "graph":
        return await graphCommand(args.positionals, args.flags);
      case "check":
        return await checkCommand(args.positionals, args.flags);
      default: {
        const { siteCommand } = await import("./site.ts");
        return await siteCommand(command as "build" | "dev" | "preview", args.positionals, args.flags);
      }
    }
  } catch (error) {
    process.stderr.write(`wenda ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The vault folder from the arguments, checked. */
export function vaultArgument(positionals: string[], command: string): string {
  const vault = positionals[0];
  if (!vault) throw new Error(`which vault? Usage: wenda ${command} <vault>`);
  const absolute = path.resolve(vault);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new Error(`\`${vault}\` is not a folder. Give the path of your Obsidian or Logseq vault.`);
  }
  return absolute;
}

/** The graph options the vault's config sets (`publish`, `home` …), so `graph` and `check` see what `build` sees. */
async function graphOptions(vault: string, flags: Map<string, string | true>) {
  const explicit = flags.get("config");
  return graphOptionsOf(await loadConfig(vault, typeof explicit === "string" ? explicit : undefined));
}

async function graphCommand(positionals: string[], flags: Map<string, string | true>): Promise<number> {
  const vault = vaultArgument(positionals, "graph");
  const { graph } = loadVault(vault, { ...(await graphOptions(vault, flags)), onProgress: progressReporter("parsing notes") });
  const json = JSON.stringify(graph, null, flags.has("pretty") ? 2 : undefined);
  const out = flags.get("out");
  if (typeof out === "string") fs.writeFileSync(out, `${json}\n`);
  else process.stdout.write(`${json}\n`);
  return 0;
}

async function checkCommand(positionals: string[], flags: Map<string, string | true>): Promise<number> {
  const vault = vaultArgument(positionals, "check");
  const { graph } = loadVault(vault, { ...(await graphOptions(vault, flags)), onProgress: progressReporter("parsing notes") });
  const quiet = flags.has("quiet");
  const diagnostics = sortDiagnostics(graph.diagnostics).filter((d) => !quiet || d.severity !== "info");
  for (const diagnostic of diagnostics) process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = graph.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = graph.diagnostics.filter((d) => d.severity === "warning").length;
  process.stderr.write(`${graph.notes.length} notes, ${errors} errors, ${warnings} warnings\n`);
  return errors > 0 || (flags.has("strict") && warnings > 0) ? 1 : 0;
}
