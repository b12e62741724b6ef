/**
 * Media paths → site URLs (DIALECT §7). A normalized `file:` path loses the configured vault-root prefix and is
 * looked up in the media map, then in the media folder (copied into the site under `/media/`) or under a media
 * base URL. Vault-relative paths (plain Obsidian attachments) are copied under `/assets/`. Nothing outside the
 * media folder or the vault is ever read: `..` and absolute escapes are refused.
 */
import fs from "node:fs";
import path from "node:path";
import type { WendaConfig } from "../config.ts";

export type MediaResolution = { url: string } | { missing: string };

export interface MediaCopy {
  /** Absolute source path (inside the media folder or the vault). */
  from: string;
  /** Path under the output folder, forward slashes. */
  to: string;
}

export class MediaResolver {
  /** Files to copy into the site, by output path. */
  readonly copies = new Map<string, MediaCopy>();
  readonly #cache = new Map<string, MediaResolution>();

  constructor(
    readonly config: Pick<WendaConfig, "vaultRoot" | "media" | "base">,
    readonly vault: string,
  ) {}

  /** Resolve a media reference found in note `noteId`. */
  resolve(mediaPath: string, origin: "file" | "vault" | "remote", noteId = ""): MediaResolution {
    const key = `${origin}\u0000${origin === "vault" ? `${noteId}\u0000` : ""}${mediaPath}`;
    let hit = this.#cache.get(key);
    if (!hit) {
      hit = this.#resolve(mediaPath, origin, noteId);
      this.#cache.set(key, hit);
    }
    return hit;
  }

  #resolve(mediaPath: string, origin: "file" | "vault" | "remote", noteId: string): MediaResolution {
    if (origin === "remote") return /^https?:\/\//i.test(mediaPath) ? { url: mediaPath } : { missing: "not a web address" };
    if (origin === "vault") return this.#vaultFile(mediaPath, noteId);
    const root = this.config.vaultRoot;
    if (root && mediaPath.toLowerCase().startsWith(root.toLowerCase())) {
      return this.#mediaFile(mediaPath.slice(root.length));
    }
    // Not under the vault root: a path into the vault itself?
    return { missing: "outside the configured vault root" };
  }

  #mediaFile(relative: string): MediaResolution {
    const rel = safeRelative(relative);
    if (!rel) return { missing: "path leaves the media folder" };
    const mapped = this.config.media.map[rel];
    const target = mapped ? safeRelative(mapped) : rel;
    if (!target) return { missing: "mapped path leaves the media folder" };
    if (this.config.media.baseUrl) return { url: this.config.media.baseUrl + encodePath(target) };
    const dir = this.config.media.dir;
    if (!dir) return { missing: "no media folder configured" };
    const from = path.join(dir, target);
    if (!isInside(dir, from) || !isFile(from)) return { missing: "not in the media folder" };
    const to = `media/${target}`;
    this.copies.set(to, { from, to });
    return { url: this.config.base + encodePath(to) };
  }

  #vaultFile(relative: string, noteId: string): MediaResolution {
    const folder = noteId.includes("/") ? noteId.slice(0, noteId.lastIndexOf("/")) : "";
    for (const candidate of [path.posix.join(folder, relative), relative]) {
      const rel = safeRelative(candidate);
      if (!rel) continue;
      const from = path.join(this.vault, rel);
      if (isInside(this.vault, from) && isFile(from)) {
        const to = `assets/${rel}`;
        this.copies.set(to, { from, to });
        return { url: this.config.base + encodePath(to) };
      }
    }
    return { missing: "not found in the vault" };
  }
}

/** A relative path with no `..`, no drive, no leading `/`; `undefined` when it would escape. */
export function safeRelative(input: string): string | undefined {
  const parts: string[] = [];
  for (const part of input.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." || /^[a-z]:$/i.test(part) || part.includes("\u0000")) return undefined;
    parts.push(part);
  }
  return parts.length ? parts.join("/") : undefined;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function isFile(file: string): boolean {
  try {
    // lstat: a symlink inside the media folder could point anywhere.
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function encodePath(rel: string): string {
  return rel.split("/").map(encodeURIComponent).join("/");
}
