/**
 * wenda as an installed package: `npm pack` the project, install the tarball into a temporary folder, and build
 * the sample vault from a third folder (the README's `npx wenda build ~/my-vault`). Slow (an npm install and a
 * site build): it runs once in the suite.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { repoRoot } from "../helpers/vault.ts";

function run(command: string, args: string[], cwd: string, timeout = 600_000) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout, env: { ...process.env, WENDA_DEBUG: "" } });
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", error: result.error };
}

/** The files under `folder` (relative to the repository), recursively. */
function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(repoRoot, folder), { recursive: true, encoding: "utf8" })
    .filter((relative) => fs.statSync(path.join(repoRoot, folder, relative)).isFile())
    .map((relative) => path.posix.join(folder, relative.split(path.sep).join("/")));
}

describe("npm pack → npm install → wenda build from a third folder", { timeout: 1_500_000 }, () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-pack-"));
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  test("the tarball installs and builds the sample vault from anywhere", (t) => {
    const packed = run("npm", ["pack", "--json", "--pack-destination", temp], repoRoot);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    const listed = new Set(info.files.map((f) => f.path));
    // Everything the site needs at run time is in it; tests, benchmarks and scripts are not.
    const needed = ["package.json", "astro.config.mjs", "tsconfig.json", ...["bin", "src", "plugins", "public", "content"].flatMap(filesUnder)];
    assert.deepEqual(needed.filter((file) => !listed.has(file)), []);
    assert.deepEqual([...listed].filter((file) => /^(tests|bench|scripts|node_modules)\//.test(file)), []);

    const app = path.join(temp, "app");
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "wenda-pack-test", private: true }));
    let started = performance.now();
    const installed = run("npm", ["install", path.join(temp, info.filename), "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
    assert.equal(installed.code, 0, `${installed.stderr}${installed.error ?? ""}`);
    t.diagnostic(`npm install: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const elsewhere = path.join(temp, "elsewhere");
    fs.mkdirSync(elsewhere);
    const wenda = path.join(app, "node_modules", ".bin", "wenda");
    const version = run(process.execPath, [wenda, "--version"], elsewhere);
    assert.equal(version.stdout, `${(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version}\n`);

    const vault = path.join(app, "node_modules", "wenda", "content");
    started = performance.now();
    const built = run(process.execPath, [wenda, "build", vault, "--out", "site"], elsewhere);
    assert.equal(built.code, 0, `${built.stdout.slice(-3000)}\n${built.stderr}`);
    t.diagnostic(`wenda build of the sample from a third folder: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const site = path.join(elsewhere, "site");
    for (const file of ["index.html", "404.html", "search/index.html", "pagefind/pagefind.js", ".wenda-site"]) {
      assert.ok(fs.existsSync(path.join(site, file)), file);
    }
    const pages = fs.readdirSync(site, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    assert.ok(pages.length >= 50, `${pages.length} pages`);
    assert.deepEqual(fs.readdirSync(elsewhere), ["site"], "only the site appears in the working folder");
    assert.deepEqual(fs.readdirSync(vault).sort(), fs.readdirSync(path.join(repoRoot, "content")).sort(), "nothing written in the vault");
  });
});
