/**
 * Embeds and block references in the graph: Logseq `((uuid))` refs become links to the note that holds the block
 * (so they count in backlinks, as Logseq's linked references do), a ref to an id no note has is a diagnostic, and
 * embed cycles (a note embedding itself, A → B → A) are reported. Pure: facts in, links and diagnostics out.
 */
import { fragmentKey } from "../render/handlers/embed.ts";
import type { ParsedNote } from "./build.ts";
import type { Diagnostic, Graph, GraphLink } from "./types.ts";

/** Graph links for every block ref of `parsed`, and a warning for each id no note declares. */
export function blockRefLinks(parsed: readonly ParsedNote[]): { links: GraphLink[]; diagnostics: Diagnostic[] } {
  const owner = new Map<string, string>();
  for (const note of parsed) {
    for (const block of note.facts.blocks) {
      const key = block.id.toLowerCase();
      if (!owner.has(key)) owner.set(key, note.id);
    }
  }
  const links: GraphLink[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const note of parsed) {
    for (const ref of note.facts.blockRefs ?? []) {
      const to = owner.get(ref.id.toLowerCase());
      const link: GraphLink = { from: note.id, to: to ?? ref.id, line: ref.line, column: ref.column, resolved: to !== undefined, block: ref.id };
      if (ref.embed) link.embed = true;
      links.push(link);
      if (to === undefined) {
        diagnostics.push({
          path: note.path,
          line: ref.line,
          column: ref.column,
          severity: "warning",
          code: ref.embed ? "embed-block-missing" : "block-ref-missing",
          message: `Block \`((${ref.id}))\` is not defined by any note (no \`id:: ${ref.id}\` or \`^${ref.id}\`); it is shown as a missing block`,
        });
      }
    }
  }
  return { links, diagnostics };
}

/**
 * Embed cycles between whole notes and self-embeds. A heading or block embed of another note is left to the page
 * composer, which stops any cycle it meets; a whole-note cycle is reported once, at the embed that closes it.
 */
export function embedCycleDiagnostics(graph: Pick<Graph, "links" | "notes">): Diagnostic[] {
  const paths = new Map(graph.notes.map((note) => [note.id, note.path]));
  const edges = new Map<string, GraphLink[]>();
  const diagnostics: Diagnostic[] = [];
  for (const link of graph.links) {
    if (!link.embed || !link.resolved) continue;
    if (link.to === link.from && !link.heading && !link.block) {
      diagnostics.push(at(paths, link, "embed-self", `Note embeds itself; the embed is shown as a link`));
      continue;
    }
    if (link.heading || link.block) continue;
    const list = edges.get(link.from) ?? [];
    list.push(link);
    edges.set(link.from, list);
  }
  // Iterative depth-first search, so a long chain of embeds cannot overflow the stack.
  const state = new Map<string, "open" | "done">();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number; chain: string[] }[] = [{ id: start, next: 0, chain: [start] }];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as (typeof stack)[number];
      const out = edges.get(top.id) ?? [];
      if (top.next >= out.length) {
        state.set(top.id, "done");
        stack.pop();
        continue;
      }
      const link = out[top.next++] as GraphLink;
      const seen = state.get(link.to);
      if (seen === "open") {
        const cycle = [...top.chain.slice(top.chain.indexOf(link.to)), link.to];
        diagnostics.push(at(paths, link, "embed-cycle", `Embed cycle: ${cycle.map((id) => `\`${id}\``).join(" → ")}; the repeated embed is shown as a notice`));
      } else if (seen === undefined) {
        state.set(link.to, "open");
        stack.push({ id: link.to, next: 0, chain: [...top.chain, link.to] });
      }
    }
  }
  return diagnostics;
}

function at(paths: Map<string, string>, link: GraphLink, code: string, message: string): Diagnostic {
  return { path: paths.get(link.from) ?? link.from, line: link.line, column: link.column, severity: "warning", code, message };
}

/** For each note, the fragment keys (`h:…`, `b:…`) that published embeds elsewhere ask it for. */
export function wantedFragments(graph: Pick<Graph, "links">, isPublished: (id: string) => boolean): Map<string, string[]> {
  const wanted = new Map<string, Set<string>>();
  for (const link of graph.links) {
    if (!link.embed || !link.resolved || !isPublished(link.to) || !isPublished(link.from)) continue;
    const key = fragmentKey(link);
    if (key === "") continue;
    const set = wanted.get(link.to) ?? new Set<string>();
    set.add(key);
    wanted.set(link.to, set);
  }
  return new Map([...wanted].map(([id, keys]) => [id, [...keys]]));
}
