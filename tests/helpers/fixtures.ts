/**
 * Fixture tests, as remark-gfm runs them: each folder `tests/fixtures/<construct>/<case>/` holds `input.md`
 * and the expected results of the full processor (`createProcessor()` from `plugins/index.ts`):
 * - `tree.json`: the mdast with every `position` removed;
 * - `messages.json` (optional): diagnostics as `line:column severity ruleId`, written only when there are some;
 * - `data.json` (optional): `file.data` (front matter, card media, page properties), written only when it holds
 *   more than an empty front matter;
 * - `output.html` (optional per case, required for every case of a construct registered with `{ html: true }`):
 *   the tree rendered by `renderNote` in a site made of just that note (a graph of one note, no media);
 * - `config.json` (optional): options for `createProcessor`.
 * Expected files are written from the actual result only when `UPDATE=1` is set, and never under `CI`: without
 * it a missing expected file fails the test (a test that writes its own expectation cannot fail). With it every
 * existing file is rewritten, and a missing required one created. A written snapshot is a claim about correct
 * behaviour: read it against DIALECT.md before committing it.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { createProcessor, type Options } from "../../plugins/index.ts";
import { defaultConfig } from "../../src/config.ts";
import { buildGraph } from "../../src/graph/build.ts";
import { parseNote } from "../../src/graph/vault.ts";
import { MediaResolver } from "../../src/render/media.ts";
import { renderNote } from "../../src/render/render-note.ts";
import { renderContextFor, siteLinksOf } from "../../src/render/site-links.ts";
import { stringsFor } from "../../src/i18n/index.ts";
import { PageComposer } from "../../src/site/compose.ts";

/** `tests/fixtures/`, absolute. */
export const fixturesRoot = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** Write expectations: `UPDATE=1`, and never in CI, where a missing expectation must fail. */
const update = process.env.UPDATE === "1" && !process.env.CI;

/** What the processor made of one input. */
export interface Processed {
  tree: Root;
  file: VFile;
}

/** Parse `value` as the note `<name>` with the full processor. */
export function processNote(value: string, name = "note.md", options: Options = {}): Processed {
  const processor = createProcessor(options);
  const file = new VFile({ path: name, value });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file };
}

/** A deep copy of `node` without `position` fields, as plain JSON (no `undefined` values). */
export function stripPositions(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === "position" ? undefined : value)));
}

/** An empty folder standing for the vault on disk: no attachment or media file exists. */
let emptyVault: string | undefined;

/**
 * Render `value` as the only note of a site: parsed, put in a graph of one note, and rendered with the render
 * context a build gives it (default config, no media).
 */
export function renderFixture(value: string, name = "note.md", options: Options = {}): string {
  emptyVault ??= fs.mkdtempSync(path.join(os.tmpdir(), "wenda-fixture-"));
  const processor = createProcessor(options);
  const id = name.replace(/\.md$/, "");
  const { note, tree } = parseNote(processor, { id, path: name }, value, options.questionPrefix ?? undefined);
  const graph = buildGraph([note], { questionPrefix: options.questionPrefix ?? defaultConfig.questionPrefix });
  const links = siteLinksOf(graph, defaultConfig);
  const media = new MediaResolver(defaultConfig, emptyVault);
  const rendered = renderNote(tree, renderContextFor(links, id, media));
  // As the note's own page shows it: its ids without the composer's markers, its embeds filled.
  return new PageComposer(new Map([[id, rendered]]), stringsFor(defaultConfig.lang)).page(id);
}

/** `file.messages` as `line:column severity ruleId` (severity from vfile's `fatal`). */
export function formatMessages(file: VFile): string[] {
  return file.messages.map((message) => {
    const severity = message.fatal === true ? "error" : message.fatal === false ? "warning" : "info";
    return `${message.line ?? 1}:${message.column ?? 1} ${severity} ${message.ruleId ?? "?"}`;
  });
}

/** `file.data` when it says more than "no front matter", else `undefined`. */
function interestingData(file: VFile): unknown {
  const data = stripPositions(file.data) as Record<string, unknown>;
  const frontmatter = data.frontmatter;
  if (frontmatter && typeof frontmatter === "object" && Object.keys(frontmatter).length === 0) delete data.frontmatter;
  return Object.keys(data).length === 0 ? undefined : data;
}

/** The case folders of a construct, sorted. */
export function fixtureCases(construct: string): string[] {
  const folder = path.join(fixturesRoot, construct);
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export interface FixtureOptions {
  /** Every case must have an `output.html` (else only the cases that have one are compared). Default false. */
  html?: boolean;
}

/** Register one `node:test` test per case folder of `construct`. */
export function runFixtures(construct: string, fixtureOptions: FixtureOptions = {}): void {
  for (const name of fixtureCases(construct)) {
    test(`fixture ${construct}/${name}`, () => {
      const folder = path.join(fixturesRoot, construct, name);
      const input = fs.readFileSync(path.join(folder, "input.md"), "utf8");
      const configPath = path.join(folder, "config.json");
      const options = fs.existsSync(configPath) ? (JSON.parse(fs.readFileSync(configPath, "utf8")) as Options) : {};
      const { tree, file } = processNote(input, `${name}.md`, options);
      expectFile(path.join(folder, "tree.json"), stripPositions(tree), true);
      const messages = formatMessages(file);
      expectFile(path.join(folder, "messages.json"), messages.length > 0 ? messages : undefined, false);
      expectFile(path.join(folder, "data.json"), interestingData(file), false);
      const htmlPath = path.join(folder, "output.html");
      if (fixtureOptions.html || fs.existsSync(htmlPath)) {
        expectText(htmlPath, `${renderFixture(input, `${name}.md`, options)}\n`);
      }
    });
  }
}

/**
 * Compare `actual` with the JSON in `expectedPath` (written on `UPDATE=1`, see above).
 * `actual` undefined means "nothing to record": an optional file must then be absent.
 */
function expectFile(expectedPath: string, actual: unknown, required: boolean): void {
  const exists = fs.existsSync(expectedPath);
  const name = path.relative(fixturesRoot, expectedPath);
  if (actual === undefined && !required) {
    if (exists && update) fs.rmSync(expectedPath);
    else if (exists) assert.fail(`${name} exists but nothing was produced`);
    return;
  }
  if (update) {
    fs.writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  if (!exists) assert.fail(`${name} is missing: run with UPDATE=1 to write it, then read it before committing`);
  const expected: unknown = JSON.parse(fs.readFileSync(expectedPath, "utf8"));
  assert.deepEqual(actual, expected, name);
}

/** Compare `actual` with the text in `expectedPath` (written on `UPDATE=1`, see above). */
function expectText(expectedPath: string, actual: string): void {
  const name = path.relative(fixturesRoot, expectedPath);
  if (update) {
    fs.writeFileSync(expectedPath, actual);
    return;
  }
  if (!fs.existsSync(expectedPath)) assert.fail(`${name} is missing: run with UPDATE=1 to write it, then read it before committing`);
  assert.equal(actual, fs.readFileSync(expectedPath, "utf8"), name);
}
