/**
 * Code blocks: highlighted at build time by Shiki in both themes (CSS variables only), plain `<pre><code>` for
 * unknown or missing languages, Mermaid fences kept as diagram source for the site's bundle, a per-note cap,
 * and a sanitizer that lets exactly Shiki's variables through. The fixtures prove the other plugins leave code
 * alone (no tags, links, highlights, comments or task states inside it).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runFixtures } from "../helpers/fixtures.ts";
import { renderMarkdown } from "../helpers/render.ts";
import { hasDiagram, maxHighlightedBlocks, maxHighlightedChars } from "../../src/render/handlers/code.ts";
import { languageId } from "../../src/render/highlight.ts";

runFixtures("code");

const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\`\n`;

/** The token spans of highlighted HTML: `[text, light colour, dark colour]`. */
function tokens(html: string): [string, string, string][] {
  return [
    ...html.matchAll(/<span style="--shiki-light:(#[\da-f]+);--shiki-dark:(#[\da-f]+)[^"]*">([^<]*)<\/span>/gi),
  ].map((m) => [m[3] as string, (m[1] as string).toLowerCase(), (m[2] as string).toLowerCase()]);
}

test("a Java fence is highlighted with light and dark colours on every token", () => {
  const { html } = renderMarkdown(fence("java", 'public class 消息 {\n  // 注释\n  String s = "你好";\n}'));
  assert.match(
    html,
    /^<pre style="--shiki-light:#24292e;--shiki-dark:#e1e4e8;--shiki-light-bg:#fff;--shiki-dark-bg:#24292e" class="shiki shiki-themes github-light github-dark" tabindex="0"><code><span class="line">/,
  );
  const found = tokens(html);
  const keyword = found.find(([text]) => text === "public");
  assert.deepEqual(keyword, ["public", "#d73a49", "#f97583"]);
  const comment = found.find(([text]) => text.includes("// 注释"));
  assert.deepEqual(comment?.slice(1), ["#6a737d", "#6a737d"]);
  const string = found.find(([text]) => text.includes('"你好"'));
  assert.deepEqual(string?.slice(1), ["#032f62", "#9ecbff"]);
  assert.equal((html.match(/<span class="line">/g) ?? []).length, 4);
});

test("the languages of the fixture vault, by name and alias, case-insensitive", () => {
  for (const [lang, id] of [
    ["Java", "java"],
    ["py", "python"],
    ["python", "python"],
    ["SQL", "sql"],
    ["sh", "shellscript"],
    ["bash", "shellscript"],
    ["shell", "shellscript"],
    ["yml", "yaml"],
    ["yaml", "yaml"],
    ["ts", "typescript"],
    ["c++", "cpp"],
  ] as const) {
    assert.equal(languageId(lang), id, lang);
    const { html } = renderMarkdown(fence(lang, "x = 1"));
    assert.match(html, /class="shiki /, lang);
  }
});

test("unknown, plain and missing languages render as plain pre/code, without error", () => {
  assert.equal(
    renderMarkdown(fence("未知语言", "a < b")).html,
    '<pre><code class="language-未知语言">a &#x3C; b\n</code></pre>',
  );
  assert.equal(renderMarkdown(fence("", "a < b")).html, "<pre><code>a &#x3C; b\n</code></pre>");
  assert.equal(renderMarkdown(fence("text", "a")).html, '<pre><code class="language-text">a\n</code></pre>');
  assert.equal(renderMarkdown("    缩进代码\n").html, "<pre><code>缩进代码\n</code></pre>");
  for (const lang of ["text", "plain", "", "未知语言"]) assert.equal(languageId(lang), undefined);
});

test("mermaid fences stay as their source in pre.mermaid, and the page knows it has a diagram", () => {
  const source = "flowchart LR\n  生产者 -->|发送| 队列[(队列 <1>)]";
  const { html } = renderMarkdown(fence("mermaid", source));
  assert.equal(html, '<pre class="mermaid">flowchart LR\n  生产者 -->|发送| 队列[(队列 &#x3C;1>)]</pre>');
  assert.ok(hasDiagram(html));
  assert.ok(!hasDiagram(renderMarkdown(fence("java", "int x;")).html));
  assert.ok(!hasDiagram(renderMarkdown("`mermaid` 只是文字\n").html));
});

test("a note highlights at most the capped number of blocks and characters; the rest are plain", () => {
  const many = Array.from({ length: maxHighlightedBlocks + 5 }, (_, i) => fence("python", `x${i} = ${i}`)).join("\n");
  const html = renderMarkdown(many).html;
  assert.equal((html.match(/class="shiki /g) ?? []).length, maxHighlightedBlocks);
  assert.equal((html.match(/<pre><code class="language-python">/g) ?? []).length, 5);
  const big = fence("python", "x = 1\n".repeat(Math.ceil(maxHighlightedChars / 6) + 1));
  assert.match(
    renderMarkdown(`${fence("python", "y = 2")}\n${big}`).html,
    /^<pre style=[\s\S]*<pre><code class="language-python">/,
  );
  // The budget is per note: the next note starts afresh.
  assert.match(renderMarkdown(fence("python", "z = 3")).html, /class="shiki /);
});

test("lines beyond the tokenizer's length limit stay plain inside the highlighted block", () => {
  const long = `x = "${"长".repeat(1200)}"`;
  const { html } = renderMarkdown(fence("python", `y = 1\n${long}`));
  assert.match(html, /^<pre style=/);
  assert.ok(html.includes(`<span class="line"><span>${long}</span></span>`), "the long line is one plain token");
  assert.deepEqual(tokens(html)[1], ["=", "#d73a49", "#f97583"], "the short line before it is highlighted");
});

test("the sanitizer lets Shiki's colour variables through and nothing else in a style", () => {
  const raw = [
    '<span style="--shiki-light:#D73A49;--shiki-dark:#F97583">变量</span>',
    '<span style="color:red">红</span>',
    '<span style="--shiki-light:url(https://evil.example/x)">外链</span>',
    '<span style="--shiki-light:#fff;background:url(x)">混合</span>',
    '<div style="--shiki-light:#fff">块</div>',
  ].join(" ");
  const { html } = renderMarkdown(`${raw}\n`);
  assert.match(html, /<span style="--shiki-light:#D73A49;--shiki-dark:#F97583">变量<\/span>/);
  assert.match(html, /<span>红<\/span> <span>外链<\/span> <span>混合<\/span> <\/p><div>块<\/div>/);
});
