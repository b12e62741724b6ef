/**
 * Reviewer comments (DIALECT §6): `<label class="ob-comment">` runs parsed with an HTML parser into one
 * `obComment` node: the highlight, the comment unless it is the `Comment` placeholder, and the title.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Nodes } from "mdast";
import { parseComment } from "../../plugins/ob-comment.ts";
import type { ObComment } from "../../plugins/types.d.ts";
import { processNote, runFixtures, stripPositions } from "../helpers/fixtures.ts";

runFixtures("ob-comment");

/** The comments of a note, without positions. */
function comments(source: string): unknown[] {
  const found: unknown[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "obComment") found.push(stripPositions(node as ObComment));
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(processNote(source).tree);
  return found;
}

const label = (highlight: string, comment: string, title = "") =>
  `<label class="ob-comment" title="${title}" style=""> ${highlight} <input type="checkbox"> <span style=""> ${comment} </span></label>`;

test("the seed's placeholder `Comment`: the highlight is the remark, no comment field", () => {
  assert.deepEqual(comments(`提高了 #吞吐量 ${label("我认为准确的说是提高了吞量", "Comment")}`), [
    { type: "obComment", value: "我认为准确的说是提高了吞量" },
  ]);
});

test("a written comment and a title are kept", () => {
  assert.deepEqual(comments(label("单实例性能瓶颈", "我认为两者都可以归结为单实例性能瓶颈", "审阅")), [
    { type: "obComment", value: "单实例性能瓶颈", comment: "我认为两者都可以归结为单实例性能瓶颈", title: "审阅" },
  ]);
});

test("an empty or whitespace span is no comment", () => {
  assert.deepEqual(comments(label("高亮", "")), [{ type: "obComment", value: "高亮" }]);
  assert.deepEqual(comments(label("高亮", "  \t ")), [{ type: "obComment", value: "高亮" }]);
});

test("text after the punctuation that follows `</label>` stays outside", () => {
  const { tree } = processNote(`前者 ${label("瓶颈", "Comment")}。后文`);
  assert.deepEqual(stripPositions(tree.children[0]), {
    type: "paragraph",
    children: [
      { type: "text", value: "前者 " },
      { type: "obComment", value: "瓶颈" },
      { type: "text", value: "。后文" },
    ],
  });
});

test("text typed after `</span>` inside the label joins the highlight", () => {
  assert.deepEqual(comments('<label class="ob-comment"> 高亮 <input type="checkbox"> <span> 评论 </span> 尾随 </label>'), [
    { type: "obComment", value: "高亮 尾随", comment: "评论" },
  ]);
});

test("unclosed label: a warning, and the comment runs to the end of the paragraph", () => {
  const { tree, file } = processNote('甲 <label class="ob-comment"> 高亮 <input type="checkbox"> <span> 评论 </span> 之后\n\n下一段');
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.fatal, m.line, m.column]),
    [["ob-comment-unclosed", false, 1, 3]],
  );
  assert.equal(tree.children.length, 2);
  assert.deepEqual(stripPositions(tree.children[1]), { type: "paragraph", children: [{ type: "text", value: "下一段" }] });
});

test("attributes in any order, any quotes, extra classes", () => {
  assert.deepEqual(
    comments(
      [
        "<label style='' title='标题' class='ob-comment'> 单引号 <input type=checkbox> <span> Comment </span></label>",
        '<label data-x="1" class="note ob-comment other"> 多类 <input type="checkbox"><span></span></label>',
        "<label class=ob-comment title=无引号> 无引号 <input> <span> 真评论 </span></label>",
        '<LABEL CLASS="ob-comment"> 大写 <INPUT type="checkbox"> <SPAN> Comment </SPAN></LABEL>',
      ].join(" "),
    ),
    [
      { type: "obComment", value: "单引号", title: "标题" },
      { type: "obComment", value: "多类" },
      { type: "obComment", value: "无引号", comment: "真评论", title: "无引号" },
      { type: "obComment", value: "大写" },
    ],
  );
});

test("a label that is not ob-comment is left alone", () => {
  assert.deepEqual(comments('<label class="ob-commentary"> 不是 </label> <label> 也不是 </label>'), []);
});

test("comments in code stay code", () => {
  assert.deepEqual(comments(`\`${label("代码", "Comment")}\`\n\n\`\`\`html\n${label("围栏", "评论")}\n\`\`\`\n`), []);
});

test("a comment at the start of a line is inline HTML too (no HTML block: text follows the tag)", () => {
  assert.deepEqual(comments(`${label("行首", "评论")}\n`), [{ type: "obComment", value: "行首", comment: "评论" }]);
});

test("a label alone on its line opens an HTML block: it does not swallow the blocks after it", () => {
  const { tree, file } = processNote('<label class="ob-comment">\n\n* [[？ 问题]]\n\n正文 #集群\n');
  assert.deepEqual(
    tree.children.map((node) => node.type),
    ["html", "list", "paragraph"],
  );
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.line]),
    [["ob-comment-unclosed", 1]],
  );
});

test("an HTML block holding a whole label becomes a comment in place", () => {
  const { tree } = processNote('<label class="ob-comment">\n高亮 <input type="checkbox"> <span> 评论 </span></label>\n\n下一段\n');
  assert.deepEqual(stripPositions(tree), {
    type: "root",
    children: [
      { type: "obComment", value: "高亮", comment: "评论" },
      { type: "paragraph", children: [{ type: "text", value: "下一段" }] },
    ],
  });
});

test("two comments in one paragraph", () => {
  assert.deepEqual(comments(`一 ${label("甲", "Comment")} 二 ${label("乙", "评论乙")} 三`), [
    { type: "obComment", value: "甲" },
    { type: "obComment", value: "乙", comment: "评论乙" },
  ]);
});

test("parseComment: entities decoded, inline markup flattened, whitespace collapsed", () => {
  assert.deepEqual(
    parseComment('<label class="ob-comment" title="A &amp; B"> 高&lt;亮&gt; <b>加粗</b>\n 文字 <input type="checkbox"> <span> 评&amp;论 </span></label>'),
    { type: "obComment", value: "高<亮> 加粗 文字", comment: "评&论", title: "A & B" },
  );
});

test("parseComment: no label, no node", () => {
  assert.equal(parseComment("<span>没有 label</span>"), undefined);
});

test("parseComment: the position spans the whole run", () => {
  const { tree } = processNote(`前 ${label("高亮", "Comment")} 后`);
  const paragraph = tree.children[0];
  const node = paragraph?.type === "paragraph" ? paragraph.children[1] : undefined;
  assert.equal(node?.type, "obComment");
  assert.deepEqual(
    [node?.position?.start.column, node?.position?.end.column],
    [3, 3 + label("高亮", "Comment").length],
  );
});
