/**
 * A question page's breadcrumbs: every path from a root question down to it (at most `maxTrails`), root first, the
 * question itself left out; unpublished parents are not on any path. Paths follow the parents in their order, so the
 * first trail is the one through each question's first parent.
 */
import type { GraphQuestion } from "../graph/types.ts";

export const maxTrails = 6;

/** Thrown (one object, no stack taken) when a climb comes back to a question it is above. */
const cycleFound = new Error("a cycle in the question hierarchy");

/**
 * Trails for every question of `questions`, sharing the work: in a question hierarchy without cycles a question's
 * trails are its parents' trails, each extended by that parent, so each question's are found once (a search per
 * question went up the same ancestors again for every descendant: most of assembling a 1,000-card site). A question
 * with a cycle above it is searched on its own, never passing a question twice.
 */
export function breadcrumbTrails(questions: ReadonlyMap<string, GraphQuestion>, urlOf: (id: string) => string | undefined): (q: GraphQuestion) => string[][] {
  const shownParents = (id: string) => (questions.get(id)?.parents ?? []).filter((parent) => urlOf(parent));
  const above = new Map<string, string[][]>();
  const climbing = new Set<string>();
  const trailsTo = (id: string): string[][] => {
    const known = above.get(id);
    if (known) return known;
    if (climbing.has(id)) throw cycleFound;
    climbing.add(id);
    try {
      const parents = shownParents(id);
      const trails: string[][] = [];
      if (parents.length === 0) trails.push([]);
      for (const parent of parents) {
        for (const trail of trailsTo(parent)) {
          if (trails.length >= maxTrails) break;
          trails.push([...trail, parent]);
        }
        if (trails.length >= maxTrails) break;
      }
      above.set(id, trails);
      return trails;
    } finally {
      climbing.delete(id);
    }
  };
  return (q) => {
    try {
      return trailsTo(q.id).filter((trail) => trail.length > 0);
    } catch (error) {
      if (error === cycleFound) return searchedTrails(q.id, shownParents);
      throw error;
    }
  };
}

/** The trails to `start` by a depth-first search that never passes a question twice on one path (cycle-safe). */
export function searchedTrails(start: string, shownParents: (id: string) => string[]): string[][] {
  const paths: string[][] = [];
  const climb = (id: string, below: string[], seen: Set<string>) => {
    if (paths.length >= maxTrails) return;
    const parents = shownParents(id).filter((parent) => !seen.has(parent));
    if (parents.length === 0) {
      if (below.length) paths.push([...below].reverse());
      return;
    }
    // One path (nearest first) and one set, extended and restored: copying them per step was quadratic in depth.
    for (const parent of parents) {
      below.push(parent);
      seen.add(parent);
      climb(parent, below, seen);
      seen.delete(parent);
      below.pop();
    }
  };
  climb(start, [], new Set([start]));
  return paths;
}

/**
 * Trails kept between assemblies (`wenda dev`): they depend only on each shown question's shown parents, so while
 * those are the same (most edits) every question keeps its trails.
 */
export class TrailsMemo {
  #signature = "";
  #trails = new Map<string, string[][]>();

  trailsFor(questions: ReadonlyMap<string, GraphQuestion>, urlOf: (id: string) => string | undefined): (q: GraphQuestion) => string[][] {
    const parts: string[] = [];
    for (const q of questions.values()) if (urlOf(q.id)) parts.push(`${q.id}\u0001${q.parents.filter((parent) => urlOf(parent)).join("\u0001")}`);
    const signature = parts.join("\u0000");
    if (signature !== this.#signature) {
      this.#signature = signature;
      this.#trails = new Map();
    }
    const trails = this.#trails;
    const compute = breadcrumbTrails(questions, urlOf);
    return (q) => {
      const known = trails.get(q.id);
      if (known) return known;
      const found = compute(q);
      trails.set(q.id, found);
      return found;
    };
  }
}
