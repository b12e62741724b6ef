/**
 * Near-duplicate questions. Cards written over months spell one question several ways (`？Dubbo的优缺点`,
 * `？ Dubbo 的 优缺点`, `？dubbo 的优缺点`, full-width `？ＤＵＢＢＯ`): they are one question. Titles that differ only
 * in white space, case or full-/half-width forms merge into one node, the one with a page if any, else the one
 * first seen in vault order; every merge is reported so `wenda check` says what was joined. Two questions that both
 * have a page are never merged (each page is the author's own), only reported.
 */
import type { Diagnostic } from "./types.ts";

const basename = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/** What makes two question titles the same question: NFKC, lower case, no white space, no leading marker. */
export function questionKey(title: string, prefix = "？"): string {
  const plain = title.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  const marker = prefix.normalize("NFKC").toLowerCase();
  return plain.startsWith(marker) ? plain.slice(marker.length) : plain;
}

/**
 * A question's title as shown: the marker kept, the white space after it dropped and runs of spaces collapsed
 * (`？ RabbitMq 的 高可用 实现` → `？RabbitMq 的 高可用 实现`), so titles line up. Spaces inside stay the author's.
 */
export function displayQuestionTitle(title: string, prefix = "？"): string {
  const trimmed = title.trim().replace(/\s+/g, " ");
  return trimmed.startsWith(prefix) ? `${prefix}${trimmed.slice(prefix.length).trimStart()}` : trimmed;
}

export interface QuestionCandidate {
  id: string;
  hasPage: boolean;
  /** Where it was first seen, for the report. */
  path: string;
  line: number;
}

export interface QuestionMerges {
  /** Each merged spelling's id → the id it joins. */
  into: Map<string, string>;
  /** `questionKey` → the question every spelling with that key joins (only keys that merged something). */
  byKey: Record<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Group `candidates` (in vault order) by `questionKey`; an info diagnostic per merge (a warning when two pages
 * collide and stay apart).
 */
export function mergeSimilarQuestions(candidates: readonly QuestionCandidate[], prefix = "？"): QuestionMerges {
  const groups = new Map<string, QuestionCandidate[]>();
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.id)) continue;
    seen.add(candidate.id);
    const key = questionKey(basename(candidate.id), prefix);
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  const into = new Map<string, string>();
  const byKey: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const pages = group.filter((candidate) => candidate.hasPage);
    const canonical = (pages[0] ?? group[0]) as QuestionCandidate;
    for (const other of group) {
      if (other === canonical) continue;
      if (other.hasPage) {
        diagnostics.push({
          path: other.path,
          line: other.line,
          column: 1,
          severity: "warning",
          code: "question-near-duplicate",
          message: `Question \`${basename(other.id)}\` differs from \`${basename(canonical.id)}\` only in spaces, case or character width, and both have a page; they stay separate`,
        });
        continue;
      }
      into.set(other.id, canonical.id);
      byKey[key] = canonical.id;
      diagnostics.push({
        path: other.path,
        line: other.line,
        column: 1,
        severity: "info",
        code: "question-merged",
        message: `Question \`${basename(other.id)}\` is merged into \`${basename(canonical.id)}\` (they differ only in spaces, case or character width)`,
      });
    }
  }
  return { into, byKey, diagnostics };
}
