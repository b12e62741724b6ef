/**
 * `wenda build --out`: refused (exit 2, one line, nothing written) when the folder is the vault, inside it, around
 * it, or someone else's; a folder wenda made can be rebuilt; a failed build leaves the previous site as it was;
 * the output holds only the site; the vault is never written to.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { makeSeedVault, removeVault, repoRoot } from "../helpers/vault.ts";
import { wenda } from "./run.ts";

/** Every file and folder under `root` with its size and mtime: equal snapshots mean nothing was written. */
function snapshot(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((relative) => {
      const stat = fs.statSync(path.join(root, relative));
      return `${relative} ${stat.isDirectory() ? "dir" : stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

/** Names Astro uses for its own files; none may reach a site. */
const internals = ["data-store.json", "settings.json", "content-assets.mjs", "content-modules.mjs", "types.d.ts", "content.d.ts", "manifest.mjs"];

/** Every file of a site that is not a page, an asset or the search index. */
function strayFiles(site: string): string[] {
  return fs
    .readdirSync(site, { recursive: true, encoding: "utf8" })
    .filter((relative) => fs.statSync(path.join(site, relative)).isFile())
    .filter((relative) => internals.includes(path.basename(relative)) || /\.(mjs|js\.map|d\.ts)$/.test(relative) || relative.startsWith("chunks"));
}

describe("wenda build --out", { timeout: 600_000 }, () => {
  let vault = "";
  let scratch = "";
  before(() => {
    vault = makeSeedVault();
    fs.writeFileSync(path.join(vault, "wenda.config.json"), JSON.stringify({ media: { dir: "媒体" } }));
    fs.mkdirSync(path.join(vault, "媒体"));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-out-"));
  });
  after(() => {
    removeVault(vault);
    removeVault(scratch);
  });

  test("refuses the vault, a folder inside it or around it, a file, and a non-empty folder it did not make", () => {
    const stranger = path.join(scratch, "别人的");
    fs.mkdirSync(stranger);
    fs.writeFileSync(path.join(stranger, "重要.txt"), "不能删");
    const file = path.join(scratch, "file.txt");
    fs.writeFileSync(file, "x");
    const media = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-media-"));
    const cases: [string[], RegExp, string?][] = [
      [["--out", vault], /it is the vault/],
      [["--out", path.join(vault, "卡片")], /it is inside the vault/],
      [["--out", path.join(vault, "新的", "site")], /it is inside the vault/],
      [["--out", path.dirname(vault)], /it contains the vault/],
      [["--out", stranger], /not empty and was not made by wenda/],
      [["--out", file], /it is a file/],
      [["--out", path.join(vault, "媒体")], /inside the vault/],
      [["--out", media, "--media", media], /it is the media folder/],
      [["--out", path.join(media, "sub"), "--media", media], /inside the media folder/],
      // The default `dist` is resolved from the working directory: inside the vault, it is refused too.
      [[], /refusing --out `dist`: it is inside the vault/, vault],
      [["--out", "."], /it is the vault/, vault],
      [["--out", "site"], /inside the vault/, path.join(vault, "卡片")],
    ];
    const before = { vault: snapshot(vault), scratch: snapshot(scratch), media: snapshot(media) };
    try {
      for (const [args, reason, cwd] of cases) {
        const run = wenda(["build", vault, ...args], cwd ? { cwd } : {});
        assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
        assert.match(run.stderr, reason, args.join(" "));
        assert.match(run.stderr, /^wenda build: refusing --out `[^\n]+\n$/, args.join(" "));
        assert.equal(run.stdout, "");
      }
      assert.deepEqual(snapshot(vault), before.vault);
      assert.deepEqual(snapshot(scratch), before.scratch);
      assert.deepEqual(snapshot(media), before.media);
      assert.equal(fs.readFileSync(path.join(stranger, "重要.txt"), "utf8"), "不能删");
    } finally {
      removeVault(media);
    }
  });

  test("a symlink into the vault is the vault", () => {
    const link = path.join(scratch, "link");
    fs.symlinkSync(vault, link);
    const run = wenda(["build", vault, "--out", path.join(link, "site")]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /inside the vault/);
    assert.equal(fs.existsSync(path.join(vault, "site")), false);
    fs.unlinkSync(link);
  });

  test("builds from another folder into a new one, marks it, rebuilds into it; a failed build keeps the old site", () => {
    const cwd = fs.mkdtempSync(path.join(scratch, "cwd-"));
    const vaultBefore = snapshot(vault);
    const first = wenda(["build", vault, "--out", "site"], { cwd });
    assert.equal(first.code, 0, first.stderr);
    const site = path.join(cwd, "site");
    assert.ok(fs.existsSync(path.join(site, "index.html")));
    assert.ok(fs.existsSync(path.join(site, ".wenda-site")));
    assert.ok(fs.existsSync(path.join(site, "pagefind", "pagefind.js")));
    assert.deepEqual(strayFiles(site), []);
    // Only `site` appeared in the working directory: no `.astro/`, no temporary sibling left.
    assert.deepEqual(fs.readdirSync(cwd), ["site"]);
    // No local path of the vault or of wenda's checkout in any file of the site.
    for (const relative of fs.readdirSync(site, { recursive: true, encoding: "utf8" })) {
      const file = path.join(site, relative);
      if (!fs.statSync(file).isFile()) continue;
      const text = fs.readFileSync(file, "latin1");
      assert.ok(!text.includes(vault) && !text.includes(repoRoot), `${relative} names a local path`);
    }

    // A build that fails (here: Astro's process exits 7 at its very end, after writing every page) keeps the site.
    const index = fs.readFileSync(path.join(site, "index.html"), "utf8");
    const siteBefore = snapshot(site);
    const hook = path.join(scratch, "fail-at-exit.cjs");
    fs.writeFileSync(hook, 'if (process.argv.some((a) => a.endsWith("astro.js"))) process.on("exit", () => { process.exitCode = 7; });\n');
    const failed = wenda(["build", vault, "--out", "site"], { cwd, env: { NODE_OPTIONS: `--require ${hook}` } });
    assert.equal(failed.code, 7, failed.stderr);
    assert.match(failed.stderr, /the build failed \(exit 7\).*the previous site in .* is untouched/);
    assert.deepEqual(snapshot(site), siteBefore);
    assert.equal(fs.readFileSync(path.join(site, "index.html"), "utf8"), index);
    assert.deepEqual(fs.readdirSync(cwd), ["site"]);
    assert.equal(fs.existsSync(path.join(repoRoot, "node_modules", ".wenda", "site")), false, "the work folder is cleared");

    // A folder wenda made is replaced whole by the next build; an empty folder of the user's is filled and kept.
    fs.writeFileSync(path.join(site, "旧文件.html"), "old");
    const again = wenda(["build", vault, "--out", site]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(fs.existsSync(path.join(site, "旧文件.html")), false);
    assert.ok(fs.existsSync(path.join(site, ".wenda-site")));
    const empty = path.join(cwd, "空");
    fs.mkdirSync(empty);
    const inode = fs.statSync(empty).ino;
    const into = wenda(["build", vault, "--out", empty]);
    assert.equal(into.code, 0, into.stderr);
    assert.equal(fs.statSync(empty).ino, inode);
    assert.ok(fs.existsSync(path.join(empty, "index.html")));
    assert.deepEqual(fs.readdirSync(cwd).sort(), ["site", "空"].sort());
    assert.deepEqual(snapshot(vault), vaultBefore, "nothing was written inside the vault");
  });
});
