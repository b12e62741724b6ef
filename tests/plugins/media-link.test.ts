/**
 * Media links and images (DIALECT §7): `data.media` on links and images, the card's video in `file.data.media`;
 * path normalization (`media/normalize.ts`) and the W3C temporal fragment (`media/fragment.ts`).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { formatClock, parseClock, parseTimeFragment } from "../../plugins/media/fragment.ts";
import {
  isAudio,
  isImage,
  isVideoOrAudio,
  normalizeFilePath,
  parseMediaUrl,
  safeDecode,
} from "../../plugins/media/normalize.ts";
import type { MediaRef } from "../../plugins/types.d.ts";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("media-link");

/** The seed's video, as written in its first bullet (raw CJK, `%5C` separators). */
const seedVideoRaw =
  "file:///Z:%5C我的阅读黑曜石Vault%5C资产库藏%5C互联网Java工程师面试突击训练系列课程%5C第一季%5C06_引入消息队列之后该如何保证其高可用性？%5C视频%5C01%5C视频.mp4";
/** The same video as the timestamp writes it (fully encoded, `Z:/%5C`). */
const seedVideoEncoded =
  "file:///Z:/%5C%E6%88%91%E7%9A%84%E9%98%85%E8%AF%BB%E9%BB%91%E6%9B%9C%E7%9F%B3Vault%5C%E8%B5%84%E4%BA%A7%E5%BA%93%E8%97%8F%5C%E4%BA%92%E8%81%94%E7%BD%91Java%E5%B7%A5%E7%A8%8B%E5%B8%88%E9%9D%A2%E8%AF%95%E7%AA%81%E5%87%BB%E8%AE%AD%E7%BB%83%E7%B3%BB%E5%88%97%E8%AF%BE%E7%A8%8B%5C%E7%AC%AC%E4%B8%80%E5%AD%A3%5C06_%E5%BC%95%E5%85%A5%E6%B6%88%E6%81%AF%E9%98%9F%E5%88%97%E4%B9%8B%E5%90%8E%E8%AF%A5%E5%A6%82%E4%BD%95%E4%BF%9D%E8%AF%81%E5%85%B6%E9%AB%98%E5%8F%AF%E7%94%A8%E6%80%A7%EF%BC%9F%5C%E8%A7%86%E9%A2%91%5C01%5C%E8%A7%86%E9%A2%91.mp4#t=398.418331";
const seedVideo =
  "Z:/我的阅读黑曜石Vault/资产库藏/互联网Java工程师面试突击训练系列课程/第一季/06_引入消息队列之后该如何保证其高可用性？/视频/01/视频.mp4";

