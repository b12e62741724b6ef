/**
 * Where the team's `shared/` folder (the seed card, gen-vault.mjs) is: `$WENDA_SHARED`, else beside this
 * repository (how CI clones it), else beside the repository this one was cloned from (a local
 * `git clone . /tmp/x` for a clean run).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

function originSibling(): string | undefined {
  try {
    const origin = execFileSync("git", ["config", "--get", "remote.origin.url"], { cwd: repoRoot, encoding: "utf8" }).trim();
    return origin && !/^[a-z]+:\/\//i.test(origin) && !origin.includes("@") ? path.resolve(repoRoot, origin, "../shared") : undefined;
  } catch {
    return undefined;
  }
}

export function sharedDir(): string {
  const candidates = [process.env.WENDA_SHARED, path.resolve(repoRoot, "../shared"), originSibling()];
  const found = candidates.find((dir) => dir && fs.existsSync(path.join(dir, "tools", "gen-vault.mjs")));
  if (!found) throw new Error(`cannot find the shared/ folder (tried ${candidates.filter(Boolean).join(", ")}); set WENDA_SHARED`);
  return found;
}
