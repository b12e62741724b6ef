/** Temporary vaults for graph and CLI tests: written to a `mkdtemp` folder, removed by the caller. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sharedDir } from "../../scripts/shared-dir.ts";

/** The repository folder. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The seed card in `shared/` (beside the repository in CI; see scripts/shared-dir.ts). */
export const seedPath = path.join(sharedDir(), "seeds/000_e734d63c00d34c2b.txt");

/** The seed's vault path, as DG published it. */
export const seedVaultPath = "卡片/引入消息队列之后该如何保证其高可用性1.mp4.md";

/** Write `files` (vault path → content) into a new temporary folder and return it. */
export function makeVault(files: Record<string, string | Buffer>, prefix = "wenda-vault-"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [relative, content] of Object.entries(files)) {
    const absolute = path.join(root, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, content);
  }
  return root;
}

/** A temporary vault holding only the seed card at its real vault path. */
export function makeSeedVault(): string {
  return makeVault({ [seedVaultPath]: fs.readFileSync(seedPath) }, "wenda-seed-");
}

export function removeVault(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
