/**
 * `%%comment%%` (DIALECT §9): inline and block comments are removed; never inside code; what is in a comment
 * never reaches the graph; an unclosed `%%` hides the rest of the note (as in Obsidian) with a warning.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toString as textOf } from "mdast-util-to-string";
import { formatMessages, processNote, renderFixture, runFixtures } from "../helpers/fixtures.ts";

runFixtures("obsidian-comment", { html: true });

function visible(source: string): string {
  return textOf(processNote(source).tree);
}

test("inline comments go, text around them stays", () => {
  assert.equal(visible("甲%%乙%%丙"), "甲丙");
  assert.equal(visible("甲%% 乙 %%丙%%丁%%戊"), "甲丙戊");
  // A pair on two lines of one paragraph stays text (see syntax.ts: micromark cannot drop that line ending).
  assert.equal(visible("甲%%乙\n丙%%丁"), "甲%%乙\n丙%%丁");
});

test("block comments span blank lines and interrupt a paragraph", () => {
  assert.equal(visible("前\n%%\n注\n\n释\n%%\n后"), "前后");
  assert.equal(visible("%%开头\n\n结尾%%\n\n后"), "后");
});

test("never inside code", () => {
  assert.equal(visible("`%%a%%`"), "%%a%%");
  assert.equal(visible("```\n%%\na\n%%\n```"), "%%\na\n%%");
});

test("an unclosed %% hides the rest of the note and warns where it starts", () => {
  const { tree, file } = processNote("一\n\n二 %%三\n\n四\n\n- 五");
  assert.equal(textOf(tree), "一二 ");
  assert.deepEqual(formatMessages(file), ["3:3 warning comment-unclosed"]);
  const block = processNote("一\n\n%%\n二\n\n三");
  assert.equal(textOf(block.tree), "一");
  assert.deepEqual(formatMessages(block.file), ["3:1 warning comment-unclosed"]);
});

test("three signs and a lone % are text", () => {
  assert.equal(visible("50% 和 %%%"), "50% 和 %%%");
});

test("no %% reaches the page", () => {
  assert.doesNotMatch(renderFixture("a %%b%% c\n\n%%\nd\n%%\n\ne"), /%%|b|d/);
});
