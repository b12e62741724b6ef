/**
 * Near-duplicate questions (spaces, case, full/half width) merge into one node, the one with a page first, and
 * each merge is a diagnostic; two pages never merge; the display title drops the marker's stray spaces.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { displayQuestionTitle, questionKey } from "../../src/graph/question-merge.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

const card = (...questions: string[]) => questions.map((q) => `* [[Logseq元问题库/pages/${q}\\|${q}]]\n\t* 回答\n`).join("");

test("spellings that differ in spaces, case or width are one question, and check says so", () => {
  const vault = makeVault({
    "卡片/一.md": card("？Dubbo的优缺点"),
    "卡片/二.md": card("？ Dubbo 的 优缺点"),
    "卡片/三.md": card("？dubbo 的优缺点"),
    "卡片/四.md": card("？ＤＵＢＢＯ的优缺点", "？Dubbo的原理"),
  });
  vaults.push(vault);
  const { graph } = loadVault(vault);
  const dubbo = graph.questions.filter((q) => questionKey(q.title) === "dubbo的优缺点");
  assert.equal(dubbo.length, 1);
  assert.equal(dubbo[0]?.title, "？Dubbo的优缺点", "the first spelling in vault order wins when none has a page");
  assert.deepEqual(dubbo[0]?.cards.sort(), ["卡片/一", "卡片/三", "卡片/二", "卡片/四"].sort());
  const merged = graph.diagnostics.filter((d) => d.code === "question-merged");
  assert.equal(merged.length, 3);
  assert.ok(merged.every((d) => d.severity === "info" && d.line >= 1 && /merged into `？Dubbo的优缺点`/.test(d.message)));
  assert.equal(graph.questions.length, 2);
  const off = loadVault(vault, { mergeSimilarQuestions: false }).graph;
  assert.equal(off.questions.length, 5);
});

test("a spelling with a page is the one the others join; two pages stay apart with a warning", () => {
  const vault = makeVault({
    "卡片/一.md": card("？Redis 持久化", "？ redis持久化", "？消息 幂等"),
    "Logseq元问题库/pages/？ redis持久化.md": "- 问题页内容\n",
    "Logseq元问题库/pages/？消息 幂等.md": "- 页一\n",
    "Logseq元问题库/pages/？消息幂等.md": "- 页二\n",
  });
  vaults.push(vault);
  const { graph } = loadVault(vault);
  const redis = graph.questions.filter((q) => questionKey(q.title) === "redis持久化");
  assert.deepEqual(redis.map((q) => q.id), ["Logseq元问题库/pages/？ redis持久化"]);
  assert.equal(redis[0]?.hasPage, true);
  assert.equal(graph.questions.filter((q) => questionKey(q.title) === "消息幂等").length, 2);
  assert.ok(graph.diagnostics.some((d) => d.code === "question-near-duplicate" && d.severity === "warning"));
});

test("display titles: the marker stays, the spaces after it go, the author's inner spaces stay", () => {
  assert.equal(displayQuestionTitle("？ RabbitMq 的 高可用 实现"), "？RabbitMq 的 高可用 实现");
  assert.equal(displayQuestionTitle("？  Dubbo 的  优缺点 "), "？Dubbo 的 优缺点");
  assert.equal(displayQuestionTitle("？保证消息队列的高可用"), "？保证消息队列的高可用");
  assert.equal(displayQuestionTitle("How to scale Kafka", "？"), "How to scale Kafka");
});
