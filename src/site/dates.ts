/**
 * When each note was last updated (and, when known, created): the sitemap's `<lastmod>`, the feed's order and a
 * page's "last updated". Front matter first (`updated`, `dg-updated`, …, then `created`, `date`, `dg-created`, a
 * Logseq journal's day), else the date of the last git commit that touched the file when the vault is a git
 * repository (one `git log` for the whole vault), else the file's modification time.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** An ISO 8601 day (`2024-01-31`) or an RFC 3339 date-time with its offset. */
export type IsoDate = string;

export interface NoteDates {
  updated: IsoDate;
  created?: IsoDate;
  /** Where `updated` came from. */
  source: "frontmatter" | "journal" | "git" | "mtime";
}

/** What this module reads of a note. */
export interface DatedNote {
  id: string;
  /** Vault-relative path with `.md`. */
  path: string;
  frontmatter: Record<string, unknown>;
  journal?: string;
}

const updatedKeys = ["updated", "dg-updated", "modified", "last-modified", "lastmod", "updated-at"];
const createdKeys = ["created", "date", "dg-created", "created-at"];

/**
 * Dates of `notes`, by note id; a note whose file cannot be read and has no date is left out. `commitDates` gives
 * the vault's git dates (`gitDates`), asked for only when a note has no date of its own (`wenda dev` keeps them).
 */
export function noteDates(notes: readonly DatedNote[], vault: string, commitDates: () => ReadonlyMap<string, IsoDate> = () => gitDates(vault)): Map<string, NoteDates> {
  const dates = new Map<string, NoteDates>();
  let commits: ReadonlyMap<string, IsoDate> | undefined;
  for (const note of notes) {
    const updated = firstDate(note.frontmatter, updatedKeys);
    const written = firstDate(note.frontmatter, createdKeys);
    const created = written ?? (note.journal ? parseDate(note.journal) : undefined);
    const stated = updated ?? created;
    if (stated) {
      dates.set(note.id, { updated: stated, ...(created ? { created } : {}), source: updated || written ? "frontmatter" : "journal" });
      continue;
    }
    commits ??= commitDates();
    const committed = commits.get(note.path.normalize("NFC"));
    if (committed) {
      dates.set(note.id, { updated: committed, source: "git" });
      continue;
    }
    try {
      dates.set(note.id, { updated: fs.statSync(path.join(vault, note.path)).mtime.toISOString(), source: "mtime" });
    } catch {
      // A note without a readable file (a test's in-memory graph) has no date.
    }
  }
  return dates;
}

function firstDate(frontmatter: Record<string, unknown>, keys: readonly string[]): IsoDate | undefined {
  for (const key of keys) {
    const date = parseDate(frontmatter[key]);
    if (date) return date;
  }
  return undefined;
}

/**
 * A front-matter date as ISO: `2024-01-31`, `2024/1/31`, `2024-01-31 08:30`, `2024-01-31T08:30:00+08:00`, a YAML
 * timestamp read as a `Date`, a Logseq `[[Jan 31st, 2024]]` is not (it names a page). Anything else: undefined.
 */
export function parseDate(value: unknown): IsoDate | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const day = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const iso = `${String(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const check = new Date(`${iso}T00:00:00Z`);
    return check.getUTCMonth() + 1 === m && check.getUTCDate() === d ? iso : undefined;
  }
  const time = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!time) return undefined;
  const zone = time[4] ? (time[4].toUpperCase() === "Z" ? "Z" : time[4].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "";
  const iso = `${time[1]}T${time[2]}${time[3] ?? ":00"}${zone}`;
  if (Number.isNaN(Date.parse(iso))) return undefined;
  // Without an offset the time is the author's local time, which the site cannot know: keep the day only.
  return zone ? iso : time[1];
}

/** A date as RFC 3339 (the feed's format): a bare day is midnight UTC. */
export function toDateTime(date: IsoDate): string {
  return date.length === 10 ? `${date}T00:00:00Z` : date;
}

/** The day a reader sees (`2024-01-31`), in the date's own offset. */
export function dayOf(date: IsoDate): string {
  return date.slice(0, 10);
}

/** Newest first. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Date.parse(toDateTime(b)) - Date.parse(toDateTime(a));
}

/**
 * Vault-relative path → committer date of the newest commit that touched it, from one `git log` over the vault.
 * Empty when git is missing or the vault is not in a repository.
 */
export function gitDates(vault: string): Map<string, IsoDate> {
  const dates = new Map<string, IsoDate>();
  let log: string;
  try {
    log = execFileSync("git", ["-c", "core.quotePath=false", "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "."], {
      cwd: vault,
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return dates;
  }
  let current: IsoDate | undefined;
  for (const line of log.split("\n")) {
    if (line.startsWith("\0")) current = line.slice(1).trim();
    else if (line && current) {
      const file = line.normalize("NFC");
      if (!dates.has(file)) dates.set(file, current);
    }
  }
  return dates;
}
