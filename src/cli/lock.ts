/**
 * One build at a time per checkout: Astro's `.astro/` folder and wenda's page files are shared by every build of
 * this project, and two builds at once corrupt each other's output. A second build waits for the first.
 */
import fs from "node:fs";
import path from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Take the lock file (waiting while a live process holds it); returns the release function. */
export async function acquireLock(file: string, onWait: (pid: number) => void): Promise<() => void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      const release = () => fs.rmSync(file, { force: true });
      process.once("exit", release);
      return release;
    } catch {
      const holder = Number(fs.readFileSync(file, "utf8"));
      if (!Number.isInteger(holder) || !alive(holder)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (!told) onWait(holder);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
