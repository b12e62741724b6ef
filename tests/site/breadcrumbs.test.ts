/**
 * Breadcrumb trails shared between questions (src/site/breadcrumbs.ts) must be the trails a search from each
 * question alone finds: same paths, same order, at most six, cycles and unpublished parents included.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GraphQuestion } from "../../src/graph/types.ts";
import { breadcrumbTrails, maxTrails, searchedTrails } from "../../src/site/breadcrumbs.ts";

function question(id: string, parents: string[]): GraphQuestion {
  return { id, title: id, url: `/q/${id}/`, hasPage: false, published: true, parents, children: [], cards: [], tags: [], timestamps: [], comments: [], occurrences: [], backlinks: [] };
}

/** A seeded random hierarchy of `size` questions; `back` adds edges from a question up to a later one (cycles). */
function hierarchy(seed: number, size: number, back: number): Map<string, GraphQuestion> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const questions = new Map<string, GraphQuestion>();
  for (let i = 0; i < size; i++) {
    const parents = new Set<string>();
    const count = Math.floor(random() * 4);
    for (let k = 0; k < count && i > 0; k++) parents.add(`q${Math.floor(random() * i)}`);
    if (random() < back) parents.add(`q${Math.min(size - 1, i + 1 + Math.floor(random() * 5))}`);
    parents.delete(`q${i}`);
    questions.set(`q${i}`, question(`q${i}`, [...parents]));
  }
  return questions;
}

test("shared trails equal a search from each question, with and without cycles", () => {
  for (const [seed, back] of [[1, 0], [2, 0], [3, 0.05], [4, 0.2], [5, 0.5]] as const) {
    const questions = hierarchy(seed, 300, back);
    const hidden = new Set(["q7", "q40"]);
    const urlOf = (id: string) => (hidden.has(id) ? undefined : questions.get(id)?.url);
    const trailsOf = breadcrumbTrails(questions, urlOf);
    const shownParents = (id: string) => (questions.get(id)?.parents ?? []).filter((parent) => urlOf(parent));
    let nonEmpty = 0;
    for (const q of questions.values()) {
      const trails = trailsOf(q);
      assert.deepEqual(trails, searchedTrails(q.id, shownParents), `seed ${seed}: trails of ${q.id}`);
      assert.ok(trails.length <= maxTrails);
      for (const trail of trails) assert.ok(!trail.includes("q7") && !trail.includes("q40"), "an unpublished parent is on no trail");
      if (trails.length) nonEmpty++;
    }
    assert.ok(nonEmpty > 200, `seed ${seed}: most questions have trails (${nonEmpty})`);
  }
});

test("a question in a cycle: the cycle is cut where it would come back, root first", () => {
  // 根 ← 甲 ← 乙 ← 丙, and 甲 also under 丙: a cycle 甲 → 丙 → 乙 → 甲.
  const questions = new Map([
    ["根", question("根", [])],
    ["甲", question("甲", ["根", "丙"])],
    ["乙", question("乙", ["甲"])],
    ["丙", question("丙", ["乙"])],
  ]);
  const trailsOf = breadcrumbTrails(questions, (id) => questions.get(id)?.url);
  assert.deepEqual(trailsOf(questions.get("丙") as GraphQuestion), [["根", "甲", "乙"]]);
  // From 甲 up through 丙 and 乙 the next parent is 甲 again: the trail starts at 乙.
  assert.deepEqual(trailsOf(questions.get("甲") as GraphQuestion), [["根"], ["乙", "丙"]]);
  assert.deepEqual(trailsOf(questions.get("根") as GraphQuestion), []);
});
