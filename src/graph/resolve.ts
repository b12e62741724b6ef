/**
 * Link resolution as Obsidian does it (DIALECT §2): exact vault path, then case-insensitive path, then a unique
 * file name, then a tie-break (same folder as the source, then shortest path) reported as ambiguous. Aliases
 * (`aliases:` front matter, Logseq `alias::`) resolve like file names. Built once; each lookup is O(1) but the
 * tie-break.
 */

export interface Resolution {
  id: string;
  /** Other candidates when the name was ambiguous. */
  ambiguous?: string[];
}

export class NoteIndex {
  readonly #exact = new Map<string, string>();
  readonly #folded = new Map<string, string>();
  readonly #byName = new Map<string, string[]>();

  /** Add a note by id (vault path without `.md`) and extra names it answers to. */
  add(id: string, aliases: readonly string[] = []): void {
    this.#exact.set(id, id);
    if (!this.#folded.has(fold(id))) this.#folded.set(fold(id), id);
    for (const name of [basename(id), ...aliases]) {
      const key = fold(name);
      const list = this.#byName.get(key);
      if (!list) this.#byName.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    }
  }

  has(id: string): boolean {
    return this.#exact.has(id);
  }

  /** Resolve `target` (as written in a link) from the note `fromId`; `undefined` when nothing matches. */
  resolve(target: string, fromId: string): Resolution | undefined {
    const clean = normalizeTarget(target);
    if (clean === "") return { id: fromId };
    const exact = this.#exact.get(clean) ?? this.#folded.get(fold(clean));
    if (exact) return { id: exact };
    // Relative paths (`./x`, `../x`) from the source's folder.
    if (clean.startsWith("./") || clean.startsWith("../")) {
      const joined = joinPath(dirname(fromId), clean);
      const hit = joined && (this.#exact.get(joined) ?? this.#folded.get(fold(joined)));
      if (hit) return { id: hit };
    }
    // A name with `/` in it (a Logseq namespace page `面试/Redis`, a `title::`) matches whole.
    const whole = clean.includes("/") ? this.#byName.get(fold(clean)) : undefined;
    if (whole?.length === 1) return { id: whole[0] as string };
    const candidates = this.#byName.get(fold(basename(clean)));
    if (!candidates) return undefined;
    // A target with folders must match the end of the candidate's path.
    const matching = clean.includes("/") ? candidates.filter((id) => fold(id).endsWith(fold(`/${clean}`))) : candidates;
    if (matching.length === 0) return undefined;
    if (matching.length === 1) return { id: matching[0] as string };
    const folder = dirname(fromId);
    // The last tie-break compares code units, not `localeCompare`: that follows the machine's locale (`LANG`),
    // and the same vault must resolve the same way everywhere (zh-CN sorts 甲 before 乙, en-US after).
    const sorted = [...matching].sort(
      (a, b) =>
        Number(dirname(b) === folder) - Number(dirname(a) === folder) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
    );
    return { id: sorted[0] as string, ambiguous: sorted.slice(1) };
  }
}

/** Trim, NFC-normalize, drop `.md` and leading `/`. */
export function normalizeTarget(target: string): string {
  return target.normalize("NFC").trim().replace(/\.md$/i, "").replace(/^\/+/, "");
}

function fold(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** Join a relative path onto a folder; `undefined` if it climbs out of the vault. */
function joinPath(folder: string, relative: string): string | undefined {
  const parts = folder ? folder.split("/") : [];
  for (const part of relative.split("/")) {
    if (part === "." || part === "") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
