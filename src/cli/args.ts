/** A small argument parser: positionals, `--flag`, `--key value` / `--key=value`. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) flags.set(name, arg.slice(eq + 1));
      else if (valued.includes(name) && i + 1 < argv.length) flags.set(name, argv[++i] as string);
      else flags.set(name, true);
    } else if (arg === "-h") flags.set("help", true);
    else positionals.push(arg);
  }
  return { positionals, flags };
}
