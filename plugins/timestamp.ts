/**
 * Timestamps (DIALECT §7): Media Extended's `[06:38](file:///…视频.mp4#t=398.418331)`, wiki forms
 * `[[video.mp4#t=5,10]]` / `![[video.mp4#t=90]]`, Logseq's `{{youtube-timestamp 90}}`, and YouTube / Bilibili
 * links with `t=`. Each becomes a `timestamp` node; the fragment is the truth, the label is for display.
 * An invalid fragment is a warning and the link stays a plain (media) link.
 * Runs after `remarkMediaLink`, which normalized the paths.
 */
import type { Link, Parent, PhrasingContent, Root, Text } from "mdast";
import { toString as textOf } from "mdast-util-to-string";
import type { Node } from "unist";
import { SKIP, visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { report } from "./diagnostic.ts";
import { formatClock, parseClock, parseTimeFragment, type TimeRange } from "./media/fragment.ts";
import { isVideoOrAudio, parseMediaUrl } from "./media/normalize.ts";
import type { Timestamp, WikiLink } from "./types.d.ts";

const youtubeTimestamp = /\{\{\s*youtube-timestamp\s+([\d:.]+)\s*\}\}/g;

export function remarkTimestamp() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return undefined;
      if (node.type === "link") return replaceWith(parent, index, linkTimestamp(node, file));
      if (node.type === "wikiLink") return replaceWith(parent, index, wikiTimestamp(node as WikiLink, file));
      if (node.type === "text" && node.value.includes("youtube-timestamp")) {
        const pieces = macroTimestamps(node, file.data.media ?? "", file);
        if (pieces) {
          parent.children.splice(index, 1, ...(pieces as never[]));
          return [SKIP, index + pieces.length];
        }
      }
      return undefined;
    });
  };
}

/** Latest media time accepted, in seconds (100 hours): anything later is a typo or a hostile value. */
export const maxMediaSeconds = 360_000;

function inRange(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= maxMediaSeconds;
}

/** Report a range outside 0…`maxMediaSeconds`; `true` when it is (the link then stays plain). */
function outOfRange(range: TimeRange, node: Node, file: VFile, shown: string): boolean {
  if (inRange(range.start) && (range.end === undefined || inRange(range.end))) return false;
  report(file, node, "warning", "timestamp-out-of-range", `Timestamp \`${shown}\` is outside 0 to ${maxMediaSeconds} s (100 hours); the link stays plain`);
  return true;
}

function replaceWith(parent: Parent, index: number, timestamp: Timestamp | undefined) {
  if (!timestamp) return undefined;
  parent.children[index] = timestamp as never;
  return SKIP;
}

function linkTimestamp(link: Link, file: VFile): Timestamp | undefined {
  const url = parseMediaUrl(link.url);
  if (!url) return undefined;
  let range: TimeRange | null | undefined;
  let media = url.path;
  if (url.origin === "remote") {
    const remote = remoteTime(url.path);
    if (!remote) return undefined;
    range = { start: remote.start };
    media = remote.media;
  } else {
    if (!isVideoOrAudio(url.path)) return undefined;
    range = parseTimeFragment(url.fragment);
  }
  if (range === undefined) return undefined;
  if (range === null) {
    report(file, link, "warning", "timestamp-invalid", `Timestamp fragment \`#${url.fragment}\` is not a valid media time; the link stays plain`);
    return undefined;
  }
  if (outOfRange(range, link, file, url.origin === "remote" ? link.url : `#${url.fragment}`)) return undefined;
  return timestampNode(media, range, textOf(link).trim(), link.children, link);
}

function wikiTimestamp(link: WikiLink, file: VFile): Timestamp | undefined {
  const { target, heading } = link.data;
  if (!target || !heading || !isVideoOrAudio(target) || !/^t=/i.test(heading)) return undefined;
  const range = parseTimeFragment(heading);
  if (!range) {
    report(file, link, "warning", "timestamp-invalid", `Timestamp fragment \`#${heading}\` is not a valid media time; the link stays plain`);
    return undefined;
  }
  if (outOfRange(range, link, file, `#${heading}`)) return undefined;
  const label = link.data.alias ?? formatClock(range.start);
  return timestampNode(target, range, label, [{ type: "text", value: label }], link);
}

function macroTimestamps(text: Text, media: string, file: VFile): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const match of text.value.matchAll(youtubeTimestamp)) {
    const start = parseClock(match[1] as string);
    if (start === null || !inRange(start)) {
      const place = { line: text.position?.start.line ?? 1, column: text.position?.start.column ?? 1 };
      report(file, place, "warning", start === null ? "timestamp-invalid" : "timestamp-out-of-range", `\`${match[0]}\` is not a media time from 0 to ${maxMediaSeconds} s; it stays text`);
      continue;
    }
    if (match.index > last) out.push({ type: "text", value: text.value.slice(last, match.index) });
    const label = formatClock(start);
    out.push(timestampNode(media, { start }, label, [{ type: "text", value: label }], text));
    last = match.index + match[0].length;
  }
  if (last === 0) return undefined;
  if (last < text.value.length) out.push({ type: "text", value: text.value.slice(last) });
  return out;
}

/** YouTube (`t=90`, `t=1m30s`) and Bilibili (`t=90.5`) start times; the media is the URL without `t`. */
function remoteTime(url: string): { media: string; start: number } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/(^|\.)(youtube\.com|youtu\.be|bilibili\.com|b23\.tv)$/i.test(parsed.hostname)) return undefined;
  const t = parsed.searchParams.get("t") ?? parsed.searchParams.get("start");
  if (!t) return undefined;
  const hms = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?$/i.exec(t);
  const start = hms && t !== "" ? Number(hms[1] ?? 0) * 3600 + Number(hms[2] ?? 0) * 60 + Number(hms[3] ?? 0) : parseClock(t);
  if (start === null || Number.isNaN(start)) return undefined;
  parsed.searchParams.delete("t");
  parsed.searchParams.delete("start");
  return { media: parsed.toString(), start };
}

function timestampNode(
  media: string,
  range: TimeRange,
  label: string,
  children: PhrasingContent[],
  from: { position?: Timestamp["position"] },
): Timestamp {
  const node: Timestamp = { type: "timestamp", media, start: range.start, label: label || formatClock(range.start), children };
  if (range.end !== undefined) node.end = range.end;
  if (from.position) node.position = from.position;
  return node;
}
