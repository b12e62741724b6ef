/** Run the `wenda` command as a user does: `node bin/wenda.mjs …` in a child process, from any folder. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../helpers/vault.ts";

export const bin = path.join(repoRoot, "bin/wenda.mjs");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function wenda(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    timeout: options.timeout ?? 120_000,
    env: { ...process.env, WENDA_DEBUG: "", ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A Node stack frame (`    at fn (file:1:2)`): no user error may print one. */
export const stackFrame = /^\s+at .+[:(]/m;
