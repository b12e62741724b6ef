/**
 * Timestamps (DIALECT §7): Media Extended links, `[[video.mp4#t=…]]` and `![[…]]`, Logseq's
 * `{{youtube-timestamp}}`, YouTube and Bilibili `t=`. The fragment is the truth; the label is for display.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import type { Timestamp } from "../../plugins/types.d.ts";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("timestamp");

const video = "file:///Z:/%E8%A7%86%E9%A2%91.mp4";

/** `[media, start, end, label]` of every timestamp. */
function timestamps(source: string): [string, number, number | undefined, string][] {
  const found: [string, number, number | undefined, string][] = [];
  const walk = (node: Nodes) => {
    if (node.type === "timestamp") {
      const ts = node as Timestamp;
      found.push([ts.media, ts.start, ts.end, ts.label]);
    }
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("the seed's timestamp: 398.418331 s, label 06:38, on the normalized video", () => {
  const encoded =
    "file:///Z:/%5C%E6%88%91%E7%9A%84%E9%98%85%E8%AF%BB%E9%BB%91%E6%9B%9C%E7%9F%B3Vault%5C%E8%A7%86%E9%A2%91.mp4#t=398.418331";
  assert.deepEqual(timestamps(`* [06:38](${encoded})`), [["Z:/我的阅读黑曜石Vault/视频.mp4", 398.418331, undefined, "06:38"]]);
});

test("Media Extended fragments: seconds, clocks, npt, open start, flags", () => {
  assert.deepEqual(
    timestamps(
      [
        `[a](${video}#t=398.418331)`,
        `[b](${video}#t=06:38)`,
        `[c](${video}#t=1:02:03.5)`,
        `[d](${video}#t=npt:10,20)`,
        `[e](${video}#t=,20)`,
        `[f](${video}#t=10&loop)`,
      ].join(" "),
    ),
    [
      ["Z:/视频.mp4", 398.418331, undefined, "a"],
      ["Z:/视频.mp4", 398, undefined, "b"],
      ["Z:/视频.mp4", 3723.5, undefined, "c"],
      ["Z:/视频.mp4", 10, 20, "d"],
      ["Z:/视频.mp4", 0, 20, "e"],
      ["Z:/视频.mp4", 10, undefined, "f"],
    ],
  );
});

test("the label is display only: a wrong label does not change the time", () => {
  assert.deepEqual(timestamps(`[99:99](${video}#t=5)`), [["Z:/视频.mp4", 5, undefined, "99:99"]]);
});

test("an empty label falls back to the formatted time", () => {
  assert.deepEqual(timestamps(`[](${video}#t=3723)`), [["Z:/视频.mp4", 3723, undefined, "1:02:03"]]);
});

test("invalid `t=abc`: a warning, and the link stays a (media) link", () => {
  const { tree, file } = processNote(`前 [坏的](${video}#t=abc) 后`);
  const paragraph = tree.children[0];
  assert.equal(paragraph?.type, "paragraph");
  const link = paragraph.type === "paragraph" ? paragraph.children[1] : undefined;
  assert.equal(link?.type, "link");
  assert.deepEqual(link?.data?.media, { path: "Z:/视频.mp4", origin: "file" });
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.fatal, m.line, m.column]),
    [["timestamp-invalid", false, 1, 3]],
  );
  assert.match(file.messages[0]?.reason ?? "", /#t=abc/);
});

test("not timestamps: no fragment, other fragments, images, code", () => {
  assert.deepEqual(
    timestamps(
      `[视频](${video}) [区域](${video}#xywh=1,2,3,4) [图](file:///Z:/图.png#t=5) ![图](${video}#t=5) \`[06:38](${video}#t=1)\``,
    ),
    [],
  );
});

test("wiki forms: `[[video.mp4#t=5,10]]`, embeds, aliases; invalid ones warn", () => {
  const { file } = processNote("[[video.mp4#t=5,10]] ![[视频.mp4#t=90]] [[视频.mp4#t=1:30|一分半]] [[视频.mp4#t=坏]] [[视频.mp4#标题]]");
  assert.deepEqual(timestamps("[[video.mp4#t=5,10]] ![[视频.mp4#t=90]] [[视频.mp4#t=1:30|一分半]] [[视频.mp4#t=坏]] [[视频.mp4#标题]]"), [
    ["video.mp4", 5, 10, "00:05"],
    ["视频.mp4", 90, undefined, "01:30"],
    ["视频.mp4", 90, undefined, "一分半"],
  ]);
  assert.deepEqual(
    file.messages.map((m) => m.ruleId),
    ["timestamp-invalid"],
  );
});

test("`[[note#t=5]]` on a note (not a video) is a heading link, not a timestamp", () => {
  assert.deepEqual(timestamps("[[笔记#t=5]]"), []);
});

