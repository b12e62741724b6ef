/**
 * What must hold on every page of every fixture vault (tests/vaults/*, the sample in content/, a generated vault):
 * no id repeats within a page body, no note id takes the site's `wenda-` namespace, no composer marker survives,
 * and no dangerous URL (`javascript:`, `vbscript:`, `file:`, `data:text/html`) reaches an attribute.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { buildSiteModel, type SiteModel } from "../../src/site/model.ts";
import { sharedDir } from "../../scripts/shared-dir.ts";
import { repoRoot } from "../helpers/vault.ts";

const generated = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-integrity-"));
after(() => fs.rmSync(generated, { recursive: true, force: true }));
execFileSync(process.execPath, [path.join(sharedDir(), "tools", "gen-vault.mjs"), generated, "--cards", "120"], { stdio: "ignore" });

const vaultsDir = path.join(repoRoot, "tests", "vaults");
const vaults = [
  path.join(repoRoot, "content"),
  generated,
  ...fs
    .readdirSync(vaultsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(vaultsDir, entry.name)),
];

/** Every HTML body the model holds, with where it shows. */
function bodies(model: SiteModel): { page: string; html: string }[] {
  return [
    ...model.notes.map((note) => ({ page: note.url, html: note.html })),
    ...model.questions.map((q) => ({ page: q.url, html: [q.ownHtml ?? "", ...q.answers.map((a) => a.html)].join("\n") })),
  ];
}

const dangerous = /\s(?:href|src|action|formaction|poster|data|xlink:href)="\s*(?:javascript|vbscript|file|data:text\/html)/i;

for (const vault of vaults) {
  const name = vault === generated ? "a generated 120-card vault" : path.relative(repoRoot, vault);
  test(`every page of ${name}: unique ids, no markers, no dangerous URLs`, async () => {
    const config = await loadConfig(vault);
    const { graph, trees } = loadVault(vault, { keepTrees: true, questionPrefix: config.questionPrefix, publish: config.publish });
    const model = buildSiteModel(graph, trees, config, vault);
    for (const { page, html } of bodies(model)) {
      const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] as string);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(repeated, [], `${page}: repeated ids`);
      assert.ok(!ids.some((id) => id.startsWith("wenda-")), `${page}: a note id in the site's namespace`);
      assert.doesNotMatch(html, /[\u0001\u0002]/, `${page}: a composer marker survived`);
      assert.doesNotMatch(html, dangerous, `${page}: a dangerous URL`);
    }
  });
}
