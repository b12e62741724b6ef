/**
 * The persistent parse cache of `wenda build` (issue 11): one file per note, holding what a parse gives (the
 * note's facts and its position-free tree), named by a hash of everything the parse reads — the note's decoded
 * text and identity, the parse options the worker was sent, and wenda's code version — so an entry is never
 * stale: any change is a different name. Files are v8-serialized (the structured clone the workers already use)
 * behind a checksum; a file that fails it, or does not deserialize, is a miss. Safe to delete at any time.
 *
 * The cache folder comes from `WENDA_CACHE_DIR` (set by `wenda build` / `wenda dev`, see `cacheDirFor`); unset,
 * nothing is cached.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import type { Root } from "mdast";
import type { ParsedNote } from "../graph/build.ts";
import type { MediaResolution } from "../render/media.ts";
import type { RenderedEntry } from "./worker-protocol.ts";

export interface CachedParse {
  note: ParsedNote;
  tree: Root;
}

/** A cached render: the note's HTML, answers, embeds and fragments, and each media lookup it made. */
export interface RenderedEntryCache {
  entry: RenderedEntry;
  media: [args: [path: string, origin: "file" | "vault" | "remote", noteId: string], result: MediaResolution][];
}

/** What wenda's code is: its version and a hash of every file of its own that can change a build. */
let version: string | undefined;
export function codeVersion(): string {
  if (process.env.WENDA_CODE_VERSION) return process.env.WENDA_CODE_VERSION;
  if (version) return version;
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const hash = createHash("sha1");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const dir of ["src", "plugins", "public", "bin"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  for (const file of ["package.json", "package-lock.json", "astro.config.mjs", "tsconfig.json"]) if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  for (const file of files.sort()) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  version = `${pkg.version}+${hash.digest("hex").slice(0, 16)}`;
  return version;
}

/** The default cache folder of a vault: under wenda's work folder, one per vault path. */
export function cacheDirFor(workRoot: string, vault: string): string {
  return path.join(workRoot, "cache", createHash("sha1").update(path.resolve(vault)).digest("hex").slice(0, 16));
}

export class ParseCache {
  readonly dir: string;
  #prefix: string;

  /** `options`: every parse input besides the note itself (the parse message without its files). */
  constructor(cacheDir: string, options: unknown) {
    this.dir = path.join(cacheDir, "parse");
    this.#prefix = `${codeVersion()}\0${JSON.stringify(options)}\0`;
  }

  key(file: unknown, text: string): string {
    return createHash("sha1").update(this.#prefix).update(JSON.stringify(file)).update("\0").update(text).digest("hex");
  }

  #file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  get(key: string, id: string): CachedParse | undefined {
    const entry = this.#read(key) as CachedParse | undefined;
    return entry?.note?.id === id && entry.tree?.type === "root" ? entry : undefined;
  }

  getRendered(key: string, id: string): RenderedEntryCache | undefined {
    const entry = this.#read(key) as RenderedEntryCache | undefined;
    return Array.isArray(entry?.entry) && entry.entry[0] === id && Array.isArray(entry.media) ? entry : undefined;
  }

  #read(key: string): unknown {
    try {
      const bytes = fs.readFileSync(this.#file(key));
      const sum = bytes.subarray(0, 20);
      const body = bytes.subarray(20);
      if (!createHash("sha1").update(body).digest().equals(sum)) return undefined;
      return v8.deserialize(body);
    } catch {
      return undefined; // Missing, unreadable or corrupt: parse (or render) it.
    }
  }

  set(key: string, entry: CachedParse): void {
    this.#write(key, entry);
  }

  setRendered(key: string, entry: RenderedEntryCache): void {
    this.#write(key, entry);
  }

  #write(key: string, entry: unknown): void {
    try {
      const file = this.#file(key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const body = v8.serialize(entry);
      // Written beside and renamed: a build stopped mid-write leaves no half entry under the real name.
      const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(temporary, Buffer.concat([createHash("sha1").update(body).digest(), body]));
      fs.renameSync(temporary, file);
    } catch {
      // A cache that cannot be written is only slower.
    }
  }
}

/** The parse cache for these parse options, when the build has a cache folder. */
export function parseCacheFor(options: unknown): ParseCache | undefined {
  const dir = process.env.WENDA_CACHE_DIR;
  return dir ? new ParseCache(dir, options) : undefined;
}

/** Delete the entries no note of this build used (and stray temporary files): the cache holds one build. */
export function pruneParseCache(cacheDir: string, used: Set<string>): number {
  const root = path.join(cacheDir, "parse");
  let removed = 0;
  let folders: string[];
  try {
    folders = fs.readdirSync(root);
  } catch {
    return 0;
  }
  for (const folder of folders) {
    const dir = path.join(root, folder);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (used.has(name.slice(0, -4)) && name.endsWith(".bin")) continue;
      fs.rmSync(path.join(dir, name), { force: true, recursive: true });
      removed += 1;
    }
  }
  return removed;
}