test("Logseq `{{youtube-timestamp}}` seeks the card's video", () => {
  assert.deepEqual(timestamps(`* [视频](${video})\n\t* {{youtube-timestamp 90}} 和 {{youtube-timestamp 1:02:03}} 和 {{ youtube-timestamp 6:38 }}`), [
    ["Z:/视频.mp4", 90, undefined, "01:30"],
    ["Z:/视频.mp4", 3723, undefined, "1:02:03"],
    ["Z:/视频.mp4", 398, undefined, "06:38"],
  ]);
});

test("`{{youtube-timestamp}}` in code stays text", () => {
  assert.deepEqual(timestamps("`{{youtube-timestamp 90}}`\n\n```\n{{youtube-timestamp 90}}\n```\n"), []);
});

test("YouTube and Bilibili `t=`: the start, and the URL without `t`", () => {
  assert.deepEqual(
    timestamps(
      [
        "[一分半](https://www.youtube.com/watch?v=abc123&t=1m30s)",
        "[秒](https://www.youtube.com/watch?v=abc123&t=75)",
        "[小时](https://youtube.com/watch?v=abc123&t=1h2m3s)",
        "[短链](https://youtu.be/abc123?t=75)",
        "[B站](https://www.bilibili.com/video/BV1xx411c7mD?t=90)",
        "[B站小数](https://www.bilibili.com/video/BV1xx411c7mD?p=2&t=90.5)",
        "[start](https://www.youtube.com/embed/abc123?start=30)",
      ].join(" "),
    ),
    [
      ["https://www.youtube.com/watch?v=abc123", 90, undefined, "一分半"],
      ["https://www.youtube.com/watch?v=abc123", 75, undefined, "秒"],
      ["https://youtube.com/watch?v=abc123", 3723, undefined, "小时"],
      ["https://youtu.be/abc123", 75, undefined, "短链"],
      ["https://www.bilibili.com/video/BV1xx411c7mD", 90, undefined, "B站"],
      ["https://www.bilibili.com/video/BV1xx411c7mD?p=2", 90.5, undefined, "B站小数"],
      ["https://www.youtube.com/embed/abc123", 30, undefined, "start"],
    ],
  );
});

test("remote links without `t=`, or on other sites, are not timestamps", () => {
  assert.deepEqual(
    timestamps("[无](https://www.youtube.com/watch?v=abc) [别处](https://example.com/v.mp4?t=5) [假冒](https://notyoutube.com/?t=5)"),
    [],
  );
});

test("a timestamp keeps its position and its label's children", () => {
  const { tree } = processNote(`* [**06**:38](${video}#t=398)`);
  const json = JSON.parse(JSON.stringify(tree)) as { children: [{ children: [{ children: [{ children: [Timestamp] }] }] }] };
  const ts = json.children[0].children[0].children[0].children[0];
  assert.equal(ts.type, "timestamp");
  assert.equal(ts.label, "06:38");
  assert.deepEqual(
    ts.children.map((child) => child.type),
    ["strong", "text"],
  );
  assert.deepEqual([ts.position?.start.line, ts.position?.start.column], [1, 3]);
});

test("timestamps out of range (all nines, huge, negative, NaN) are warnings and stay plain links", () => {
  const cases: [string, string][] = [
    ["[x](file:///Z:/v.mp4#t=99999999999)", "timestamp-out-of-range"],
    ["[x](file:///Z:/v.mp4#t=999999,9999999)", "timestamp-out-of-range"],
    ["[x](file:///Z:/v.mp4#t=99:99:99)", "timestamp-invalid"],
    ["[x](file:///Z:/v.mp4#t=-5)", "timestamp-invalid"],
    ["[x](file:///Z:/v.mp4#t=NaN)", "timestamp-invalid"],
    ["[[v.mp4#t=99999999999]]", "timestamp-out-of-range"],
    ["[x](https://www.youtube.com/watch?v=a&t=99999999999)", "timestamp-out-of-range"],
    ["{{youtube-timestamp 99999999999}}", "timestamp-out-of-range"],
  ];
  for (const [source, code] of cases) {
    const { tree, file } = processNote(`前 ${source} 后\n`);
    assert.doesNotMatch(JSON.stringify(tree), /"type":"timestamp"/, source);
    assert.deepEqual(file.messages.map((m) => [m.ruleId, m.line]), [[code, 1]], source);
  }
  const { tree, file } = processNote("[x](file:///Z:/v.mp4#t=359999)\n");
  assert.match(JSON.stringify(tree), /"type":"timestamp"/, "99:59:59 is still a time");
  assert.deepEqual(file.messages, []);
});
