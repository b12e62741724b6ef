/**
 * The output folder of `wenda build`, kept safe: it is never the vault, inside it or around it, never a folder
 * of someone else's (a non-empty folder without wenda's marker), and it is replaced only once a build has
 * succeeded, by a swap with a finished sibling. Nothing wenda did not create is ever deleted.
 */
import fs from "node:fs";
import path from "node:path";
import { UserError } from "./args.ts";

/** The file that marks a folder as a site `wenda build` wrote (and may therefore replace). */
export const siteMarker = ".wenda-site";

/** A folder that must not be written to or over, with the name the refusal uses for it. */
export interface Protected {
  label: string;
  dir: string;
}

const caseless = process.platform === "darwin" || process.platform === "win32";

/** `file` with symlinks resolved, for a path that may not exist yet (its nearest existing ancestor is resolved). */
export function realPath(file: string): string {
  const absolute = path.resolve(file);
  let existing = absolute;
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  const real = fs.existsSync(existing) ? fs.realpathSync.native(existing) : existing;
  return path.join(real, ...rest);
}

/** Whether `inner` is `outer` or inside it (both real, absolute). */
export function within(inner: string, outer: string): boolean {
  const a = caseless ? inner.toLowerCase() : inner;
  const b = caseless ? outer.toLowerCase() : outer;
  const relative = path.relative(b, a);
  return relative === "" || (!relative.startsWith(`..${path.sep}`) && relative !== ".." && !path.isAbsolute(relative));
}

/**
 * Throw a {@link UserError} (exit 2) when `out` may not receive a site: it is or is inside or contains a
 * protected folder (the vault, the media folder, wenda's own work folder), it is a file, or it is a non-empty
 * folder without {@link siteMarker}.
 */
export function checkOutput(out: string, protectedDirs: readonly Protected[], shown = out): void {
  const real = realPath(out);
  for (const { label, dir } of protectedDirs) {
    const other = realPath(dir);
    if (within(real, other)) {
      throw new UserError(`refusing --out \`${shown}\`: it is ${real === other ? "" : "inside "}the ${label} (${dir}); pick a folder outside it, e.g. --out ${path.join(path.dirname(dir), `${path.basename(dir)}-site`)}`, 2);
    }
    if (within(other, real)) {
      throw new UserError(`refusing --out \`${shown}\`: it contains the ${label} (${dir}), which a build would replace; pick a new folder`, 2);
    }
  }
  if (!fs.existsSync(real)) return;
  if (!fs.statSync(real).isDirectory()) throw new UserError(`refusing --out \`${shown}\`: it is a file, not a folder`, 2);
  const entries = fs.readdirSync(real);
  if (entries.length > 0 && !entries.includes(siteMarker)) {
    throw new UserError(
      `refusing --out \`${shown}\`: the folder is not empty and was not made by wenda (it has no ${siteMarker} file); pick a new or empty folder`,
      2,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Siblings of `out` left by a build that was killed mid-swap: marked, named after `out`, their process gone. */
function removeStaleSiblings(out: string): void {
  const parent = path.dirname(out);
  const pattern = new RegExp(`^\\.${path.basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.wenda-(?:tmp|old)-(\\d+)$`);
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(pattern.exec(name)?.[1]);
    const dir = path.join(parent, name);
    if (pid && !alive(pid) && fs.existsSync(path.join(dir, siteMarker))) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Move the finished site in `work` to `out`: first to a marked sibling of `out` (same file system, so the last
 * step is a rename), then swap. `out` is new, empty (its own folder is kept), or marked (replaced whole).
 */
export function publishSite(work: string, out: string): void {
  fs.writeFileSync(path.join(work, siteMarker), "This folder is a site written by `wenda build`; the next build into it replaces it whole.\n");
  const parent = path.dirname(out);
  fs.mkdirSync(parent, { recursive: true });
  removeStaleSiblings(out);
  const tmp = path.join(parent, `.${path.basename(out)}.wenda-tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    fs.renameSync(work, tmp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    fs.cpSync(work, tmp, { recursive: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
  try {
    if (!fs.existsSync(out)) {
      fs.renameSync(tmp, out);
    } else if (fs.readdirSync(out).length === 0) {
      // An empty folder of the user's: keep the folder itself, move the site into it.
      for (const name of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, name), path.join(out, name));
      fs.rmdirSync(tmp);
    } else {
      const old = path.join(parent, `.${path.basename(out)}.wenda-old-${process.pid}`);
      fs.renameSync(out, old);
      fs.renameSync(tmp, out);
      fs.rmSync(old, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
