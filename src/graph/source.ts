/**
 * A note's bytes → its text, with a diagnostic for everything that is not plain UTF-8 (issue 7):
 * - a UTF-8 byte order mark is dropped, silently;
 * - UTF-16 (LE or BE, with a byte order mark, or without one when every other byte is NUL) is decoded, with an
 *   info diagnostic;
 * - a binary file named `.md` (known magic bytes such as PNG, or NUL/control-heavy) is not decoded at all: an
 *   error diagnostic, and the page says the file is not text;
 * - invalid UTF-8 becomes U+FFFD, with a warning at the first bad byte's line and column;
 * - NUL and every other C0 control character except TAB, LF and CR is removed, with a warning at the first one
 *   (left in, they would cut tags and links, and they are invalid in HTML). Later stages rely on this: a note's
 *   text never holds a C0 control other than TAB, LF and CR.
 */
import type { Diagnostic } from "./types.ts";

/** A note's text as wenda reads it. */
export interface DecodedSource {
  /** The text to parse: no BOM, no C0 control other than TAB, LF, CR. Empty for a binary file. */
  text: string;
  /** What decoding found, each with the file's path, a line and a column. */
  diagnostics: Diagnostic[];
  /** Set when the file is not text: what it looks like (`PNG image`) and its size in bytes. */
  binary?: { kind: string; bytes: number };
}

/** Magic numbers of files people drop into a vault by mistake (or rename to `.md`). */
const signatures: { kind: string; bytes: (number | undefined)[] }[] = [
  { kind: "PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: "JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { kind: "GIF image", bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: "WebP image", bytes: [0x52, 0x49, 0x46, 0x46, undefined, undefined, undefined, undefined, 0x57, 0x45, 0x42, 0x50] },
  { kind: "PDF document", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { kind: "ZIP archive (or an Office document)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: "gzip archive", bytes: [0x1f, 0x8b] },
  { kind: "7-Zip archive", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: "MP4/QuickTime video", bytes: [undefined, undefined, undefined, undefined, 0x66, 0x74, 0x79, 0x70] },
  { kind: "SQLite database", bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74] },
  { kind: "executable", bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/** How much of a file the binary heuristics look at. */
const sniffBytes = 8192;

/** Decode a note's bytes. Never throws. */
export function decodeSource(bytes: Uint8Array, path: string): DecodedSource {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, column: number, severity: Diagnostic["severity"], code: string, message: string) =>
    diagnostics.push({ path, line, column, severity, code, message });

  const binary = binaryKind(bytes);
  if (binary) {
    at(1, 1, "error", "not-text", `This file is a ${binary}, not text (${bytes.length} bytes); its page says so and shows nothing of it`);
    return { text: "", diagnostics, binary: { kind: binary, bytes: bytes.length } };
  }

  const utf16 = utf16Order(bytes);
  let text: string;
  if (utf16) {
    const hasBom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    text = new TextDecoder(utf16 === "le" ? "utf-16le" : "utf-16be").decode(bytes);
    at(1, 1, "info", "encoding-utf16", `Read as UTF-16 ${utf16.toUpperCase()}${hasBom ? "" : " (no byte order mark: every other byte is NUL)"}; wenda reads UTF-16, but other tools may not: save it as UTF-8`);
  } else {
    const bad = firstInvalidUtf8(bytes);
    text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    if (bad !== -1) {
      // The decoder drops a BOM, so this prefix lines up with `text`.
      const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
      const { line, column } = lineColumn(before, before.length);
      const count = countInvalidUtf8(bytes);
      const gbk = looksLikeGb18030(bytes) ? " It looks like GBK/GB18030: save it as UTF-8." : "";
      const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
      at(line, column, "warning", "encoding-invalid", `Not valid UTF-8: ${count} bad byte${count === 1 ? "" : "s"}, the first here (0x${hex} at byte ${bad}), shown as U+FFFD �.${gbk}`);
    }
  }
  return { text: cleanText(text, path, diagnostics), diagnostics };
}

/**
 * Text that did not come from bytes (tests, callers with a string): drop a leading BOM and the C0 controls
 * `decodeSource` drops, with the same warning.
 */
export function cleanText(text: string, path: string, diagnostics: Diagnostic[]): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Fast path: most notes have no control character at all.
  const first = noBom.search(controls);
  if (first === -1) return noBom;
  const found = new Map<string, number>();
  for (const match of noBom.matchAll(new RegExp(controls.source, "g"))) {
    const name = controlName(match[0].charCodeAt(0));
    found.set(name, (found.get(name) ?? 0) + 1);
  }
  const { line, column } = lineColumn(noBom, first);
  const total = [...found.values()].reduce((a, b) => a + b, 0);
  const list = [...found].map(([name, count]) => `${count} × ${name}`).join(", ");
  diagnostics.push({
    path,
    line,
    column,
    severity: "warning",
    code: "control-character",
    message: `${total} control character${total === 1 ? "" : "s"} removed (${list}), the first here; a tag or link around one reads as if it were not there`,
  });
  return noBom.replace(new RegExp(controls.source, "g"), "");
}

/** C0 controls other than TAB (9), LF (10) and CR (13). */
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function controlName(code: number): string {
  return code === 0 ? "NUL" : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** 1-based line and column (UTF-16 code units) of `offset` in `text`; CRLF, LF and CR each end a line. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** What a binary file looks like, or undefined for text (UTF-16 is text). */
function binaryKind(bytes: Uint8Array): string | undefined {
  for (const signature of signatures) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((byte, i) => byte === undefined || bytes[i] === byte)) {
      return signature.kind;
    }
  }
  if (utf16Order(bytes)) return undefined;
  const sample = bytes.subarray(0, sniffBytes);
  if (sample.length === 0) return undefined;
  let nul = 0;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) nul += 1;
    else if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control += 1;
  }
  // A stray NUL or control in a text file is cleaned with a warning; a file that is 1 % NUL or 10 % controls,
  // or mostly invalid UTF-8 that is not GB18030 either, is not text in any encoding wenda reads.
  if (nul > Math.max(8, sample.length / 100) || control > Math.max(8, sample.length / 10)) return "binary file";
  if (sample.length >= 64 && countInvalidUtf8(sample.subarray(0, sample.length - 3)) > sample.length * 0.3 && !looksLikeGb18030(sample)) {
    return "binary file";
  }
  return undefined;
}

/** `le` / `be` for UTF-16 text: a byte order mark, or ASCII-range text with every other byte NUL. */
function utf16Order(bytes: Uint8Array): "le" | "be" | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "be";
  const sample = bytes.subarray(0, sniffBytes & ~1);
  if (sample.length < 8 || sample.length % 2 !== 0) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZero += 1;
    if (sample[i + 1] === 0) oddZero += 1;
  }
  const pairs = sample.length / 2;
  if (oddZero >= pairs * 0.9 && evenZero === 0) return "le";
  if (evenZero >= pairs * 0.9 && oddZero === 0) return "be";
  return undefined;
}

/** Byte length of the UTF-8 sequence starting at `i`, or 0 when it is invalid (WHATWG's decoder rules). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (j: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + j];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80;
    const high = b0 === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80;
    const high = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Index of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

function countInvalidUtf8(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      count += 1;
      i += 1;
    } else i += length;
  }
  return count;
}

/** Whether the bytes decode as GB18030 without a replacement character (the usual legacy encoding of Chinese notes). */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    return !new TextDecoder("gb18030").decode(bytes.subarray(0, 65536)).slice(0, -1).includes("\uFFFD");
  } catch {
    return false;
  }
}
