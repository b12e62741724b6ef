/**
 * Math (DIALECT §9): `$…$` with Obsidian's rules, `$$…$$` blocks and inline display math, rendered at parse time
 * with KaTeX; a bad formula warns and shows its source; never in code.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { showsMath } from "../../src/render/handlers/math.ts";
import { formatMessages, processNote, renderFixture, runFixtures } from "../helpers/fixtures.ts";

runFixtures("math", { html: true });

function formulas(source: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "inlineMath" || node.type === "math") found.push(node.value);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("Obsidian's dollar rules", () => {
  assert.deepEqual(formulas("$5 and $6"), []);
  assert.deepEqual(formulas("$ x$ 和 $x $"), []);
  assert.deepEqual(formulas("$a$5"), []);
  assert.deepEqual(formulas("\\$a\\$"), []);
  assert.deepEqual(formulas("$a$ 和 $a $b$"), ["a", "a $b"]);
  assert.deepEqual(formulas("$$ x $$"), ["x"]);
  assert.deepEqual(formulas("中文$x$中文"), ["x"]);
  assert.deepEqual(formulas("$\\$ 5$"), ["\\$ 5"]);
});

test("KaTeX markup at build time; display for blocks and inline $$", () => {
  const html = renderFixture("$x^2$\n\n$$\ny\n$$\n\n行内 $$z$$");
  assert.match(html, /^<p><span class="math math-inline"><span class="katex"><span class="katex-mathml"><math/);
  assert.match(html, /<div class="math math-display"><span class="katex-display">/);
  assert.match(html, /<span class="math math-display"><span class="katex-display">/);
  assert.ok(showsMath(html));
  assert.ok(!showsMath(renderFixture("没有公式 $5 和 $6")));
});

test("a bad formula is a warning and shows its source", () => {
  const { file } = processNote("坏 $\\frac{1}{$ 公式");
  assert.deepEqual(formatMessages(file), ["1:3 warning math-invalid"]);
  assert.match(String(file.messages[0]?.reason), /\\frac\{1\}\{/);
  assert.match(
    renderFixture("坏 $\\frac{1}{$ 公式"),
    /<span class="katex-error" title="[^"]+" style="color:#cc0000">\\frac\{1\}\{<\/span>/,
  );
});

test("raw HTML cannot smuggle markup through a math placeholder", () => {
  const html = renderFixture('<span class="math math-inline"><img src=x onerror=alert(1)></span> 和 $x$');
  assert.doesNotMatch(html, /onerror/);
});
