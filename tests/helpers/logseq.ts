/**
 * Fixtures for the Logseq constructs: like `fixtures.ts`, but each `input.md` is parsed as a Logseq page
 * (`file.data.logseq`, as the vault sets it for `pages/` and `journals/`), and the rendered HTML is checked too:
 * - `tree.json`, `messages.json`, `data.json` as in `fixtures.ts`;
 * - `output.html`: `renderNote` with a fixed render context (`testContext`).
 * Missing expected files are written from the result (never under `CI`), and every one on `UPDATE=1`.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { createProcessor } from "../../plugins/index.ts";
import type { RenderContext } from "../../src/render/handlers.ts";
import { type RenderedNote, renderNote } from "../../src/render/render-note.ts";
import { stringsFor } from "../../src/i18n/index.ts";
import { PageComposer } from "../../src/site/compose.ts";
import { fixturesRoot, formatMessages, stripPositions } from "./fixtures.ts";

const update = process.env.UPDATE === "1";

/** Parse `value` as the Logseq page `pages/<name>`. */
export function processLogseq(value: string, name = "pages/页面.md"): { tree: Root; file: VFile } {
  const processor = createProcessor();
  const file = new VFile({ path: name, value, data: { logseq: true } });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file };
}

/** A render context without a graph: every id is a page at `/<id>/`, media under `/media/`, blocks from `blocks`. */
export function testContext(blocks: Record<string, { text: string; url: string }> = {}): RenderContext {
  return {
    noteId: "pages/页面",
    strictLineBreaks: false,
    calloutTitle: (written) => written,
    resolve: (ref) => ({ kind: "note", id: ref.target, url: `/${ref.target}/`, title: ref.target.slice(ref.target.lastIndexOf("/") + 1) }),
    urlOf: (id) => `/${id}/`,
    titleOf: (id) => id.slice(id.lastIndexOf("/") + 1),
    tagUrl: (name) => `/tags/${name}/`,
    media: (mediaPath, origin) => (origin === "remote" ? { url: mediaPath } : { url: `/media/${mediaPath}` }) as never,
    href: (url) => encodeURI(url),
    blockOf: (id) => (blocks[id] ? { ...blocks[id], id, note: "pages/页面" } : undefined),
    t: (key) => key,
  };
}

export function renderLogseq(value: string, blocks?: Record<string, { text: string; url: string }>): string {
  return asPage(renderNote(processLogseq(value).tree, testContext(blocks)));
}

/** A rendered note as its own page shows it (ids without the composer's markers, embeds filled). */
function asPage(note: RenderedNote): string {
  return new PageComposer(new Map([["pages/页面", note]]), stringsFor("zh-CN")).page("pages/页面");
}

/** One test per case folder of `tests/fixtures/<construct>/`. */
export function runLogseqFixtures(construct: string): void {
  const folder = path.join(fixturesRoot, construct);
  for (const name of fs.readdirSync(folder).sort()) {
    const dir = path.join(folder, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    test(`fixture ${construct}/${name}`, () => {
      const input = fs.readFileSync(path.join(dir, "input.md"), "utf8");
      const { tree, file } = processLogseq(input, `pages/${name}.md`);
      const messages = formatMessages(file);
      const data = stripPositions(file.data) as Record<string, unknown>;
      delete data.logseq;
      if (JSON.stringify(data.frontmatter) === "{}") delete data.frontmatter;
      const html = asPage(renderNote(structuredClone(tree), testContext()));
      expect(path.join(dir, "tree.json"), `${JSON.stringify(stripPositions(tree), null, 2)}\n`);
      expect(path.join(dir, "messages.json"), messages.length > 0 ? `${JSON.stringify(messages, null, 2)}\n` : undefined);
      expect(path.join(dir, "data.json"), Object.keys(data).length > 0 ? `${JSON.stringify(data, null, 2)}\n` : undefined);
      expect(path.join(dir, "output.html"), `${html}\n`);
    });
  }
}

function expect(file: string, actual: string | undefined) {
  const exists = fs.existsSync(file);
  if (actual === undefined) {
    if (exists && update) fs.rmSync(file);
    else assert.ok(!exists, `${path.relative(fixturesRoot, file)} exists but nothing was produced`);
    return;
  }
  if (update || (!exists && !process.env.CI)) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(exists, `${path.relative(fixturesRoot, file)} is missing (run with UPDATE=1)`);
  assert.equal(actual, fs.readFileSync(file, "utf8"), path.relative(fixturesRoot, file));
}
