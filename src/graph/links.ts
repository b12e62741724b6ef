/**
 * The graph's links phase: every wiki link, embed and markdown link or image into the vault, resolved once
 * through the same `LinkResolver` the renderer uses, with the diagnostics a person can act on (ambiguous names,
 * missing attachments, headings and blocks that do not exist) and backlinks as an inverted index.
 */
import { isQuestionTarget } from "../../plugins/outline.ts";
import { UnresolvedLinks } from "./checks.ts";
import type { NoteFacts } from "./extract.ts";
import { questionKey } from "./question-merge.ts";
import { basename, LinkResolver, type ResolverData } from "./resolve.ts";
import type { Diagnostic, Graph, GraphLink } from "./types.ts";

/** What the links phase reads of a parsed note. */
export interface LinkSource {
  id: string;
  path: string;
  facts: Pick<NoteFacts, "links">;
}

/**
 * The resolver snapshot of a vault. `questions` are found by a first pass: link targets naming a question with a
 * folder (`库/？X`) that has no file, in link order (the first one wins a bare `[[？X]]`).
 */
export function resolverDataFor(notes: readonly LinkSource[], base: Omit<ResolverData, "questions">): ResolverData {
  const first = new LinkResolver({ ...base, questions: [] });
  const questions: string[] = [];
  for (const note of notes) {
    for (const link of note.facts.links) {
      const resolution = first.resolve(link, note.id);
      if (resolution.kind === "question" && resolution.id.includes("/")) questions.push(resolution.id);
    }
  }
  return { ...base, questions };
}

/**
 * The same snapshot, rebuilt from a finished graph (the renderer has the graph, not the parsed notes). Pageless
 * questions are the unresolved links that name a question with a folder, in link order: the same list as the
 * first pass above, because a link resolved to a pageless question keeps that question's id as `to`.
 */
export function resolverDataOf(
  graph: Pick<Graph, "notes" | "blocks" | "links" | "attachments" | "questions">,
  questionPrefix: string,
): ResolverData {
  const headings: ResolverData["headings"] = {};
  for (const note of graph.notes) if (note.headings.length) headings[note.id] = note.headings;
  const mergedQuestions: Record<string, string> = {};
  for (const question of graph.questions) {
    if (question.merged?.length) mergedQuestions[questionKey(basename(question.id), questionPrefix)] = question.id;
  }
  return {
    mergedQuestions,
    notes: graph.notes.map((note) => ({ id: note.id, aliases: note.aliases })),
    attachments: graph.attachments,
    headings,
    blocks: blocksByNote(graph.blocks),
    questions: graph.links
      .filter(
        (link) =>
          !link.resolved && !link.attachment && link.to.includes("/") && isQuestionTarget(link.to, questionPrefix),
      )
      .map((link) => link.to),
    questionPrefix,
  };
}

/** Note id → its block ids, as `ResolverData.blocks` wants them. */
export function blocksByNote(blocks: readonly { id: string; note: string }[]): Record<string, string[]> {
  const byNote: Record<string, string[]> = {};
  for (const block of blocks) {
    const list = byNote[block.note];
    if (list) list.push(block.id);
    else byNote[block.note] = [block.id];
  }
  return byNote;
}

export interface ResolvedLinks {
  links: GraphLink[];
  /** Note id → ids of the notes linking to it. */
  backlinks: Map<string, Set<string>>;
  diagnostics: Diagnostic[];
}

export function resolveLinks(notes: readonly LinkSource[], resolver: LinkResolver): ResolvedLinks {
  const links: GraphLink[] = [];
  const backlinks = new Map<string, Set<string>>();
  const diagnostics: Diagnostic[] = [];
  const unresolved = new UnresolvedLinks();
  for (const note of notes) {
    for (const link of note.facts.links) {
      const resolution = resolver.resolve(link, note.id);
      const at = { path: note.path, line: link.line, column: link.column };
      const written = spelling(link);
      const entry: GraphLink = {
        from: note.id,
        to: resolution.id,
        line: link.line,
        column: link.column,
        resolved: false,
      };
      if ("ambiguous" in resolution && resolution.ambiguous) {
        diagnostics.push({
          ...at,
          severity: "warning",
          code: "link-ambiguous",
          message: `Link \`${written}\` matches several ${resolution.kind === "attachment" ? "files" : "notes"}; using \`${resolution.id}\` (also: ${resolution.ambiguous.join(", ")})`,
        });
      }
      switch (resolution.kind) {
        case "note":
          entry.resolved = true;
          if (resolution.missing) {
            const what = resolution.missing === "block" ? `block \`^${link.block}\`` : `heading \`${link.heading}\``;
            diagnostics.push({
              ...at,
              severity: "warning",
              code: `${resolution.missing}-missing`,
              message: `Link \`${written}\`: \`${resolution.id}\` has no ${what}; the link goes to the note`,
            });
          }
          break;
        case "attachment":
          entry.resolved = true;
          entry.attachment = true;
          break;
        case "question":
          // A question without a page is normal: it exists because it is linked.
          break;
        case "missing":
          if (resolution.attachment) {
            entry.attachment = true;
            diagnostics.push({
              ...at,
              severity: "warning",
              code: "attachment-missing",
              message: `Link \`${written}\` names a file that is not in the vault; a placeholder is shown`,
            });
          } else {
            // Obsidian allows links to notes not written yet; worth knowing, not a problem. One diagnostic per
            // missing target, with a count (5,000 links to one missing note are one problem).
            unresolved.add(resolution.id, link.target, note.path, link.line, link.column);
          }
          break;
      }
      if (link.markdown) entry.markdown = true;
      if (link.embed) entry.embed = true;
      if (link.heading) entry.heading = link.heading;
      if (link.block) entry.block = link.block;
      links.push(entry);
      if (resolution.kind !== "attachment" && resolution.id !== note.id) {
        const from = backlinks.get(resolution.id);
        if (from) from.add(note.id);
        else backlinks.set(resolution.id, new Set([note.id]));
      }
    }
  }
  diagnostics.push(...unresolved.diagnostics());
  return { links, backlinks, diagnostics };
}

/** The link as its author wrote it, for messages. */
function spelling(link: NoteFacts["links"][number]): string {
  const fragment = link.block ? `#^${link.block}` : link.heading ? `#${link.heading}` : "";
  if (link.markdown) return `${link.embed ? "!" : ""}[…](${link.target}${fragment})`;
  return `${link.embed ? "!" : ""}[[${link.target}${fragment}]]`;
}
