/**
 * `wenda`: graph, check, build, dev, preview. Every command has `--help`; errors say what to do, in one line.
 * A stack trace is printed only for an internal bug, and only with `WENDA_DEBUG=1`.
 */
import fs from "node:fs";
import path from "node:path";
import { graphOptionsOf, loadConfig } from "../config.ts";
import { formatDiagnostic, sortDiagnostics } from "../graph/diagnostics.ts";
import { listVault } from "../graph/vault.ts";
import { loadVaultInWorkers } from "../site/worker-pool.ts";
import { commandHelp, commandSpec, overview, parseArgs, UsageError, UserError } from "./args.ts";
import { progressReporter } from "./progress.ts";

/** The version in package.json. */
export function version(): string {
  return (JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(overview());
    return command ? 0 : 2;
  }
  if (command === "--version" || command === "-v") {
    if (rest.length) return usageError("wenda", `\`${command}\` takes no arguments`);
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const spec = commandSpec(command);
  if (!spec) {
    const hint = command.startsWith("-") ? "options go after the command" : "the commands are build, dev, preview, graph, check";
    process.stderr.write(`wenda: unknown command \`${command}\` (${hint}; \`wenda --help\` says more)\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, spec);
    if (args.flags.has("help")) {
      process.stdout.write(commandHelp(spec));
      return 0;
    }
    switch (spec.name) {
      case "graph":
        return await graphCommand(args.positionals, args.flags);
      case "check":
        return await checkCommand(args.positionals, args.flags);
      default: {
        const { siteCommand } = await import("./site.ts");
        return await siteCommand(spec.name, args.positionals, args.flags);
      }
    }
  } catch (error) {
    return reportError(command, error);
  }
}

function usageError(command: string, message: string): number {
  process.stderr.write(`${command}: ${message}\n`);
  return 2;
}

/**
 * One line for what the user can act on. Errors our code throws to explain a problem (`Error`, `UserError`) and
 * system errors (`EACCES`, `ENOSPC`…) are messages; anything else (`TypeError`…) is a bug in wenda.
 */
export function reportError(command: string, error: unknown): number {
  const prefix = `wenda ${command}`;
  if (error instanceof UsageError) return usageError(prefix, error.message);
  const message = error instanceof Error ? error.message : String(error);
  const debug = Boolean(process.env.WENDA_DEBUG) && error instanceof Error && error.stack;
  const expected = error instanceof UserError || (error instanceof Error && (error.constructor === Error || "code" in error));
  if (debug) process.stderr.write(`${prefix}: ${error.stack}\n`);
  else if (expected) process.stderr.write(`${prefix}: ${message.split("\n")[0]}\n`);
  else process.stderr.write(`${prefix}: internal error: ${message.split("\n")[0]} (WENDA_DEBUG=1 shows the stack trace)\n`);
  return error instanceof UserError ? error.exitCode : 1;
}

/** The vault folder from the arguments, checked; warns on stderr when it holds no note. */
export function vaultArgument(positionals: string[], command: string): string {
  const vault = positionals[0];
  if (!vault) throw new UserError(`which vault? Usage: wenda ${command} <vault>`);
  const absolute = path.resolve(vault);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) {
    throw new UserError(`\`${vault}\` is not a folder. Give the path of your Obsidian or Logseq vault.`);
  }
  if (listVault(absolute).length === 0) {
    process.stderr.write(`wenda ${command}: warning: \`${vault}\` holds no notes (no .md files outside hidden folders); is it the right folder?\n`);
  }
  return absolute;
}

/** A flag's string value (the parser has checked that valued options have one). */
function text(flags: Map<string, string | true>, name: string): string | undefined {
  const value = flags.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The vault parsed and linked as `build` does it: the same config, in watched worker threads. */
async function loadForCli(vault: string, flags: Map<string, string | true>) {
  const config = await loadConfig(vault, text(flags, "config"));
  // The graph options the vault's config sets (`publish`, `home` …), so `graph` and `check` see what `build` sees.
  return loadVaultInWorkers(vault, { ...graphOptionsOf(config), budget: config.budget, onProgress: progressReporter("parsing notes") });
}

async function graphCommand(positionals: string[], flags: Map<string, string | true>): Promise<number> {
  const vault = vaultArgument(positionals, "graph");
  const { graph } = await loadForCli(vault, flags);
  const json = JSON.stringify(graph, null, flags.has("pretty") ? 2 : undefined);
  const out = flags.get("out");
  if (typeof out === "string") fs.writeFileSync(out, `${json}\n`);
  else process.stdout.write(`${json}\n`);
  return 0;
}

async function checkCommand(positionals: string[], flags: Map<string, string | true>): Promise<number> {
  const vault = vaultArgument(positionals, "check");
  const { graph } = await loadForCli(vault, flags);
  const quiet = flags.has("quiet");
  const diagnostics = sortDiagnostics(graph.diagnostics).filter((d) => !quiet || d.severity !== "info");
  for (const diagnostic of diagnostics) process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = graph.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = graph.diagnostics.filter((d) => d.severity === "warning").length;
  process.stderr.write(`${graph.notes.length} notes, ${errors} errors, ${warnings} warnings\n`);
  return errors > 0 || (flags.has("strict") && warnings > 0) ? 1 : 0;
}
