/**
 * No silent loss (issue 7): names that collide get a diagnostic naming both files, so nobody wonders where a
 * note went or why a link lands elsewhere.
 * - `note-name-twin`: two files whose paths differ only by Unicode normalization (NFC `Café.md` and its NFD
 *   twin). Both are notes (`scanVault` gives the second its name as written), but links reach only one.
 * - `note-case-twin`: two files whose paths differ only by case (`A.md`, `a.md` on a case-sensitive file system);
 *   both are notes, a case-insensitive link reaches the first.
 * - `name-collision`: a front matter `title` or an alias that another note also answers to (its title, an alias
 *   or its file name), which makes links by that name ambiguous and shows two pages with one title.
 * Each is reported once, on the later file in vault order.
 */
import { basename } from "./resolve.ts";
import type { Diagnostic, GraphNote } from "./types.ts";

export function nameDiagnostics(notes: readonly Pick<GraphNote, "id" | "path" | "title" | "aliases">[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const warn = (path: string, code: string, message: string) =>
    diagnostics.push({ path, line: 1, column: 1, severity: "warning", code, message });

  const byPath = new Map<string, string[]>();
  for (const note of notes) {
    const key = note.path.normalize("NFC").toLowerCase();
    const list = byPath.get(key);
    if (list) list.push(note.path);
    else byPath.set(key, [note.path]);
  }
  for (const paths of byPath.values()) {
    if (paths.length < 2) continue;
    // The file links reach: the one spelled in NFC (links are NFC-normalized), else the first.
    const reached = paths.find((path) => path === path.normalize("NFC")) ?? (paths[0] as string);
    for (const path of paths) {
      if (path === reached) continue;
      if (path.normalize("NFC") === reached) {
        warn(
          path,
          "note-name-twin",
          `\`${printable(path)}\` and \`${reached}\` differ only by Unicode normalization; both are notes, but a link by this name reaches only \`${reached}\``,
        );
      } else {
        warn(
          path,
          "note-case-twin",
          `\`${printable(path)}\` and \`${reached}\` differ only by case; both are notes, but a link in another case reaches \`${reached}\``,
        );
      }
    }
  }

  type Claim = { path: string; id: string; how: "title" | "alias" | "file name" };
  const claims = new Map<string, Claim[]>();
  const claim = (name: string, entry: Claim) => {
    const key = name.normalize("NFC").trim().toLowerCase();
    if (!key) return;
    const list = claims.get(key);
    if (!list) claims.set(key, [entry]);
    else if (!list.some((other) => other.id === entry.id)) list.push(entry);
  };
  for (const note of notes) {
    claim(basename(note.id), { path: note.path, id: note.id, how: "file name" });
    if (note.title !== basename(note.id)) claim(note.title, { path: note.path, id: note.id, how: "title" });
    for (const alias of note.aliases) claim(alias, { path: note.path, id: note.id, how: "alias" });
  }
  for (const [, list] of claims) {
    if (list.length < 2 || list.every((entry) => entry.how === "file name")) continue;
    // Reported on a note that chose the name (a title or an alias), naming the other notes.
    const chooser = list.find((entry) => entry.how !== "file name") as Claim;
    const others = list.filter((entry) => entry !== chooser);
    const name = chooser.how === "title" ? notes.find((n) => n.id === chooser.id)?.title : undefined;
    warn(
      chooser.path,
      "name-collision",
      `The ${chooser.how} ${name !== undefined ? `\`${name}\` ` : ""}of \`${chooser.path}\` is also the ${others.map((o) => `${o.how} of \`${o.path}\``).join(", ")}; links by this name are ambiguous`,
    );
  }
  return diagnostics;
}

/** A path with its decomposed characters shown, so two twins read differently in a message. */
function printable(path: string): string {
  return path === path.normalize("NFC") ? path : `${path.normalize("NFC")} (NFD)`;
}
