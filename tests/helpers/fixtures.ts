/**
 * Fixture tests, as remark-gfm runs them: each folder `tests/fixtures/<construct>/<case>/` holds `input.md`
 * and the expected results of the full processor (`createProcessor()` from `plugins/index.ts`):
 * - `tree.json`: the mdast with every `position` removed;
 * - `messages.json` (optional): diagnostics as `line:column severity ruleId`, written only when there are some;
 * - `data.json` (optional): `file.data` (front matter, card media, page properties), written only when it holds
 *   more than an empty front matter;
 * - `config.json` (optional): options for `createProcessor`.
 * A missing expected file is written from the actual result, and every one is rewritten when `UPDATE=1` is set.
 * A written snapshot is a claim about correct behaviour: read it against DIALECT.md before committing it.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { Root } from "mdast";
import { VFile } from "vfile";
import { createProcessor, type Options } from "../../plugins/index.ts";

/** `tests/fixtures/`, absolute. */
export const fixturesRoot = fileURLToPath(new URL("../fixtures/", import.meta.url));

const update = process.env.UPDATE === "1";

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

/** Register one `node:test` test per case folder of `construct`. */
export function runFixtures(construct: string): void {
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
    });
  }
}

/**
 * Compare `actual` with the JSON in `expectedPath`, writing it when missing (or on `UPDATE=1`).
 * `actual` undefined means "nothing to record": an optional file must then be absent.
 */
function expectFile(expectedPath: string, actual: unknown, required: boolean): void {
  const exists = fs.existsSync(expectedPath);
  if (actual === undefined && !required) {
    if (exists && update) fs.rmSync(expectedPath);
    else if (exists) assert.fail(`${path.relative(fixturesRoot, expectedPath)} exists but nothing was produced`);
    return;
  }
  if (!exists || update) {
    fs.writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  const expected: unknown = JSON.parse(fs.readFileSync(expectedPath, "utf8"));
  assert.deepEqual(actual, expected, path.relative(fixturesRoot, expectedPath));
}
