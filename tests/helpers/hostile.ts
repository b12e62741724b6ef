/**
 * The hostile fixture vault (tests/vaults/hostile/, committed, small files) plus the cases too big or too binary
 * to commit, generated here: a 350,000-character title, a flood of 5,000 links to one missing note, a 300-character
 * question name, PNG bytes named `.md`. Copied into a temporary folder the caller removes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./vault.ts";

export const hostileSource = path.join(repoRoot, "tests", "vaults", "hostile");

/** Generated cases: vault path → content. */
export const generatedCases: Record<string, string | Buffer> = {
  "生成/超长标题.md": `---\ntitle: ${"长".repeat(350_000)}\n---\n\n标题有三十五万个字。\n`,
  "生成/链接洪水.md": `# 链接洪水\n\n${"[[不存在的笔记]] ".repeat(5_000)}\n`,
  "生成/超长问题.md": `* [[？${"问".repeat(300)}]]\n\t* 答案\n`,
  "生成/图片字节.md": Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e5273de30000000049454e44ae426082",
    "hex",
  ),
};

/** A temporary copy of the hostile vault with the generated cases added. */
export function makeHostileVault(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-hostile-"));
  fs.cpSync(hostileSource, root, { recursive: true });
  for (const [relative, content] of Object.entries(generatedCases)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), content);
  }
  return root;
}
