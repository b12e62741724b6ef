/**
 * Code and diagrams in the site model: a page (or a question whose answer holds one) is flagged as having a
 * diagram, and nothing else is; worker threads and the in-process path highlight alike.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { parseAndRenderInWorkers } from "../../src/site/parallel.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";
import { applyIdPrefix } from "../../src/render/ids.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

const files = {
  "卡片/消息确认.md": [
    "* [[？消息怎么确认]]",
    "\t* 时序如下",
    "\t  ```mermaid",
    "\t  sequenceDiagram",
    "\t    生产者->>Broker: publish",
    "\t  ```",
    "* [[？消费者代码]]",
    "\t* 示例",
    "\t  ```java",
    "\t  channel.basicAck(tag, false);",
    "\t  ```",
    "",
  ].join("\n"),
  "笔记/纯文字.md": "没有图，也没有代码。\n",
};

test("pages and questions with a Mermaid diagram are flagged; the others are not", () => {
  const vault = makeVault(files);
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const model = buildSiteModel(graph, trees, normalizeConfig({}, vault), vault);
  const flags = (pages: { title: string; diagram?: true }[]) => Object.fromEntries(pages.map((page) => [page.title, page.diagram === true]));
  assert.deepEqual(flags(model.notes), { 消息确认: true, 纯文字: false });
  assert.deepEqual(flags(model.questions), { "？消息怎么确认": true, "？消费者代码": false });
  const answer = model.questions.find((q) => q.title === "？消费者代码")?.answers[0]?.html ?? "";
  assert.match(answer, /<pre style="--shiki-light:[^"]+" class="shiki /, "the answer cut from the card is highlighted");
});

test("worker threads render code exactly as the in-process path does", async () => {
  const vault = makeVault(files);
  vaults.push(vault);
  const config = normalizeConfig({}, vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const inProcess = buildSiteModel(graph, trees, config, vault);
  const workers = await parseAndRenderInWorkers(vault, config, { workers: 1 });
  const card = inProcess.notes.find((note) => note.title === "消息确认");
  assert.ok(card?.html.includes('class="shiki '));
  // The worker's note still carries the id markers the page composer fills in (question bullets have ids).
  assert.equal(applyIdPrefix(workers.rendered.get("卡片/消息确认")?.html ?? "", ""), card?.html);
});
