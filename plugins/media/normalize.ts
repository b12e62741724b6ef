/**
 * Media paths (DIALECT §7). The two spellings DG leaves of one Windows path, `file:///Z:%5C我的…` (raw CJK) and
 * `file:///Z:/%5C%E6%88%91…` (fully encoded), must become one string: split off `#`, strip `file:` and the
 * slashes after it, percent-decode as UTF-8, turn `\` into `/`, collapse `//`, upper-case the drive letter.
 * Node's `fileURLToPath` throws on `%5C`, so it is not used here.
 */

/** What a URL in a note points at. */
export interface MediaUrl {
  /** Normalized path (`Z:/…/视频.mp4`, `/home/…`), vault-relative path, or remote URL, without fragment. */
  path: string;
  /** The fragment after `#`, without the `#` (`t=398.418331`), or `""`. */
  fragment: string;
  origin: "file" | "vault" | "remote";
}

const videoExtensions = new Set(["mp4", "webm", "mkv", "mov", "m4v", "avi", "flv", "ogv", "3gp"]);
const audioExtensions = new Set(["mp3", "m4a", "wav", "ogg", "oga", "flac", "aac", "opus"]);
const imageExtensions = new Set(["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif", "ico"]);

/** Classify and normalize `url`; `undefined` for URLs that are not media candidates (mailto:, javascript:, …). */
export function parseMediaUrl(url: string): MediaUrl | undefined {
  const hash = url.indexOf("#");
  const bare = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? "" : url.slice(hash + 1);
  if (/^file:/i.test(bare)) return { path: normalizeFilePath(bare.slice(5)), fragment, origin: "file" };
  if (/^https?:\/\//i.test(bare)) return { path: bare, fragment, origin: "remote" };
  if (/^[a-z][a-z\d+.-]*:/i.test(bare) && !/^[a-z]:[\\/]/i.test(bare)) return undefined;
  if (bare === "") return undefined;
  return { path: normalizeFilePath(bare, { relative: !/^([a-z]:)?[\\/]/i.test(bare) }), fragment, origin: "vault" };
}

/** Normalize the part of a `file:` URL after `file:`, or a plain path. */
export function normalizeFilePath(raw: string, { relative = false } = {}): string {
  let path = safeDecode(raw).replace(/\\/g, "/").replace(/\/{2,}/g, "/");
  if (relative) return path.replace(/^\.\//, "");
  path = path.replace(/^\/+/, "");
  const drive = /^([a-z]):(?:\/|$)/i.exec(path);
  if (drive) return (drive[1] as string).toUpperCase() + path.slice(1);
  return `/${path}`;
}

/** `decodeURIComponent`, but a malformed escape is kept as written instead of throwing. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[\da-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function extensionOf(path: string): string {
  const dot = path.lastIndexOf(".");
  const slash = path.lastIndexOf("/");
  return dot > slash ? path.slice(dot + 1).toLowerCase() : "";
}

/** The origin of an already normalized media path (as stored on timestamps and on a card's `media`). */
export function mediaOrigin(normalized: string): MediaUrl["origin"] {
  if (/^https?:\/\//i.test(normalized)) return "remote";
  return /^([A-Z]:\/|\/)/.test(normalized) ? "file" : "vault";
}

export function isVideoOrAudio(path: string): boolean {
  const ext = extensionOf(path.split("?")[0] ?? path);
  return videoExtensions.has(ext) || audioExtensions.has(ext);
}

export function isAudio(path: string): boolean {
  return audioExtensions.has(extensionOf(path));
}

export function isImage(path: string): boolean {
  return imageExtensions.has(extensionOf(path));
}
