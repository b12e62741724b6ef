/**
 * Logseq page names: file names per `:file/name-format`, `config.edn` read by the EDN reader, journal titles,
 * and the names links resolve by (page names with `/`, `title::`, percent-encoded file names) on the fixture
 * graph tests/vaults/logseq.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { readEdn } from "../../src/graph/edn.ts";
import { logseqGraphOf, readLogseqGraph } from "../../src/graph/logseq-graph.ts";
import { formatJournalTitle, journalDateOf, pageNameOf } from "../../src/graph/page-names.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { repoRoot } from "../helpers/vault.ts";

const graphRoot = path.join(repoRoot, "tests/vaults/logseq");

test("triple-lowbar file names: `___` is the namespace separator, percent-encoded characters are decoded", () => {
  assert.equal(pageNameOf("面试___Redis___集群", "triple-lowbar"), "面试/Redis/集群");
  assert.equal(pageNameOf("面试%2FMySQL", "triple-lowbar"), "面试/MySQL");
  assert.equal(pageNameOf("C%3F 语言%3A入门", "triple-lowbar"), "C? 语言:入门");
  assert.equal(pageNameOf("v1.2 发布", "triple-lowbar"), "v1.2 发布", "a dot is no separator in the new format");
  assert.equal(pageNameOf("坏的%E4编码", "triple-lowbar"), "坏的%E4编码", "an invalid escape stays as written");
});

test("legacy file names: `%2F` and `.` both separate namespaces", () => {
  assert.equal(pageNameOf("面试%2FRedis", "legacy"), "面试/Redis");
  assert.equal(pageNameOf("面试.Redis.集群", "legacy"), "面试/Redis/集群");
  assert.equal(pageNameOf("a___b", "legacy"), "a___b");
  assert.equal(pageNameOf("普通页面", "legacy"), "普通页面");
});

test("journal file names are dates; titles follow :journal/page-title-format", () => {
  assert.equal(journalDateOf("2024_01_31"), "2024-01-31");
  assert.equal(journalDateOf("2024_02_30"), undefined, "not a day");
  assert.equal(journalDateOf("会议_01_31"), undefined);
  assert.equal(formatJournalTitle("2024-01-31", "yyyy-MM-dd"), "2024-01-31");
  assert.equal(formatJournalTitle("2024-01-31", "MMM do, yyyy"), "Jan 31st, 2024");
  assert.equal(formatJournalTitle("2024-02-02", "EEEE, MM/dd/yyyy"), "Friday, 02/02/2024");
  assert.equal(formatJournalTitle("2024-03-01", "yyyy年MM月dd日"), "2024年03月01日");
});

test("config.edn: the keys wenda reads, comments and nesting skipped, Logseq's defaults otherwise", () => {
  const edn = readEdn('{:a 1 ; comment\n :b [true nil "x\\"y"] :c {:d :e} #_ :skipped :f #{1 2}}');
  assert.deepEqual(edn, { ":a": 1, ":b": [true, null, 'x"y'], ":c": { ":d": ":e" }, ":f": [1, 2] });
  assert.equal(readEdn("{:a [1 2"), undefined);
  assert.deepEqual(readLogseqGraph(graphRoot), { fileNameFormat: "triple-lowbar", journalTitleFormat: "yyyy-MM-dd", journals: true, defaultHome: "首页" });
  assert.deepEqual(logseqGraphOf("{:default-home {:page \"Journals\"}}"), { fileNameFormat: "legacy", journalTitleFormat: "MMM do, yyyy", journals: true });
  assert.deepEqual(logseqGraphOf("not edn {"), { fileNameFormat: "legacy", journalTitleFormat: "MMM do, yyyy", journals: true });
});

test("the fixture graph: page names as titles, readable URLs, links by page name, title:: and old file names", () => {
  const { graph } = loadVault(graphRoot);
  const note = (id: string) => {
    const found = graph.notes.find((n) => n.id === id);
    assert.ok(found, `no note ${id}`);
    return found;
  };
  assert.equal(note("pages/面试___Redis___集群").title, "面试/Redis/集群");
  assert.equal(note("pages/面试___Redis___集群").url, "/面试/Redis/集群/");
  assert.equal(note("pages/面试%2FMySQL").title, "面试/MySQL");
  assert.equal(note("pages/面试%2FMySQL").url, "/面试/MySQL/");
  assert.equal(note("pages/面试___Redis___持久化").title, "Redis 持久化", "title:: names the page");
  assert.equal(note("journals/2024_01_31").title, "2024-01-31");
  assert.equal(note("journals/2024_01_31").url, "/journals/2024-01-31/");
  for (const url of graph.notes.map((n) => n.url)) assert.doesNotMatch(url, /___|%2F/i);
  const from = (id: string) => graph.links.filter((l) => l.from === id);
  const home = from("pages/首页");
  assert.deepEqual(
    home.filter((l) => l.resolved).map((l) => l.to),
    ["pages/面试___Redis", "pages/面试%2FMySQL", "pages/面试___Redis___持久化", "journals/2024_01_31"],
  );
  assert.deepEqual(
    graph.diagnostics.filter((d) => d.code === "link-unresolved" && /面试|Redis 持久化|2024/.test(d.message)),
    [],
    "no link to an existing page is unresolved",
  );
});
