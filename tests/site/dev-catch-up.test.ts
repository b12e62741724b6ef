// A tab that loaded during an update gets the change it missed, once, and never a reload loop
// (src/site/dev-catch-up.ts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { PageGenerations } from "../../src/site/dev-catch-up.ts";

const none = { urls: [], added: [], removed: [], all: false };

test("a page served before an update that changed it is told; one served after is not", () => {
  const generations = new PageGenerations();
  const servedBefore = generations.current;
  generations.record({ ...none, urls: ["/卡片/缓存/"] });
  const servedAfter = generations.current;
  assert.deepEqual(generations.missed("/卡片/缓存/", servedBefore), { ...none, urls: ["/卡片/缓存/"] });
  assert.equal(generations.missed("/卡片/缓存/", servedAfter), undefined, "after the reload: no second reload");
  assert.equal(generations.missed("/q/其他/", servedBefore), undefined, "another page did not change");
});

test("the last kind of change is what a tab is told: added, removed, or every page", () => {
  const generations = new PageGenerations();
  generations.record({ ...none, added: ["/卡片/新/"] });
  assert.deepEqual(generations.missed("/卡片/新/", 0), { ...none, added: ["/卡片/新/"] });
  generations.record({ ...none, removed: ["/卡片/新/"] });
  assert.deepEqual(generations.missed("/卡片/新/", 1), { ...none, removed: ["/卡片/新/"] });
  generations.record({ ...none, all: true });
  assert.deepEqual(generations.missed("/q/任何/", 2), { ...none, all: true });
  assert.equal(generations.missed("/q/任何/", 3), undefined);
});

test("a generation the server never served (a restarted server, a forged message) is ignored", () => {
  const generations = new PageGenerations();
  generations.record({ ...none, urls: ["/a/"] });
  assert.equal(generations.missed("/a/", 7), undefined);
  assert.equal(generations.missed("/a/", -1), undefined);
  assert.equal(generations.missed("/a/", Number.NaN), undefined);
});
