/**
 * `wenda dev`'s folder watcher (src/site/vault-watch.ts) on a real folder: a write, a new file, a folder that
 * appears with notes in it (each reported), a folder removed (reported as itself), nothing from a skipped folder.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { watchFolders } from "../../src/site/vault-watch.ts";

const vault = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-watch-"));
after(() => fs.rmSync(vault, { recursive: true, force: true }));

test("reports written, added and removed files and folders; skipped folders stay silent", async () => {
  fs.mkdirSync(path.join(vault, "卡片"));
  fs.mkdirSync(path.join(vault, ".git"));
  fs.writeFileSync(path.join(vault, "卡片", "第一张.md"), "* 一\n");
  const seen: string[] = [];
  const watch = watchFolders(vault, { skip: (relative) => relative.split("/").some((part) => part.startsWith(".")), onChange: (file) => seen.push(path.relative(vault, file).split(path.sep).join("/")) });
  try {
    const reported = async (name: string) => {
      for (let i = 0; i < 200 && !seen.includes(name); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.ok(seen.includes(name), `${name} reported (saw ${JSON.stringify(seen)})`);
    };
    fs.appendFileSync(path.join(vault, "卡片", "第一张.md"), "* 二\n");
    await reported("卡片/第一张.md");
    fs.writeFileSync(path.join(vault, "卡片", "第二张.md"), "* 新\n");
    await reported("卡片/第二张.md");
    // A folder moved in with notes already inside: each is reported, and the folder is watched from then on.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-watch-moved-"));
    fs.mkdirSync(path.join(outside, "子文件夹"));
    fs.writeFileSync(path.join(outside, "子文件夹", "深处.md"), "深处\n");
    fs.writeFileSync(path.join(outside, "顶层.md"), "顶层\n");
    fs.renameSync(outside, path.join(vault, "新文件夹"));
    await reported("新文件夹/顶层.md");
    await reported("新文件夹/子文件夹/深处.md");
    fs.appendFileSync(path.join(vault, "新文件夹", "子文件夹", "深处.md"), "又改了\n");
    seen.length = 0;
    fs.appendFileSync(path.join(vault, "新文件夹", "子文件夹", "深处.md"), "再改\n");
    await reported("新文件夹/子文件夹/深处.md");
    fs.rmSync(path.join(vault, "新文件夹"), { recursive: true });
    await reported("新文件夹");
    seen.length = 0;
    fs.writeFileSync(path.join(vault, ".git", "index"), "x");
    fs.writeFileSync(path.join(vault, "卡片", "第三张.md"), "* 三\n");
    await reported("卡片/第三张.md");
    assert.ok(!seen.some((name) => name.startsWith(".git/")), "nothing under a skipped folder");
  } finally {
    watch.close();
  }
});
