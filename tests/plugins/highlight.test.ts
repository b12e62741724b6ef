/**
 * `==highlight==` (DIALECT §9): a micromark construct with strikethrough's flanking rules; never in code; inside
 * words as in Obsidian; rendered as `<mark>`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { toHtml } from "hast-util-to-html";
import { toHast } from "mdast-util-to-hast";
import { toString as textOf } from "mdast-util-to-string";
import { highlight } from "../../src/render/handlers/highlight.ts";
import { processNote, renderFixture, runFixtures } from "../helpers/fixtures.ts";

runFixtures("highlight", { html: true });

function highlights(source: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "highlight") found.push(textOf(node));
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("pairs, CJK without spaces, inside words", () => {
  assert.deepEqual(highlights("这是==重点==内容"), ["重点"]);
  assert.deepEqual(highlights("a==b==c ==x== ==y=="), ["b", "x", "y"]);
  assert.deepEqual(highlights("，==重点==。"), ["重点"]);
});

test("not highlights: spaced, three signs, escaped, unclosed, code", () => {
  for (const source of ["a == b", "== x ==", "==x ==", "=== x ===", "\\==x==", "==x", "`==x==`", "```\n==x==\n```"]) {
    assert.deepEqual(highlights(source), [], source);
  }
});

test("rendered as <mark>, with a colour class when one is set", () => {
  assert.equal(renderFixture("这是==重点=="), "<p>这是<mark>重点</mark></p>");
  assert.doesNotMatch(renderFixture("`==x==`"), /<mark>/);
  const colored = toHast(
    { type: "highlight", color: "red", children: [{ type: "text", value: "红" }] },
    { handlers: { highlight } },
  );
  assert.equal(toHtml(colored), '<mark class="highlight-red">红</mark>');
});
