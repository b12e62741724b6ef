/**
 * Tags (DIALECT §5): letters (CJK included), digits, `_`, `-`, `/`; one non-digit; text nodes only; may follow a
 * CJK character; end at whitespace or punctuation, full-width included.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import type { Tag } from "../../plugins/types.d.ts";
import { processNote, runFixtures } from "../helpers/fixtures.ts";

runFixtures("tag");

/** The tags of a note, in order. */
function tags(source: string): string[] {
  const found: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "tag") found.push((node as Tag).value);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("the seed's tags, nested and CJK", () => {
  assert.deepEqual(tags("*  #RabbitMq/单机模式\n* 在多台机器上启动多个 #RabbitMq/实例 \n* 提高了 #吞吐量 和 #消息持久化 ，"), [
    "RabbitMq/单机模式",
    "RabbitMq/实例",
    "吞吐量",
    "消息持久化",
  ]);
});

test("full-width punctuation ends a tag", () => {
  for (const mark of ["，", "。", "；", "：", "！", "？", "、", "）", "】", "」", "｜", "…", "—"]) {
    assert.deepEqual(tags(`#集群${mark}后文`), ["集群"], mark);
  }
});

test("ASCII punctuation and whitespace end a tag", () => {
  for (const mark of [",", ".", ";", ":", "!", "?", ")", "]", "\"", "'", " ", "\t"]) {
    assert.deepEqual(tags(`#集群${mark}x`), ["集群"], JSON.stringify(mark));
  }
  assert.deepEqual(tags("#集群\n#分布式"), ["集群", "分布式"]);
});

test("a tag may follow a CJK character without a space", () => {
  assert.deepEqual(tags("多个#集群"), ["集群"]);
  assert.deepEqual(tags("（#集群）"), ["集群"]);
  assert.deepEqual(tags("，#集群"), ["集群"]);
});

test("not tags: C#, a#b, #123, ##, `/#`", () => {
  assert.deepEqual(tags("C# 和 F#"), []);
  assert.deepEqual(tags("a#b"), []);
  assert.deepEqual(tags("1#集群"), []);
  assert.deepEqual(tags("#123 和 #2024/10"), []);
  assert.deepEqual(tags("##双井号"), []);
  assert.deepEqual(tags("路径/#不是"), []);
});

test(
  "an escaped `\\#` or an entity `&#35;` is not a tag",
  { todo: "the tag pass sees text after escapes are decoded; needs a source-offset map (see the report)" },
  () => {
    assert.deepEqual(tags("\\#转义 和 &#35;实体"), []);
  },
);

test("a tag needs one non-digit; digits inside are fine", () => {
  assert.deepEqual(tags("#2024年 #v2 #3d打印"), ["2024年", "v2", "3d打印"]);
});

test("`{ #47a9a2}` is never a tag, wherever it is", () => {
  assert.deepEqual(tags("文字 { #47a9a2} 中间"), []);
  assert.deepEqual(tags("文字 {#47a9a2} 中间"), []);
  assert.deepEqual(tags("* 答案\n{ #47a9a2}\n\n* 下一条\n"), []);
  assert.deepEqual(tags("结尾 ^125c8e"), []);
});

test("headings are not tags; tags inside a heading's text are", () => {
  assert.deepEqual(tags("# 标题\n\n#标签"), ["标签"]);
  assert.deepEqual(tags("## 标题 #集群"), ["集群"]);
});

test("never in code, URLs, link text, link targets or HTML attributes", () => {
  assert.deepEqual(tags("`#集群`\n\n```\n#集群\n```\n\n    #缩进代码\n"), []);
  assert.deepEqual(tags("https://example.com/页面#片段 www.example.com/#frag <https://x.cn/#a>"), []);
  assert.deepEqual(tags("[文字 #不是](https://example.com/#锚点) [[页面#标题]] ![[页面#标题]]"), []);
  assert.deepEqual(tags('<span title="#属性" data-x="#y">'), []);
  assert.deepEqual(tags("[06:38](file:///Z:/视频.mp4#t=398) 和 [[video.mp4#t=5]]"), []);
});

test("a tag right after a link or an image is still a tag", () => {
  assert.deepEqual(tags("[[页面]] #集群 [链接](https://x.cn) #分布式"), ["集群", "分布式"]);
});

test("trailing `/` is not part of a tag", () => {
  assert.deepEqual(tags("#RabbitMq/ 和 #a//"), ["RabbitMq", "a"]);
});

test("Logseq `#[[multi word]]` is one tag; with an alias it is not", () => {
  assert.deepEqual(tags("#[[multi word]] 和 #[[多 个 词]]"), ["multi word", "多 个 词"]);
  assert.deepEqual(tags("#[[页面|别名]]"), []);
  assert.deepEqual(tags("a#[[页面]]"), []);
  assert.deepEqual(tags("#![[嵌入]]"), []);
});

test("tags keep their positions (for diagnostics and facts)", () => {
  const { tree } = processNote("一二 #集群，\n第二行 #分布式");
  const found: [string, number, number, number][] = [];
  const walk = (node: Nodes) => {
    if (node.type === "tag" && node.position) {
      found.push([(node as Tag).value, node.position.start.line, node.position.start.column, node.position.end.column]);
    }
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  assert.deepEqual(found, [
    ["集群", 1, 4, 7],
    ["分布式", 2, 5, 9],
  ]);
});

test("a tag name is text only: `#[[…]]` with markup or control characters stays a link, with tag-invalid", () => {
  for (const name of ["<img src=x onerror=alert(1)>", 'a"b', "a'b", "a`b", "a\u0007b", "a&b", "a?b"]) {
    const { tree, file } = processNote(`前 #[[${name}]] 后\n`);
    const found: string[] = [];
    const walk = (node: Nodes) => {
      if (node.type === "tag") found.push((node as Tag).value);
      if ("children" in node) for (const child of node.children) walk(child as Nodes);
    };
    walk(tree);
    assert.deepEqual(found, [], name);
    assert.deepEqual(file.messages.map((m) => [m.ruleId, m.line, m.column]), [["tag-invalid", 1, 4]], name);
  }
  assert.deepEqual(tags("#[[多个 词]]"), ["多个 词"], "spaces and CJK are fine");
});

test("a tag name longer than 100 characters is not a tag", () => {
  const { file } = processNote(`#${"长".repeat(101)} #${"短".repeat(100)}\n`);
  assert.deepEqual(tags(`#${"长".repeat(101)} #${"短".repeat(100)}\n`), ["短".repeat(100)]);
  assert.deepEqual(file.messages.map((m) => [m.ruleId, m.line, m.column]), [["tag-invalid", 1, 1]]);
});
