/**
 * Logseq properties (DIALECT §8): `key:: value` lines in a page's first block (page properties) or under a
 * bullet's first line (block properties) leave the text and are recorded; `id::` names the block.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { processNote, runFixtures, stripPositions } from "../helpers/fixtures.ts";

runFixtures("logseq-property");

test("page properties: recorded in order, removed from the text", () => {
  const { tree, file } = processNote("alias:: 消息队列高可用, MQ 高可用\ntitle:: ？保证消息队列的高可用\n\n- 正文\n");
  assert.deepEqual(file.data.properties, { alias: "消息队列高可用, MQ 高可用", title: "？保证消息队列的高可用" });
  assert.deepEqual(
    tree.children.map((node) => node.type),
    ["list"],
  );
  assert.doesNotMatch(JSON.stringify(tree), /alias::/);
});

test("page properties after YAML front matter", () => {
  const { file } = processNote("---\ntitle: 页\n---\nalias:: 别名\n\n正文\n");
  assert.deepEqual(file.data.properties, { alias: "别名" });
  assert.deepEqual(file.data.frontmatter, { title: "页" });
});

test("a first paragraph that is only partly properties is text", () => {
  const { tree, file } = processNote("正文第一行\nalias:: 不是页面属性\n");
  assert.equal(file.data.properties, undefined);
  assert.match(JSON.stringify(tree), /alias:: 不是页面属性/);
});

test("block `id:: uuid` names the block and leaves the text", () => {
  const uuid = "64f0c2a1-1b2c-4d5e-8f90-123456789abc";
  const { tree } = processNote(`- 一个块\n  id:: ${uuid}\n- 第二块\n`);
  assert.deepEqual(stripPositions(tree.children[0]), {
    type: "list",
    ordered: false,
    start: null,
    spread: false,
    children: [
      {
        type: "listItem",
        spread: false,
        checked: null,
        data: { properties: { id: uuid }, blockId: uuid },
        children: [{ type: "paragraph", children: [{ type: "text", value: "一个块" }] }],
      },
      {
        type: "listItem",
        spread: false,
        checked: null,
        children: [{ type: "paragraph", children: [{ type: "text", value: "第二块" }] }],
      },
    ],
  });
});

test("block properties with CJK keys and built-ins (`collapsed::`) all leave the text", () => {
  const { tree } = processNote("- 块\n  collapsed:: true\n  作者:: 张三\n  - 子块\n");
  assert.deepEqual(stripPositions(tree), {
    type: "root",
    children: [
      {
        type: "list",
        ordered: false,
        start: null,
        spread: false,
        children: [
          {
            type: "listItem",
            spread: false,
            checked: null,
            data: { properties: { collapsed: "true", 作者: "张三" } },
            children: [
              { type: "paragraph", children: [{ type: "text", value: "块" }] },
              {
                type: "list",
                ordered: false,
                start: null,
                spread: false,
                children: [
                  {
                    type: "listItem",
                    spread: false,
                    checked: null,
                    children: [{ type: "paragraph", children: [{ type: "text", value: "子块" }] }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
});

test("values with links: recorded as written, and the lines still leave the text", () => {
  const { tree } = processNote("- 块 [[正文链接]] 后\n  来源:: [[某本书]], [[？ 问题|别名]]\n  url:: https://example.com/页面\n  id:: 64f0c2a1-0000-4000-8000-000000000000\n");
  const list = tree.children[0];
  const item = list?.type === "list" ? list.children[0] : undefined;
  assert.deepEqual(item?.data, {
    properties: {
      来源: "[[某本书]], [[？ 问题|别名]]",
      url: "https://example.com/页面",
      id: "64f0c2a1-0000-4000-8000-000000000000",
    },
    blockId: "64f0c2a1-0000-4000-8000-000000000000",
  });
  assert.deepEqual(stripPositions(item?.children), [
    {
      type: "paragraph",
      children: [
        { type: "text", value: "块 " },
        { type: "wikiLink", value: "正文链接", data: { target: "正文链接" } },
        { type: "text", value: " 后" },
      ],
    },
  ]);
});

test("page properties with a link value", () => {
  const { tree, file } = processNote("alias:: [[MQ 高可用]]\ntags:: 集群\n\n正文\n");
  assert.deepEqual(file.data.properties, { alias: "[[MQ 高可用]]", tags: "集群" });
  assert.deepEqual(stripPositions(tree), { type: "root", children: [{ type: "paragraph", children: [{ type: "text", value: "正文" }] }] });
});

test("a DG block id wins over a Logseq `id::`", () => {
  const { tree } = processNote("* 块\n  id:: 64f0c2a1-0000-4000-8000-000000000000\n{ #dg1}\n\n* 下一块\n");
  const list = tree.children[0];
  const item = list?.type === "list" ? list.children[0] : undefined;
  assert.equal(item?.data?.blockId, "dg1");
});

test("a bullet's first line is never a property, nor is text in code", () => {
  const { tree } = processNote("- 只有一行 a:: b\n\n```\nid:: x\n```\n");
  const json = JSON.stringify(stripPositions(tree));
  assert.match(json, /只有一行 a:: b/);
  assert.match(json, /id:: x/);
  assert.doesNotMatch(json, /"properties"/);
});

test("an empty value is still a property", () => {
  const { file } = processNote("tags::\ntitle:: 标题\n");
  assert.deepEqual(file.data.properties, { tags: "", title: "标题" });
});
