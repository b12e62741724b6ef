// The bench's testable parts: its arguments, /proc parsing and tree sampling, the table, Hugo's page form,
// page sizes; and the search index's page-path mapping (src/site/search-index.ts).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseBenchArgs } from "../../bench/args.ts";
import { asHugoPage } from "../../bench/hugo.ts";
import { parseStat, type ProcStat, readAllStats, TreeSampler, treeOf } from "../../bench/proc-tree.ts";
import { measurePageSizes } from "../../bench/sizes.ts";
import { table, width } from "../../bench/table.ts";

test("bench arguments: builds, Hugo and dev are on by default and each can be turned off", () => {
  const defaults = parseBenchArgs([]);
  assert.deepEqual([defaults.cards, defaults.builds, defaults.hugo, defaults.dev, defaults.site], [[1000], true, true, true, false]);
  const off = parseBenchArgs(["--cards", "1000,4000,10000", "--no-builds", "--no-hugo", "--no-dev", "--site"]);
  assert.deepEqual([off.cards, off.builds, off.hugo, off.dev, off.site], [[1000, 4000, 10000], false, false, false, true]);
  assert.throws(() => parseBenchArgs(["--no-hugo=1"]), /takes no value/);
  assert.deepEqual(parseBenchArgs(["--runs", "cold,edit"]).runs, ["cold", "edit"]);
  assert.throws(() => parseBenchArgs(["--runs", "hot"]), /--runs takes/);
});

test("a /proc stat line: fields after the last parenthesis, so a command name with spaces and ) still parses", () => {
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime … rss is field 24.
  const line = "4242 (node (worker) x) S 4200 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 1234 987654321 5120 18446744073709551615";
  assert.deepEqual(parseStat(line), { pid: 4242, ppid: 4200, ticks: 300, rssPages: 5120 });
  assert.equal(parseStat("garbage"), undefined);
  const self = readAllStats().find((stat) => stat.pid === process.pid);
  assert.ok(self && self.ppid === process.ppid && self.rssPages > 0, "this process is in /proc with its parent and RSS");
});

test("the tree sampler sums RSS over a process and its descendants only, and keeps each one's last CPU time", () => {
  const stat = (pid: number, ppid: number, ticks: number, rssPages: number): ProcStat => ({ pid, ppid, ticks, rssPages });
  const first = [stat(1, 0, 5, 100), stat(10, 1, 100, 1000), stat(11, 10, 50, 500), stat(12, 10, 20, 250), stat(20, 1, 900, 9000)];
  assert.deepEqual(treeOf(10, first).map((s) => s.pid).sort(), [10, 11, 12]);
  const sampler = new TreeSampler(10, { pageKB: 4, ticksPerSecond: 100 });
  sampler.sample(first);
  // 12 has exited by the second sample: its CPU still counts, the peak RSS stays the first sample's.
  sampler.sample([stat(10, 1, 150, 1200), stat(11, 10, 80, 100)]);
  assert.equal(sampler.peakRssKB, (1000 + 500 + 250) * 4);
  assert.equal(sampler.cpuS(), (150 + 80 + 20) / 100);
  assert.equal(sampler.processes, 3);
});

test("the report table right-aligns numbers and counts CJK as two columns", () => {
  assert.equal(width("卡片ab"), 6);
  const text = table(["cards", "name", "wall_s", "notes"], [["1000", "卡片", "9.5", "x"], ["10000", "ab", "123.4", "y"]]);
  assert.equal(text, ["cards  name  wall_s  notes", "1000   卡片     9.5  x", "10000  ab     123.4  y"].join("\n"));
});

test("Hugo gets the note without its Obsidian front matter and with a quoted title", () => {
  assert.equal(asHugoPage("---\ntags: [a]\ndate: 昨天\n---\n# 正文\n", 'Redis "集群"'), '---\ntitle: "Redis \\"集群\\""\n---\n# 正文\n');
  assert.equal(asHugoPage("no front matter", "t"), '---\ntitle: "t"\n---\nno front matter');
});

test("page sizes: the largest HTML page and the home page, Pagefind's folder left out", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-sizes-"));
  try {
    fs.mkdirSync(path.join(dir, "q", "x"), { recursive: true });
    fs.mkdirSync(path.join(dir, "pagefind"));
    fs.writeFileSync(path.join(dir, "index.html"), "a".repeat(100));
    fs.writeFileSync(path.join(dir, "q", "x", "index.html"), "b".repeat(300));
    fs.writeFileSync(path.join(dir, "pagefind", "big.html"), "c".repeat(9000));
    assert.deepEqual(measurePageSizes(dir), { largest: { page: path.join("q", "x", "index.html"), bytes: 300 }, homeBytes: 100, htmlPages: 2 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

