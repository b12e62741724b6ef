/** Run a command to its end while sampling its process tree from /proc (bench/proc-tree.ts). */
import { spawn } from "node:child_process";
import { TreeSampler } from "./proc-tree.ts";

export interface TreeRun {
  code: number | null;
  wallMs: number;
  cpuS: number;
  peakRssKB: number;
  stdout: string;
  stderr: string;
}

export function runTree(
  command: string,
  args: string[],
  timeoutMs: number,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TreeRun> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const sampler = child.pid === undefined ? undefined : new TreeSampler(child.pid);
    const sample = (): void => {
      try {
        sampler?.sample();
      } catch {
        // no /proc
      }
    };
    const timer = setInterval(sample, 100);
    sample();
    const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout = (stdout + chunk).slice(-64_000);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-64_000);
    });
    const done = (code: number | null): void => {
      clearInterval(timer);
      clearTimeout(killer);
      resolve({ code, wallMs: performance.now() - start, cpuS: sampler?.cpuS() ?? 0, peakRssKB: sampler?.peakRssKB ?? 0, stdout, stderr });
    };
    child.once("error", (error) => {
      stderr += error.message;
      done(null);
    });
    child.once("close", (code) => done(code));
  });
}
