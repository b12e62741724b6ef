/**
 * `wenda dev` updates its model note by note (src/site/dev-site.ts); after every edit the model must be the one a
 * cold load of the vault gives: every page's data, the tree, tags, comments and the media list. A series of edits
 * on copies of two fixture vaults: add a card, edit one, retarget a link, change a tag, rename, delete, create
 * the note an unresolved link names, and edit a note others embed.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { DevSite } from "../../src/site/dev-site.ts";
import { buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { removeVault, repoRoot } from "../helpers/vault.ts";

/** The model as JSON, with the media list in a stable order (workers find media in their own order). */
function comparable(model: SiteModel): unknown {
  return JSON.parse(JSON.stringify({ ...model, media: [...model.media].sort((a, b) => (a.to < b.to ? -1 : 1)) }));
}

async function coldModel(vault: string): Promise<SiteModel> {
  const config = await loadConfig(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true, questionPrefix: config.questionPrefix, publish: config.publish, budget: config.budget, mergeSimilarQuestions: config.mergeSimilarQuestions });
  return buildSiteModel(graph, trees, config, vault);
}

function sameAsCold(actual: SiteModel, cold: SiteModel, step: string): void {
  const a = comparable(actual) as Record<string, unknown>;
  const b = comparable(cold) as Record<string, unknown>;
  // Per part first, so a failure names what differs.
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) assert.deepEqual(a[key], b[key], `${step}: model.${key} differs from a cold load`);
}

for (const fixture of ["content", "tests/vaults/obsidian"]) {
  describe(`dev updates on a copy of ${fixture}`, { timeout: 300_000 }, () => {
    const vault = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-dev-site-"));
    fs.cpSync(path.join(repoRoot, fixture), vault, { recursive: true });
    after(() => removeVault(vault));
    const write = (relative: string, text: string) => {
      const file = path.join(vault, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    };

    test("every edit gives the model of a cold load", async () => {
      const config = await loadConfig(vault);
      const site = await DevSite.open(vault, config, { workers: 1 });
      sameAsCold(site.model, await coldModel(vault), "first load");
      const graph = site.graph;
      const card = graph.notes.find((note) => note.kind === "card" && note.published) ?? graph.notes.find((note) => note.published);
      const linked = graph.notes.find((note) => note.published && note.backlinks.length > 0);
      const other = graph.notes.find((note) => note.published && note.id !== linked?.id && note.id !== card?.id && note.kind !== "question");
      assert.ok(card && linked && other, "the fixture has a card, a linked note and another note");
      const name = (id: string) => id.split("/").at(-1) as string;
      const step = async (label: string, files: string[]) => {
        const stats = site.update(files);
        // Only what changed is parsed again: the edited file and, at most, the few notes whose links it changed.
        assert.ok(stats.parsed < site.graph.notes.length, `${label}: ${stats.parsed} notes parsed again`);
        sameAsCold(site.model, await coldModel(vault), label);
        return stats;
      };

      const added = write("卡片/开发新卡片.md", `* [[？开发时新加的问题]]\n  * 回答，链接 [[${name(linked.id)}]] #开发标签\n`);
      await step("add a card", [added]);
      const cardFile = path.join(vault, card.path);
      fs.appendFileSync(cardFile, "\n* [[？开发时新加的问题]]\n  * 另一张卡片的回答 #开发标签/子标签\n");
      await step("edit a card", [cardFile]);
      write("卡片/开发新卡片.md", `* [[？开发时新加的问题]]\n  * 回答，链接 [[${name(other.id)}]] #开发标签\n`);
      await step("retarget a link", [added]);
      write("卡片/开发新卡片.md", `* [[？开发时新加的问题]]\n  * 回答，链接 [[${name(other.id)}]] #改过的标签\n`);
      await step("change a tag", [added]);
      const renamed = path.join(vault, "卡片/改名后的卡片.md");
      fs.renameSync(added, renamed);
      await step("rename a card", [added, renamed]);
      const linkedFile = path.join(vault, linked.path);
      fs.appendFileSync(linkedFile, "\n## 开发时加的标题\n\n新的一段 ^devblock\n");
      await step("edit a note others link to", [linkedFile]);
      // Text only: the graph stays as it was (no rebuild), only the pages' HTML changes.
      fs.appendFileSync(cardFile, "\n\n开发时只改了文字，没有链接。\n");
      assert.equal((await step("edit text only", [cardFile])).phases.graph, 0, "a text edit does not rebuild the graph");
      fs.writeFileSync(renamed, fs.readFileSync(renamed, "utf8").replace("回答，链接", "改过的回答，链接"));
      assert.equal((await step("edit an answer's text", [renamed])).phases.graph, 0, "an answer's text edit does not rebuild the graph");
      // An answer that embeds a note: editing that note's text changes the question's page, through the embed.
      const embedder = write("卡片/嵌入答案的卡片.md", `* [[？答案里嵌入了笔记]]\n  * 答案嵌入：\n    ![[${name(other.id)}]]\n`);
      await step("add a card whose answer embeds a note", [embedder]);
      const otherFile = path.join(vault, other.path);
      fs.appendFileSync(otherFile, "\n\n被答案嵌入的笔记改了文字。\n");
      assert.equal((await step("edit the text of a note an answer embeds", [otherFile])).phases.graph, 0, "a text edit does not rebuild the graph");
      const answered = site.model.questions.find((page) => page.title.includes("答案里嵌入了笔记"));
      assert.match(answered?.answers.map((answer) => answer.html).join("") ?? "", /被答案嵌入的笔记改了文字/, "the question's page shows the embedded note's edit");
      const embedded = graph.links.find((link) => link.embed && link.resolved && !link.attachment && !link.heading && !link.block);
      const embeddedNote = embedded && graph.notes.find((note) => note.id === embedded.to);
      if (embeddedNote) {
        const file = path.join(vault, embeddedNote.path);
        fs.appendFileSync(file, "\n\n嵌入的笔记在开发时改了文字。\n");
        await step("edit the text of an embedded note", [file]);
        const embedder = site.model.notes.find((page) => page.id === embedded.from);
        if (embedder) assert.match(embedder.html, /嵌入的笔记在开发时改了文字/, "the embedding page shows the edit");
      }
      const unresolved = graph.links.find((link) => !link.resolved && !link.attachment && !link.to.includes("#") && /^[^./\\]+$/.test(link.to));
      if (unresolved) {
        const created = write(`${unresolved.to}.md`, `# ${unresolved.to}\n\n现在有了这条笔记。\n`);
        await step("create the note an unresolved link names", [created]);
      }
      // A folder: its notes come one by one (the watcher reports each), and go with the folder alone.
      const folder = path.join(vault, "开发文件夹");
      await step("add a folder of notes", [write("开发文件夹/甲.md", "* [[？开发时新加的问题]]\n  * 文件夹里的回答\n"), write("开发文件夹/子/乙.md", "链接 [[甲]]\n")]);
      fs.rmSync(folder, { recursive: true });
      await step("delete a folder", [folder]);
      fs.rmSync(renamed);
      await step("delete a card", [renamed]);
    });
  });
}
