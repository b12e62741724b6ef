#!/usr/bin/env node
// The test runner: finds `*.test.ts` under tests/ and runs them with Node's built-in runner through tsx.
//
//   node scripts/test.mjs          types and lint, unit tests, then e2e (tests/e2e; installs Debian's chromium if
//                                  missing and root)
//   node scripts/test.mjs unit     everything but tests/e2e
//   node scripts/test.mjs e2e      only tests/e2e (skipped silently while it has no test files)
//   node scripts/test.mjs all      same as no argument
//
// Files run one at a time (`--test-concurrency=1`): the graph and CLI tests each parse whole vaults, and running
// them side by side only makes every one of them slower and their timeouts flakier.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium } from "./ensure-chromium.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const testsDir = path.join(root, "tests");
const e2eDir = path.join(testsDir, "e2e");
const mode = process.argv[2] ?? "all";

if (!["unit", "e2e", "all"].includes(mode)) {
  console.error(`usage: node scripts/test.mjs [unit|e2e|all]\nunknown suite \`${mode}\``);
  process.exit(2);
}

/** `*.test.ts` files under `folder`, recursively, sorted; folders in `skip` are not entered. */
function findTests(folder, skip = new Set()) {
  if (!fs.existsSync(folder)) return [];
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(full) && entry.name !== "node_modules" && !entry.name.startsWith(".")) found.push(...findTests(full, skip));
    } else if (entry.isFile() && entry.name.endsWith(".test.ts")) {
      found.push(full);
    }
  }
  return found.sort();
}

/** Run one suite's files; returns the exit code (0 when there is nothing to run). */
function run(files) {
  if (files.length === 0) return 0;
  const relative = files.map((file) => path.relative(root, file));
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...relative], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.error) {
    console.error(result.error.message);
    return 1;
  }
  return result.status ?? 1;
}

// One run for all files, so the log ends with one summary that counts every test.
const files = [
  ...(mode === "e2e" ? [] : findTests(testsDir, new Set([e2eDir]))),
  ...(mode === "unit" ? [] : findTests(e2eDir)),
];
// The whole suite also checks types (after `astro sync` writes the content types) and lint.
if (mode === "all") {
  for (const [label, command, args] of [
    ["types", process.execPath, [path.join(root, "node_modules", "astro", "astro.js"), "sync"]],
    ["types", process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."]],
    ["lint", process.execPath, [path.join(root, "node_modules", "@biomejs", "biome", "bin", "biome"), "lint", "."]],
  ]) {
    const check = spawnSync(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
    if (check.status !== 0) {
      console.error(`${label} check failed:\n${check.stdout}${check.stderr}`);
      process.exit(1);
    }
  }
  console.log("types and lint: ok");
}
if (files.some((file) => file.startsWith(e2eDir)) && !ensureChromium()) process.exit(1);
process.exit(run(files));
