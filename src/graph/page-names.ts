/**
 * Logseq page names from file names, as Logseq reads them (`:file/name-format`):
 * - `triple-lowbar`: `a___b.md` is the page `a/b`; other reserved characters are percent-encoded (`C%3F.md`).
 * - `legacy`: `a%2Fb.md` and `a.b.md` are both `a/b`; percent-encoded characters are decoded.
 * And journal file names (`2024_01_31.md`) as dates, titled per `:journal/page-title-format`.
 */
import { safeDecode } from "../../plugins/media/normalize.ts";
import type { LogseqGraph } from "./logseq-graph.ts";

/** The page name a Logseq file name (without folder and `.md`) spells. */
export function pageNameOf(fileName: string, format: LogseqGraph["fileNameFormat"]): string {
  if (format === "triple-lowbar") return decodePercent(fileName.replaceAll("___", "/"));
  // Legacy: a `%` means the name was url-encoded (`%2F` is the namespace separator); otherwise dots separate.
  if (/%[0-9a-f]{2}/i.test(fileName)) return decodePercent(fileName);
  return fileName.includes(".") ? fileName.replaceAll(".", "/") : fileName;
}

function decodePercent(name: string): string {
  return /%[0-9a-f]{2}/i.test(name) ? safeDecode(name) : name;
}

/** `2024_01_31` (Logseq's journal file names; `2024-01-31` too) → `2024-01-31`, or `undefined`. */
export function journalDateOf(fileName: string): string | undefined {
  const match = /^(\d{4})[_-](\d{1,2})[_-](\d{1,2})$/.exec(fileName);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * An ISO date (`2024-01-31`) in a Logseq (date-fns) title format. The tokens Logseq's presets use are
 * understood: `yyyy yy MMMM MMM MM M dd d do EEEE EEE E`; anything else is kept as written, and text in single
 * quotes is literal.
 */
export function formatJournalTitle(iso: string, format: string): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;
  const tokens: Record<string, () => string> = {
    yyyy: () => String(year),
    yy: () => String(year).slice(-2),
    MMMM: () => monthNames[month - 1] as string,
    MMM: () => (monthNames[month - 1] as string).slice(0, 3),
    MM: () => String(month).padStart(2, "0"),
    M: () => String(month),
    do: () => ordinal(day),
    dd: () => String(day).padStart(2, "0"),
    d: () => String(day),
    EEEE: () => dayNames[weekday] as string,
    EEE: () => (dayNames[weekday] as string).slice(0, 3),
    E: () => (dayNames[weekday] as string).slice(0, 3),
  };
  return format.replace(/'([^']*)'|yyyy|yy|MMMM|MMM|MM|M|do|dd|d|EEEE|EEE|E/g, (token, literal: string | undefined) =>
    literal !== undefined ? literal : (tokens[token]?.() ?? token),
  );
}
