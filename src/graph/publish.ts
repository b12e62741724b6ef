/**
 * Whether a note is published (DIALECT §1, README "Publishing"), failing closed: a note whose front matter could
 * not be read is published only in `publish: all` mode and only when no publish word (`dg-publish`, `publish`,
 * `draft`, `published`, `private`, `hide`, `hidden`) appears anywhere in the raw block. The diagnostic says which
 * case applied.
 */
import { readFlag } from "../../plugins/frontmatter.ts";
import type { FrontmatterProblem } from "../../plugins/types.d.ts";
import type { Diagnostic } from "./types.ts";

export type PublishMode = "all" | "dg";

/**
 * DG's `dg-publish`, `draft: true` and `publish: false`. A flag that is not a YAML boolean is read with
 * `readFlag`: `"false"` is false, `"true"` is true, anything unclear (`maybe`, an empty value) keeps the note out.
 */
export function isPublished(frontmatter: Record<string, unknown>, mode: PublishMode): boolean {
  const flag = (key: string) => (key in frontmatter ? readFlag(frontmatter[key]).value : null);
  const draft = flag("draft");
  const publish = flag("publish");
  const dg = flag("dg-publish");
  // `undefined` is a present but unclear value: not published.
  if (
    draft === true ||
    draft === undefined ||
    publish === false ||
    publish === undefined ||
    dg === false ||
    dg === undefined
  )
    return false;
  if (mode === "dg") return dg === true;
  return true;
}

/** The publish decision for a note, with a diagnostic when its front matter could not be read. */
export function publishDecision(
  note: { path: string; frontmatter: Record<string, unknown>; frontmatterProblem?: FrontmatterProblem },
  mode: PublishMode,
): { published: boolean; diagnostic?: Diagnostic } {
  const problem = note.frontmatterProblem;
  if (!problem) return { published: isPublished(note.frontmatter, mode) };
  let published: boolean;
  let why: string;
  if (mode === "dg") {
    published = false;
    why = "the vault publishes only notes with `dg-publish: true`, which cannot be read here";
  } else if (problem.publishWord !== undefined) {
    published = false;
    why = `the block mentions \`${problem.publishWord}\` (line ${problem.publishLine}), so it may hold a publish decision`;
  } else {
    published = true;
    why = "the vault publishes every note (`publish: all`) and the block holds no publish key";
  }
  return {
    published,
    diagnostic: {
      path: note.path,
      line: 1,
      column: 1,
      severity: published ? "warning" : "error",
      code: published ? "frontmatter-unreadable-published" : "frontmatter-unreadable-unpublished",
      message: `${problem.reason}: the note is ${published ? "published" : "NOT published"} because ${why}; fix the front matter to decide`,
    },
  };
}
