/** The `wenda` command, as a user runs it: `node bin/wenda.mjs <command> …` in a child process. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Graph } from "../../src/graph/types.ts";
import { makeSeedVault, makeVault, removeVault, repoRoot } from "../helpers/vault.ts";

const bin = path.join(repoRoot, "bin/wenda.mjs");

function wenda(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `path:line:column: severity code message` */
const diagnosticLine = /^(.+):(\d+):(\d+): (error|warning|info) ([a-z]+(?:-[a-z]+)*) (.+)$/;

describe("wenda", { timeout: 300_000 }, () => {
  let seed = "";
  let broken = "";
  let warned = "";

  before(() => {
    seed = makeSeedVault();
    broken = makeVault({ "卡片/坏.md": "---\ntitle: [未闭合\n---\n正文 #集群\n", "卡片/好.md": "* [[？ 问题]]\n" });
    warned = makeVault({ "卡片/警告.md": "* [坏](file:///Z:/%E8%A7%86%E9%A2%91.mp4#t=abc)\n" });
  });
  after(() => {
    for (const root of [seed, broken, warned]) removeVault(root);
  });

  test("graph <seed vault>: JSON, contract version 1, the seed's facts", () => {
    const { code, stdout } = wenda("graph", seed);
    assert.equal(code, 0);
    const graph = JSON.parse(stdout) as Graph;
    assert.equal(graph.version, 1);
    assert.equal(graph.notes.length, 1);
    assert.equal(graph.questions.length, 10);
    assert.equal(graph.timestamps.length, 1);
    assert.equal(graph.comments.length, 2);
    assert.equal(graph.tags.length, 9);
    assert.deepEqual(graph.diagnostics, []);
    for (const key of ["notes", "questions", "tags", "blocks", "links", "timestamps", "comments", "images", "diagnostics"]) {
      assert.ok(Array.isArray((graph as unknown as Record<string, unknown>)[key]), key);
    }
  });

  test("graph --pretty --out writes indented JSON to a file", () => {
    const out = path.join(seed, "..", `${path.basename(seed)}-graph.json`);
    try {
      const { code, stdout } = wenda("graph", seed, "--pretty", "--out", out);
      assert.equal(code, 0);
      assert.equal(stdout, "");
      const text = fs.readFileSync(out, "utf8");
      assert.match(text, /^\{\n {2}"version": 1,/);
      assert.equal((JSON.parse(text) as Graph).version, 1);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });

  test("check <seed vault>: nothing to say, exit 0", () => {
    const { code, stdout, stderr } = wenda("check", seed);
    assert.equal(code, 0);
    assert.equal(stdout, "");
    assert.match(stderr, /1 notes, 0 errors, 0 warnings/);
  });

  test("check on an error vault: `path:line:column: severity code message` lines, exit 1", () => {
    const { code, stdout } = wenda("check", broken);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split("\n");
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, diagnosticLine);
    const match = diagnosticLine.exec(lines.find((line) => line.includes("frontmatter-invalid")) ?? "");
    assert.ok(match, stdout);
    // Line 2 of the file is line 1 of the YAML block; the column is where the missing `]` was expected.
    assert.deepEqual(match.slice(1, 6), ["卡片/坏.md", "2", "12", "error", "frontmatter-invalid"]);
  });

  test("check: warnings alone exit 0, with --strict exit 1", () => {
    const plain = wenda("check", warned);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, /^卡片\/警告\.md:1:3: warning timestamp-invalid /m);
    assert.equal(wenda("check", warned, "--strict").code, 1);
    assert.equal(wenda("check", seed, "--strict").code, 0);
  });

  for (const command of ["graph", "check", "build", "dev", "preview"]) {
    test(`${command} --help prints its usage and exits 0`, () => {
      const { code, stdout } = wenda(command, "--help");
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: wenda ${command}\\b`));
      const short = wenda(command, "-h");
      assert.equal(short.code, 0);
      assert.equal(short.stdout, stdout);
    });
  }

  test("--help and help print the overview, exit 0; no command prints it and exits 2", () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const { code, stdout } = wenda(...args);
      assert.equal(code, 0, args.join(" "));
      assert.match(stdout, /^wenda: /);
      assert.match(stdout, /Commands:/);
    }
    const bare = wenda();
    assert.equal(bare.code, 2);
    assert.match(bare.stdout, /Usage: wenda <command>/);
  });

  test("an unknown command exits 2 and says so", () => {
    const { code, stderr, stdout } = wenda("frobnicate");
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /unknown command `frobnicate`/);
  });

  test("a missing or wrong vault is an error that says what to do, exit 1", () => {
    const missing = wenda("graph");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /which vault\?/);
    const wrong = wenda("check", path.join(seed, "不存在"));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /is not a folder/);
  });
});
