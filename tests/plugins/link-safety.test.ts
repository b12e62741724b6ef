/** Dangerous protocols, UNC paths and `..` in links and media are diagnosed with their place (issue 7). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { urlProblem } from "../../plugins/link-safety.ts";
import { processNote } from "../helpers/fixtures.ts";

const codes = (source: string) =>
  processNote(source)
    .file.messages.filter((m) => m.source === "wenda")
    .map((m) => [m.ruleId, m.line, m.column]);

test("markdown links, images and definitions", () => {
  assert.deepEqual(codes("[点](javascript:alert(1))\n"), [["url-dangerous", 1, 1]]);
  assert.deepEqual(codes("文 [点](JaVaScript:alert(1))\n"), [["url-dangerous", 1, 3]]);
  assert.deepEqual(codes("[点](vbscript:msgbox)\n"), [["url-dangerous", 1, 1]]);
  assert.deepEqual(codes("[点](data:text/html,<script>alert(1)</script>)\n"), [["url-dangerous", 1, 1]]);
  assert.deepEqual(codes("![图](data:image/png;base64,AAAA)\n"), [], "a data: image is not dangerous");
  assert.deepEqual(codes("![图](data:image/svg+xml;base64,PHN2Zz4=)\n"), [["url-dangerous", 1, 1]], "SVG can script");
  assert.deepEqual(codes("[点][r]\n\n[r]: javascript:alert(1)\n"), [["url-dangerous", 3, 1]]);
  assert.deepEqual(codes("[共享](\\\\\\\\server\\\\share\\\\a.mp4)\n"), [["path-unc", 1, 1]]);
  assert.deepEqual(codes("[共享](file://server/share/a.mp4)\n"), [["path-unc", 1, 1]]);
  assert.deepEqual(codes("[上](../../etc/passwd) ![图](a/../../x.png) [编码](%2E%2E/x.md)\n"), [
    ["path-dotdot", 1, 1],
    ["path-dotdot", 1, 23],
    ["path-dotdot", 1, 43],
  ]);
  assert.deepEqual(
    codes("[视频](file:///Z:/%E8%A7%86%E9%A2%91.mp4) [网](https://example.com/a/../b) [邮](mailto:a@b.c)\n"),
    [],
  );
});

test("wiki links, embeds and raw HTML", () => {
  assert.deepEqual(codes("[[../../外面]] ![[../图.png]]\n"), [
    ["path-dotdot", 1, 1],
    ["path-dotdot", 1, 15],
  ]);
  assert.deepEqual(
    codes('<a href="javascript:alert(1)">x</a> <iframe src="data:text/html,<script>alert(1)</script>"></iframe>\n').map(
      (c) => c[0],
    ),
    ["url-dangerous", "url-dangerous"],
  );
  assert.deepEqual(codes('<img src="\\\\evil\\x.png">\n'), [["path-unc", 1, 1]]);
  assert.deepEqual(codes("`[x](javascript:alert(1))`\n\n```\n[x](javascript:1)\n```\n"), [], "code is not a link");
});

test("urlProblem", () => {
  assert.equal(urlProblem("https://example.com/", false), undefined);
  assert.equal(urlProblem("/assets/a.png", true), undefined);
  assert.equal(urlProblem(" javascript:x", false)?.code, "url-dangerous");
  assert.equal(urlProblem("\u0001javascript:x", false)?.code, "url-dangerous");
});
