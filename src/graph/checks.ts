/**
 * Graph-level diagnostics that need more than one place of a note (or of the vault) to see: links to the same
 * missing note aggregated into one diagnostic per target, and block ids repeated inside one note.
 */
import type { NoteFacts } from "./extract.ts";
import type { Diagnostic } from "./types.ts";

/** Collects unresolved links; `diagnostics()` gives one info per target with a count and the first place. */
export class UnresolvedLinks {
  readonly #targets = new Map<
    string,
    { target: string; path: string; line: number; column: number; count: number; notes: Set<string> }
  >();

  add(target: string, written: string, path: string, line: number, column: number) {
    const key = target.toLowerCase();
    const entry = this.#targets.get(key);
    if (entry) {
      entry.count++;
      entry.notes.add(path);
    } else {
      this.#targets.set(key, { target: written, path, line, column, count: 1, notes: new Set([path]) });
    }
  }

  diagnostics(): Diagnostic[] {
    return [...this.#targets.values()].map((entry) => ({
      path: entry.path,
      line: entry.line,
      column: entry.column,
      severity: "info",
      code: "link-unresolved",
      message:
        entry.count === 1
          ? `Link \`[[${entry.target}]]\` matches no note; it is shown as unresolved`
          : `Link \`[[${entry.target}]]\` matches no note; it is shown as unresolved (${entry.count} links in ${entry.notes.size} note${entry.notes.size === 1 ? "" : "s"}, the first here)`,
    }));
  }
}

/**
 * The same block id twice in one note (DG `{ #id}`, Obsidian `^id`, Logseq `id::`), case-insensitively as links
 * find them: a warning naming both lines. `known` are the diagnostics the note already has: a repeat the block-id
 * plugin reported is not reported again.
 */
export function duplicateBlockIds(
  path: string,
  blocks: NoteFacts["blocks"],
  known: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, { id: string; line: number }>();
  for (const block of blocks) {
    const key = block.id.toLowerCase();
    const seen = first.get(key);
    if (!seen) {
      first.set(key, { id: block.id, line: block.line });
      continue;
    }
    const reported = known.some((d) => d.code === "block-id-duplicate" && d.message.includes(`\`${block.id}\``));
    if (reported) continue;
    out.push({
      path,
      line: block.line,
      column: 1,
      severity: "warning",
      code: "block-id-duplicate",
      message: `Block id \`${block.id}\` on line ${block.line} is already used on line ${seen.line}; links to it go to line ${seen.line}`,
    });
  }
  return out;
}
