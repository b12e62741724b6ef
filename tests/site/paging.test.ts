/**
 * Long lists come in pages: a tag used by hundreds of notes and the vault's comments list are split, page 1 at the
 * list's own URL and page k at `~k/`, each page holding at most `pageSize` items, comments grouped by card.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { pageSize, paginateGroups } from "../../src/site/paging.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

const comment = (text: string) => `<label class="ob-comment" title="" style=""> ${text} <input type="checkbox"> <span style=""> Comment </span></label>`;

test("a tag used by 450 notes has three pages; the comments list pages by card", () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 450; i++) files[`卡片/卡片${String(i).padStart(3, "0")}.md`] = `* [[？问题${i % 7}]]\n\t* 内容 #Redis/持久化 ${comment(`意见${i}`)}\n`;
  const vault = makeVault(files);
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const model = buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
  const redis = model.tags.filter((tag) => tag.name === "Redis");
  assert.deepEqual(redis.map((tag) => tag.url), ["/tags/Redis/", "/tags/Redis/~2/", "/tags/Redis/~3/"]);
  assert.deepEqual(redis.map((tag) => tag.notes.length), [200, 200, 50]);
  assert.ok(redis.every((tag) => tag.totals.notes === 450 && tag.paging.pages === 3));
  assert.equal(new Set(redis.flatMap((tag) => tag.notes.map((note) => note.url))).size, 450, "each note on exactly one page");
  assert.equal(model.tagTree.filter((tag) => tag.title === "Redis").length, 1, "the tag index lists a tag once");
  assert.deepEqual(model.commentPages.map((page) => page.url), ["/comments/", "/comments/~2/", "/comments/~3/"]);
  const counts = model.commentPages.map((page) => page.groups.reduce((n, group) => n + group.comments.length, 0));
  assert.deepEqual(counts, [200, 200, 50]);
  assert.equal(model.stats.tags, 2);
});

test("groups stay whole when they fit; a group larger than a page fills the page it starts on and goes on", () => {
  const groups = [{ n: "a", items: [1, 2, 3] }, { n: "b", items: [4, 5] }, { n: "c", items: [6, 7, 8, 9, 10, 11, 12] }];
  const pages = paginateGroups(groups, (g) => g.items, (g, items) => ({ ...g, items }), 4);
  assert.deepEqual(pages.map((page) => page.map((g) => `${g.n}:${g.items.join(",")}`)), [["a:1,2,3"], ["b:4,5", "c:6,7"], ["c:8,9,10,11"], ["c:12"]]);
  assert.deepEqual(paginateGroups([], (g: { items: number[] }) => g.items, (g, items) => ({ ...g, items })), [[]]);
  assert.equal(pageSize, 200);
});
