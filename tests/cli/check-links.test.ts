/**
 * `wenda check` reports what the links phase finds in the fixture vault tests/vaults/obsidian: attachments,
 * headings and blocks that do not exist, and ambiguous names, each as `path:line:column: severity code message`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/vault.ts";

test("check tests/vaults/obsidian: missing attachment, heading and block, ambiguous file name", () => {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "bin/wenda.mjs"), "check", "tests/vaults/obsidian"], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.split("\n").filter((line) => line.startsWith("链接/"));
  for (const expected of [
    /^链接\/附件嵌入\.md:23:9: warning attachment-missing Link `!\[\[不存在的图\.png\]\]` names a file that is not in the vault/,
    /^链接\/附件嵌入\.md:21:14: warning link-ambiguous Link `!\[\[重名\.png\]\]` matches several files; using `附件\/重名\.png` \(also: 资源\/图片\/重名\.png\)/,
    /^链接\/链接大全\.md:17:10: warning heading-missing Link `\[\[标题测试#没有这一章\]\]`/,
    /^链接\/链接大全\.md:18:9: warning block-missing Link `\[\[标题测试#\^nothere\]\]`/,
  ]) {
    assert.ok(
      lines.some((line) => expected.test(line)),
      `${expected} in:\n${lines.join("\n")}`,
    );
  }
});
