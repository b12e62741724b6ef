/** Command-line options of `npm run bench`. */

export interface BenchOptions {
  /** Vault sizes to run, in the order given, without duplicates. */
  cards: number[];
  /** Cold, warm and one-note-edit `wenda build` of each vault (on unless --no-builds). */
  builds: boolean;
  /** Which of the builds to run (cold always runs first when any does). */
  runs: ("cold" | "warm" | "edit")[];
  /** Also weigh the built site: a card page's JS, the largest HTML page, the home page. */
  site: boolean;
  /** Build the same notes with Hugo for the ratio (on unless --no-hugo; skipped when Hugo is unavailable). */
  hugo: boolean;
  /** Run bench/dev-edit.ts at 1,000 and 4,000 cards when it exists (on unless --no-dev). */
  dev: boolean;
  /** Keep the vaults (and site outputs) this run generated. */
  keep: boolean;
  /** Print a one-line JSON summary at the end. */
  json: boolean;
  /** Runs of each parse phase (each in a fresh process); the table shows the median wall time and the highest RSS. */
  repeat: number;
  /** Pages of the generated Logseq graph measured after the vaults (bench/gen-logseq.ts); 0 skips it. Default 1000. */
  logseq: number;
  help: boolean;
}

export const usage = `Usage: npm run bench -- [--cards N[,N...]]... [--site] [--keep] [--json] [--repeat R]

Generates synthetic vaults into .bench/vault-N (re-used when already there) and measures, each phase in a
fresh Node process: the bare remark-parse floor, the full parse + question graph (loadVault), and the whole
\`wenda build\` three times (cold, warm rebuild, one-note edit) with wall, CPU and peak RSS of the process tree.

  --cards N       Vault size in cards (default 1000). Repeat it or give a comma list: --cards 1000,4000,10000
  --site          Also weigh the site: a card page's JS before search, the largest HTML page, the home page
  --no-builds     Skip the \`wenda build\` runs (parse phases only)
  --runs LIST     Which builds: cold,warm,edit (default all three; cold always runs first)
  --no-hugo       Skip the Hugo build of the same notes
  --no-dev        Skip bench/dev-edit.ts (\`wenda dev\` edit latency, at 1000 and 4000 cards)
  --keep          Keep the generated vaults and site outputs (re-used by the next run)
  --json          Print a JSON summary as the last line
  --repeat R      Run each parse phase R times (median wall and CPU time, highest peak RSS); default 1
  --logseq N      Also measure floor and parse+graph on a generated Logseq graph of N pages (bench/gen-logseq.ts,
                  .bench/logseq-N); default 1000, 0 skips it
`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    cards: [],
    builds: true,
    runs: ["cold", "warm", "edit"],
    site: false,
    hugo: true,
    dev: true,
    keep: false,
    json: false,
    repeat: 1,
    logseq: 1000,
    help: false,
  };
  const positiveInteger = (name: string, raw: string | undefined): number => {
    const value = Number(raw);
    if (raw === undefined || raw.trim() === "" || !Number.isInteger(value) || value <= 0) {
      throw new Error(`--${name} needs a positive whole number, got \`${raw ?? ""}\``);
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") continue;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") ? (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) : arg;
    const inline = arg.startsWith("--") && eq !== -1 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case "cards":
        for (const part of (value() ?? "").split(",")) options.cards.push(positiveInteger("cards", part));
        break;
      case "runs": {
        const list = (value() ?? "").split(",").map((r) => r.trim());
        const bad = list.find((r) => r !== "cold" && r !== "warm" && r !== "edit");
        if (bad !== undefined || list.length === 0) throw new Error(`--runs takes cold, warm and/or edit, got \`${bad ?? ""}\``);
        options.runs = list as BenchOptions["runs"];
        break;
      }
      case "repeat":
        options.repeat = positiveInteger("repeat", value());
        break;
      case "logseq": {
        const raw = value();
        options.logseq = raw === "0" ? 0 : positiveInteger("logseq", raw);
        break;
      }
      case "no-builds":
      case "no-hugo":
      case "no-dev":
        if (inline !== undefined) throw new Error(`--${name} takes no value`);
        options[name === "no-builds" ? "builds" : name === "no-hugo" ? "hugo" : "dev"] = false;
        break;
      case "site":
      case "keep":
      case "json":
      case "help":
        if (inline !== undefined) throw new Error(`--${name} takes no value`);
        options[name] = true;
        break;
      case "-h":
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument \`${arg}\``);
    }
  }
  if (options.cards.length === 0) options.cards.push(1000);
  options.cards = [...new Set(options.cards)];
  return options;
}
