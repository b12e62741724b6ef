/**
 * Callouts (DIALECT §9): `> [!type]± Title` blockquotes with Obsidian's types and aliases, fold signs, custom
 * types and titles, nesting; rendered as `<details>` when they fold.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { calloutKinds } from "../../plugins/callout.ts";
import type { Callout } from "../../plugins/types.d.ts";
import { processNote, renderFixture, runFixtures } from "../helpers/fixtures.ts";

runFixtures("callout", { html: true });

function callouts(source: string): Callout[] {
  const found: Callout[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "callout") found.push(node as Callout);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("every Obsidian type and alias maps to its kind, in any case", () => {
  for (const [written, kind] of Object.entries(calloutKinds)) {
    for (const spelled of [written, written.toUpperCase()]) {
      const [found] = callouts(`> [!${spelled}]\n> 正文`);
      assert.equal(found?.kind, kind, spelled);
      assert.equal(found?.written, written);
    }
  }
  assert.equal(Object.keys(calloutKinds).length, 27);
});

test("fold signs: + open, - closed, none does not fold", () => {
  assert.deepEqual(
    callouts("> [!tip]+ a\n\n> [!tip]- b\n\n> [!tip] c").map((c) => c.fold),
    ["open", "closed", undefined],
  );
});

test("a custom type is kept as written and styled as note", () => {
  const [found] = callouts("> [!面试题] 标题");
  assert.equal(found?.kind, "note");
  assert.equal(found?.written, "面试题");
});

test("not callouts: escaped, mid-line, unclosed bracket, code", () => {
  assert.equal(callouts("> \\[!tip] x\n\n> 引用 [!tip]\n\n> [!tip x\n\n```\n> [!tip]\n```\n\n> `[!tip]`").length, 0);
});

test("rendering: default titles are translated; folding is native details/summary", () => {
  const html = renderFixture("> [!hint]- \n> 正文");
  assert.match(html, /^<details class="callout callout-tip" data-callout="hint">/);
  assert.match(
    html,
    /<summary class="callout-title"><span class="callout-icon" aria-hidden="true"><\/span><span class="callout-title-inner">提示<\/span><\/summary>/,
  );
  assert.doesNotMatch(html, /\[!/);
  const open = renderFixture("> [!tip]+ 标题\n> 正文");
  assert.match(open, /^<details class="callout callout-tip" data-callout="tip" open>/);
  assert.match(
    renderFixture("> [!danger]"),
    /^<div class="callout callout-danger" data-callout="danger">\s*<div class="callout-title">.*危险<\/span><\/div>\s*<\/div>$/s,
  );
});

test("a raw-HTML script in a callout title is still sanitized", () => {
  const html = renderFixture('> [!tip] <img src=x onerror="alert(1)"> 标题\n> 正文');
  assert.doesNotMatch(html, /onerror/);
});
