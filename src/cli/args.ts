/**
 * The command line, declared once: every command's positionals and options, from which both the parser and the
 * `--help` text are made (so the help can never miss an option the parser accepts, or the other way round).
 */

/** A mistake in how the command was called: one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A problem the user can fix (a missing vault, a refused output folder…): one line on stderr, no stack trace. */
export class UserError extends Error {
  override name = "UserError";
  /** The exit code: 1 unless said otherwise. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface OptionSpec {
  /** Long name, without `--`. */
  name: string;
  /** Placeholder of its value (`dir`, `file`); absent for a switch. */
  value?: string;
  /** `port`: an integer 1–65535. */
  type?: "port";
  /** One line for `--help`. */
  description: string;
}

export interface CommandSpec {
  name: "graph" | "check" | "build" | "dev" | "preview";
  /** The positional part of the usage line, e.g. `<vault>` or `[dir]`. */
  positional: string;
  /** Whether the positional may be left out. */
  optionalPositional?: boolean;
  /** One line for the overview. */
  summary: string;
  /** What `--help` says before the options. */
  about: string;
  options: OptionSpec[];
}

const config: OptionSpec = { name: "config", value: "file", description: "Config file (default: <vault>/wenda.config.json|.mjs|.js)" };
const port = (fallback: number): OptionSpec => ({ name: "port", value: "n", type: "port", description: `Port on 127.0.0.1 (default: ${fallback})` });
const media: OptionSpec = { name: "media", value: "dir|url", description: "Media folder to copy from, or base URL to serve media from" };
const cacheDir: OptionSpec = { name: "cache-dir", value: "dir", description: "Cache folder (default: one per vault under node_modules/.wenda/cache/)" };
const noCache: OptionSpec = { name: "no-cache", description: "Parse and render everything; read and write no cache" };
const base: OptionSpec = { name: "base", value: "path", description: "URL prefix when the site is served from a sub-folder (default: /)" };
const site: OptionSpec = { name: "site", value: "url", description: "The site's address, e.g. https://notes.example.com (canonical URLs, sitemap, feed)" };

export const commands: readonly CommandSpec[] = [
  {
    name: "build",
    positional: "<vault>",
    summary: "Build the static site (Astro + Pagefind) into --out (default: ./dist)",
    about: `Builds the static site for <vault> into --out, with the search index.
Settings come from <vault>/wenda.config.json (or .mjs), or --config.
The output folder must be outside the vault, must not contain it, and must be new, empty, or a folder an
earlier \`wenda build\` made (it holds a .wenda-site file). It is replaced only when the build has succeeded.
A rebuild parses only the notes that changed and renders only the pages that changed (the cache folder keeps
the last build's parses and pages; it is safe to delete).`,
    options: [
      { name: "out", value: "dir", description: "Output folder (default: ./dist)" },
      config,
      base,
      site,
      media,
      cacheDir,
      noCache,
    ],
  },
  {
    name: "dev",
    positional: "<vault>",
    summary: "Serve the site with live reload while you edit",
    about: "Serves the site for <vault> with Astro's dev server on 127.0.0.1. Only the project, the vault and the\nmedia folder are served.",
    options: [port(4321), config, base, site, media, cacheDir, noCache],
  },
  {
    name: "preview",
    positional: "[dir]",
    optionalPositional: true,
    summary: "Serve a built site on 127.0.0.1 (default: ./dist)",
    about: "Serves a built site (default: ./dist) on 127.0.0.1, with range requests so videos seek.",
    options: [port(4322)],
  },
  {
    name: "graph",
    positional: "<vault>",
    summary: "Print the question graph as JSON (contract version 1)",
    about: `Parses every note of <vault> and prints the question graph as JSON (contract version 1, see README).
Reads the same config as \`wenda build\` (publish mode, question prefix). A progress line goes to stderr for
large vaults.`,
    options: [
      { name: "pretty", description: "Indent the JSON" },
      { name: "out", value: "file", description: "Write to a file instead of stdout" },
      config,
    ],
  },
  {
    name: "check",
    positional: "<vault>",
    summary: "Print diagnostics, one per line; exit 1 on errors (--strict: also on warnings)",
    about: `Prints every diagnostic as \`path:line:column: severity code message\`, with the config \`wenda build\` uses.
Exits 1 when there is an error (with --strict: also when there is a warning), else 0.`,
    options: [
      { name: "strict", description: "Warnings fail the check too" },
      { name: "quiet", description: "Only errors and warnings (no info lines)" },
      config,
    ],
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}

/** The overview `wenda --help` prints. */
export function overview(): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.positional}`.length)) + 4;
  const lines = commands.map((c) => `  ${`${c.name} ${c.positional}`.padEnd(width)}${c.summary}`);
  return `wenda: a static site generator for interview-study notes

Usage: wenda <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help       Show this help (or a command's: \`wenda <command> --help\`)
  -v, --version    Print wenda's version

Run \`wenda <command> --help\` for a command's options.
`;
}

/** `wenda <command> --help`: the usage line, what it does, and every option the parser accepts. */
export function commandHelp(spec: CommandSpec): string {
  const flag = (o: OptionSpec) => `--${o.name}${o.value ? ` <${o.value}>` : ""}`;
  const rows: [string, string][] = [...spec.options.map((o): [string, string] => [flag(o), o.description]), ["-h, --help", "Show this help"]];
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const shortUsage = spec.options.map((o) => `[${flag(o)}]`).join(" ");
  return `Usage: wenda ${spec.name} ${spec.positional} ${shortUsage}

${spec.about}

Options:
${rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`).join("\n")}
`;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Parse `argv` (after the command name) against `spec`: `--flag`, `--key value`, `--key=value`, `-h`, and `--`
 * before positionals that start with `-`. Anything else is a {@link UsageError} with a hint.
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const set = (name: string, value: string | true) => {
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    flags.set(name, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h" || arg === "--help") {
      flags.set("help", true);
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? arg.slice(2, eq === -1 ? undefined : eq) : "";
    const option = spec.options.find((o) => o.name === name);
    if (!option) throw new UsageError(`unknown option \`${eq === -1 ? arg : arg.slice(0, eq)}\`${hint(name || arg.replace(/^-+/, ""), spec)}`);
    if (!option.value) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value (got \`${arg}\`)`);
      set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !(argv[i + 1] as string).startsWith("--")) value = argv[++i];
    if (!value) throw new UsageError(`--${name} needs a value: --${name} <${option.value}>`);
    if (option.type === "port") checkPort(value);
    set(name, value);
  }
  if (flags.has("help")) return { positionals, flags };
  if (positionals.length > 1) {
    throw new UsageError(
      `too many arguments: ${positionals.map((p) => `\`${p}\``).join(" ")}; \`wenda ${spec.name}\` takes one ${spec.positional} (quote a path with spaces)`,
    );
  }
  return { positionals, flags };
}

function checkPort(value: string): void {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, not \`${value}\``);
  }
}

/** `; did you mean --out?` for a near miss, else where to look. */
function hint(given: string, spec: CommandSpec): string {
  if (given === "v" || given === "version") return "; the version is `wenda --version`";
  const near = spec.options
    .map((o) => ({ name: o.name, distance: editDistance(given.toLowerCase(), o.name) }))
    .filter((o) => o.distance <= Math.max(1, Math.floor(o.name.length / 3)) || o.name.startsWith(given.toLowerCase()))
    .sort((a, b) => a.distance - b.distance)[0];
  return near ? `; did you mean --${near.name}? (\`wenda ${spec.name} --help\` lists the options)` : `; \`wenda ${spec.name} --help\` lists the options`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}