/** `data.media` of every link and image, in order. */
function mediaRefs(source: string): (MediaRef | undefined)[] {
  const found: (MediaRef | undefined)[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "link" || node.type === "image") found.push(node.data?.media);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("the seed's two spellings of one Windows path normalize to the same string", () => {
  const raw = parseMediaUrl(seedVideoRaw);
  const encoded = parseMediaUrl(seedVideoEncoded);
  assert.deepEqual(raw, { path: seedVideo, fragment: "", origin: "file" });
  assert.deepEqual(encoded, { path: seedVideo, fragment: "t=398.418331", origin: "file" });
});

test("the seed's card media is its first video link, normalized", () => {
  const { file } = processNote(`* [视频](${seedVideoRaw}) \n\t* [06:38](${seedVideoEncoded})\n`);
  assert.equal(file.data.media, seedVideo);
});

test("normalizeFilePath: drive letter upper-cased, `\\` and `//` folded, percent-decoded", () => {
  assert.equal(normalizeFilePath("///z:%5C课程%5C%5C视频.mp4"), "Z:/课程/视频.mp4");
  assert.equal(normalizeFilePath("//Z:/\\课程\\视频.mp4"), "Z:/课程/视频.mp4");
  assert.equal(normalizeFilePath("///d:"), "D:");
  assert.equal(normalizeFilePath("///home/用户/视频%20一.mp4"), "/home/用户/视频 一.mp4");
  assert.equal(normalizeFilePath("资产/图.png", { relative: true }), "资产/图.png");
  assert.equal(normalizeFilePath("./资产\\图.png", { relative: true }), "资产/图.png");
});

test("a drive-like prefix that is not a drive stays a path", () => {
  assert.equal(normalizeFilePath("///zz:/x"), "/zz:/x");
});

test("safeDecode: malformed escapes are kept, good runs around them decoded, nothing throws", () => {
  assert.equal(safeDecode("%E6%88%91"), "我");
  assert.equal(safeDecode("%E6%88"), "%E6%88");
  assert.equal(safeDecode("%E6%88%91%ZZ"), "我%ZZ");
  assert.equal(safeDecode("前%E6%88后%E8%A7%86"), "前%E6%88后视");
  assert.equal(safeDecode("100%"), "100%");
  assert.doesNotThrow(() => parseMediaUrl("file:///Z:/%E6%88/视频.mp4#t=%E6"));
  assert.equal(parseMediaUrl("file:///Z:/%E6%88/视频.mp4")?.path, "Z:/%E6%88/视频.mp4");
});

test("parseMediaUrl: origins and non-media schemes", () => {
  assert.deepEqual(parseMediaUrl("https://example.com/课程/视频.mp4#t=5"), {
    path: "https://example.com/课程/视频.mp4",
    fragment: "t=5",
    origin: "remote",
  });
  assert.deepEqual(parseMediaUrl("资产/图片%201.png"), { path: "资产/图片 1.png", fragment: "", origin: "vault" });
  assert.deepEqual(parseMediaUrl("C:\\视频\\一.mp4"), { path: "C:/视频/一.mp4", fragment: "", origin: "vault" });
  assert.deepEqual(parseMediaUrl("/绝对/路径.mp4"), { path: "/绝对/路径.mp4", fragment: "", origin: "vault" });
  for (const url of ["mailto:a@b.c", "javascript:alert(1)", "data:image/png;base64,AAAA", "obsidian://open?x", "#锚点", ""]) {
    assert.equal(parseMediaUrl(url), undefined, url);
  }
});

test("extensions: video, audio and image, case-insensitive; a query is ignored for video", () => {
  assert.ok(isVideoOrAudio("Z:/视频.MP4"));
  assert.ok(isVideoOrAudio("https://x.cn/a.webm?token=1"));
  assert.ok(isVideoOrAudio("录音.m4a"));
  assert.ok(!isVideoOrAudio("图片.png"));
  assert.ok(!isVideoOrAudio("目录.mp4/文件"));
  assert.ok(isAudio("录音.MP3"));
  assert.ok(!isAudio("视频.mp4"));
  assert.ok(isImage("图片.PNG"));
  assert.ok(isImage("a.b/图.svg"));
  assert.ok(!isImage("没有扩展名"));
});

test("links get `data.media` only when they point at media (remote pages do not)", () => {
  assert.deepEqual(
    mediaRefs(
      "[网页](https://example.com/页面) [远程视频](https://x.cn/v.mp4) [本地](file:///D:/课/一.mp4) [文档](资料/笔记.pdf) [邮件](mailto:a@b.c)",
    ),
    [
      undefined,
      { path: "https://x.cn/v.mp4", origin: "remote" },
      { path: "D:/课/一.mp4", origin: "file" },
      { path: "资料/笔记.pdf", origin: "vault" },
      undefined,
    ],
  );
});

test("images always get `data.media`, remote ones too", () => {
  assert.deepEqual(mediaRefs("![图片.png](file:///Z:%5C课%5C图片.png) ![远程](https://x.cn/图.png) ![相对](图/一.png)"), [
    { path: "Z:/课/图片.png", origin: "file" },
    { path: "https://x.cn/图.png", origin: "remote" },
    { path: "图/一.png", origin: "vault" },
  ]);
});

test("the card media skips timestamps, images, remote videos and non-video files", () => {
  const { file } = processNote(
    "* [06:38](file:///D:/甲.mp4#t=398)\n* ![图](file:///D:/图.png)\n* [远程](https://x.cn/v.mp4)\n* [文档](file:///D:/a.pdf)\n* [乙](file:///D:/乙.mp4)\n* [丙](file:///D:/丙.mp4)\n",
  );
  assert.equal(file.data.media, "D:/乙.mp4");
});

test("no video, no card media", () => {
  assert.equal(processNote("只有文字 [网页](https://example.com)").file.data.media, undefined);
});

test("parseTimeFragment: every form of the grammar", () => {
  assert.deepEqual(parseTimeFragment("t=398.418331"), { start: 398.418331 });
  assert.deepEqual(parseTimeFragment("t=06:38"), { start: 398 });
  assert.deepEqual(parseTimeFragment("t=6:38"), { start: 398 });
  assert.deepEqual(parseTimeFragment("t=1:02:03.5"), { start: 3723.5 });
  assert.deepEqual(parseTimeFragment("t=npt:10,20"), { start: 10, end: 20 });
  assert.deepEqual(parseTimeFragment("t=NPT:10"), { start: 10 });
  assert.deepEqual(parseTimeFragment("t=,20"), { start: 0, end: 20 });
  assert.deepEqual(parseTimeFragment("t=10&loop"), { start: 10 });
  assert.deepEqual(parseTimeFragment("mute&t=5,6.5&loop"), { start: 5, end: 6.5 });
  assert.deepEqual(parseTimeFragment("T=7"), { start: 7 });
  assert.deepEqual(parseTimeFragment("t=90s"), { start: 90 });
  assert.deepEqual(parseTimeFragment("t=5,5"), { start: 5, end: 5 });
});

test("parseTimeFragment: no `t=` is undefined, an invalid one null", () => {
  assert.equal(parseTimeFragment(""), undefined);
  assert.equal(parseTimeFragment("xywh=1,2,3,4"), undefined);
  assert.equal(parseTimeFragment("标题"), undefined);
  for (const bad of ["t=abc", "t=", "t=,", "t=20,10", "t=1:60", "t=1:60:00", "t=-5", "t=1:2:3:4", "t=10,abc"]) {
    assert.equal(parseTimeFragment(bad), null, bad);
  }
});

test("parseClock and formatClock", () => {
  assert.equal(parseClock("398.418331"), 398.418331);
  assert.equal(parseClock(" 06:38 "), 398);
  assert.equal(parseClock("1:02:03"), 3723);
  assert.equal(parseClock("0:00:00.25"), 0.25);
  assert.equal(parseClock("99:59"), 5999);
  assert.equal(parseClock("六分"), null);
  assert.equal(formatClock(398.418331), "06:38");
  assert.equal(formatClock(0), "00:00");
  assert.equal(formatClock(59.999), "00:59");
  assert.equal(formatClock(3723), "1:02:03");
  assert.equal(formatClock(36000), "10:00:00");
});
