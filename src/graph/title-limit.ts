/**
 * Note-controlled names (issue 7 point 6): titles are shown in `<title>`, `<h1>`, links, search results and become
 * question URLs, so a title longer than `maxTitleLength` is cut (with `…`) and warned about; control characters
 * are removed. Tag names and permalinks are checked where they are read (`plugins/tag.ts`, `url.ts`).
 */
import type { Diagnostic } from "./types.ts";

/** Longest title shown, in code points. */
export const maxTitleLength = 200;

/** `title` without control characters, cut to `maxTitleLength`; `cut` says whether it was cut. */
export function limitTitle(title: string): { text: string; cut: boolean; length: number } {
  const clean = title.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
  const chars = [...clean];
  if (chars.length <= maxTitleLength) return { text: clean, cut: false, length: chars.length };
  return {
    text: `${chars
      .slice(0, maxTitleLength - 1)
      .join("")
      .trimEnd()}…`,
    cut: true,
    length: chars.length,
  };
}

/** The `title-too-long` warning for a title of `length` code points. */
export function titleTooLong(path: string, line: number, length: number, what: string): Diagnostic {
  return {
    path,
    line,
    column: 1,
    severity: "warning",
    code: "title-too-long",
    message: `${what} is ${length} characters long; it is cut to ${maxTitleLength} in the page title, heading, URL and search`,
  };
}
