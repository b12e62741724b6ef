/**
 * GFM footnotes and tables through our render: references link to definitions and back, ids stay readable for
 * CJK labels, labels are in the site's language; tables keep their alignment and scroll inside a wrapper.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderMarkdown } from "../helpers/render.ts";

const note =
  "消息可靠性[^1]，以及幂等[^幂等]，再引一次[^1]。\n\n[^1]: 见 [[RabbitMQ]] 文档。\n[^幂等]: 同一消息处理多次，结果不变。\n";

test("footnote references and definitions link both ways, with readable ids", () => {
  const { html } = renderMarkdown(note);
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids, [
    "fnref-1",
    "fnref-幂等",
    "fnref-1-2",
    "footnote-label",
    "fn-1",
    "fn-幂等",
  ]);
  assert.equal(new Set(ids).size, ids.length, "no id twice");
  // Every href points at an id on the page (browsers decode a percent-encoded fragment to match).
  for (const [, href] of html.matchAll(/href="#([^"]+)"/g))
    assert.ok(ids.includes(decodeURIComponent(href as string)), href);
  assert.match(
    html,
    /<a href="#fn-%E5%B9%82%E7%AD%89" id="fnref-幂等" data-footnote-ref aria-describedby="footnote-label">2<\/a>/,
  );
  assert.match(
    html,
    /<a href="#fnref-1-2" data-footnote-backref="" aria-label="返回引用 1-2" class="data-footnote-backref">↩<sup>2<\/sup><\/a>/,
  );
  assert.match(html, /<h2 class="sr-only" id="footnote-label">脚注<\/h2>/);
  assert.match(html, /<span class="unresolved"[^>]*>RabbitMQ<\/span>/, "our handlers run inside definitions");
});

test("footnote labels follow the UI language", () => {
  const { html } = renderMarkdown(note, { lang: "en" });
  assert.match(html, /id="footnote-label">Footnotes</);
  assert.match(html, /aria-label="Back to reference 2"/);
});

test("tables keep header, body and GFM alignment, in a focusable scroll wrapper", () => {
  const { html } = renderMarkdown(
    "| 中间件 | 吞吐量 | 说明 |\n| :-- | --: | :-: |\n| Kafka | 10万 | [[？Kafka 为什么快]] |\n| RabbitMQ | 1万 | 低延迟 |\n",
  );
  assert.match(
    html,
    /^<div class="table-wrap" tabindex="0"><table>\n<thead>\n<tr>\n<th align="left">中间件<\/th>\n<th align="right">吞吐量<\/th>\n<th align="center">说明<\/th>/,
  );
  assert.match(
    html,
    /<tbody>\n<tr>\n<td align="left">Kafka<\/td>\n<td align="right">10万<\/td>\n<td align="center"><span class="unresolved"/,
  );
  assert.match(html, /<\/table><\/div>$/);
});
