/** Wiki links and embeds (DIALECT §2, §9): `|` and `\|` dividers, `#heading` / `#^block`, `![[…]]`, never in code. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import type { WikiLink } from "../../plugins/types.d.ts";
import { splitWikiTarget } from "../../plugins/wiki-link.ts";
import { processNote, runFixtures, stripPositions } from "../helpers/fixtures.ts";

runFixtures("wiki-link");

/** Every wiki link in a note, in order. */
function wikiLinks(source: string): WikiLink[] {
  const found: WikiLink[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "wikiLink") found.push(node as WikiLink);
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

test("splitWikiTarget: DG's escaped divider leaves no `\\` on the target", () => {
  assert.deepEqual(splitWikiTarget("Logseq元问题库/pages/？ RabbitMq 的 高可用 实现\\", "？ RabbitMq 的 高可用 实现"), {
    target: "Logseq元问题库/pages/？ RabbitMq 的 高可用 实现",
    alias: "？ RabbitMq 的 高可用 实现",
  });
});

test("splitWikiTarget: no alias when remark-wiki-link repeats the value", () => {
  assert.deepEqual(splitWikiTarget("？保证消息队列的高可用", "？保证消息队列的高可用"), { target: "？保证消息队列的高可用" });
  assert.deepEqual(splitWikiTarget("笔记", null), { target: "笔记" });
  assert.deepEqual(splitWikiTarget("笔记"), { target: "笔记" });
});

test("splitWikiTarget: heading chains, block ids, `.md`, spaces", () => {
  assert.deepEqual(splitWikiTarget("笔记#一级#二级"), { target: "笔记", heading: "一级#二级" });
  assert.deepEqual(splitWikiTarget("#本页标题"), { target: "", heading: "本页标题" });
  assert.deepEqual(splitWikiTarget("笔记#^47a9a2"), { target: "笔记", block: "47a9a2" });
  assert.deepEqual(splitWikiTarget("#^125c8e"), { target: "", block: "125c8e" });
  assert.deepEqual(splitWikiTarget(" 卡片/笔记.md # 标题 "), { target: "卡片/笔记", heading: "标题" });
  assert.deepEqual(splitWikiTarget("笔记#"), { target: "笔记" });
  assert.deepEqual(splitWikiTarget("video.mp4#t=5,10"), { target: "video.mp4", heading: "t=5,10" });
});

test("splitWikiTarget: the full-width ｜ is part of the name", () => {
  assert.deepEqual(splitWikiTarget("问题｜不是别名"), { target: "问题｜不是别名" });
});

test("`|` and `\\|` are the same divider; `？` and inner spaces are kept", () => {
  const [plain, escaped] = wikiLinks("[[？ 集群 模式|别名]] [[？ 集群 模式\\|别名]]");
  assert.deepEqual(plain?.data, { target: "？ 集群 模式", alias: "别名" });
  assert.deepEqual(escaped?.data, { target: "？ 集群 模式", alias: "别名" });
});

test("remark-wiki-link's own fields are replaced (no lowercased permalink, no hName)", () => {
  const [link] = wikiLinks("[[RabbitMq 集群]]");
  assert.deepEqual(link?.data, { target: "RabbitMq 集群" });
});

test("embeds are flagged, links are not", () => {
  const links = wikiLinks("![[笔记#^47a9a2]] [[笔记#^47a9a2]] ![[图片.png|100x145]]");
  assert.deepEqual(
    links.map((link) => [link.data.target, link.data.block ?? link.data.alias, link.data.embed === true]),
    [
      ["笔记", "47a9a2", true],
      ["笔记", "47a9a2", false],
      ["图片.png", "100x145", true],
    ],
  );
});

test("`![` alone is still an image, `!` alone still text", () => {
  const { tree } = processNote("![图](图.png) 感叹号！! 和 ![not [[x]]](y.png)");
  const paragraph = tree.children[0];
  assert.equal(paragraph?.type, "paragraph");
  const types = paragraph.type === "paragraph" ? paragraph.children.map((node) => node.type) : [];
  assert.equal(types[0], "image");
  assert.equal(types.at(-1), "image");
  assert.ok(!types.includes("wikiLink"));
});

test("links in code spans, fences and indented code stay text", () => {
  assert.deepEqual(wikiLinks("`[[不是链接]]`\n\n```\n[[也不是]]\n![[嵌入]]\n```\n\n    [[缩进]]\n"), []);
});

test("an unclosed `[[` is text", () => {
  assert.deepEqual(wikiLinks("[[没有闭合 的链接"), []);
  assert.deepEqual(stripPositions(processNote("[[没有闭合 的链接").tree), {
    type: "root",
    children: [{ type: "paragraph", children: [{ type: "text", value: "[[没有闭合 的链接" }] }],
  });
});
