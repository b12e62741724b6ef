/**
 * Note dates (src/site/dates.ts) and descriptions (src/site/describe.ts): front matter in its usual spellings,
 * then a Logseq journal's day, then git (one log over the vault), then the file's time; descriptions cut by
 * characters a reader sees, at a clause mark, never inside a Latin word.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { gitDates, noteDates, parseDate } from "../../src/site/dates.ts";
import { cut, describe } from "../../src/site/describe.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

test("front-matter dates in the spellings vaults use; anything else is no date", () => {
  assert.equal(parseDate("2024-01-31"), "2024-01-31");
  assert.equal(parseDate("2024/1/5"), "2024-01-05");
  assert.equal(parseDate(" 2024-01-31T08:30:00+08:00 "), "2024-01-31T08:30:00+08:00");
  assert.equal(parseDate("2024-01-31T08:30:00.000+0800"), "2024-01-31T08:30:00.000+08:00");
  assert.equal(parseDate("2024-01-31 08:30"), "2024-01-31", "no offset: the author's local time is unknown, the day is kept");
  assert.equal(parseDate("2024-01-31T00:30:00Z"), "2024-01-31T00:30:00Z");
  assert.equal(parseDate(new Date("2024-02-01T00:00:00Z")), "2024-02-01T00:00:00.000Z");
  for (const wrong of ["2024-02-30", "[[Jan 31st, 2024]]", "昨天", "", 20240131, null, undefined, ["2024-01-31"]]) {
    assert.equal(parseDate(wrong), undefined, String(wrong));
  }
});

test("updated before created; a journal's day; else the file's time", () => {
  const vault = makeVault({ "a.md": "a", "b.md": "b", "journals/2024_03_01.md": "c", "d.md": "d" });
  vaults.push(vault);
  const time = new Date("2021-05-06T07:08:09.000Z");
  fs.utimesSync(path.join(vault, "d.md"), time, time);
  const dates = noteDates(
    [
      { id: "a", path: "a.md", frontmatter: { created: "2024-01-01", "dg-updated": "2024-02-02T10:00:00+08:00" } },
      { id: "b", path: "b.md", frontmatter: { date: "2023-09-09" } },
      { id: "c", path: "journals/2024_03_01.md", frontmatter: {}, journal: "2024-03-01" },
      { id: "d", path: "d.md", frontmatter: { updated: "not a date" } },
      { id: "gone", path: "gone.md", frontmatter: {} },
    ],
    vault,
  );
  assert.deepEqual(Object.fromEntries(dates), {
    a: { updated: "2024-02-02T10:00:00+08:00", created: "2024-01-01", source: "frontmatter" },
    b: { updated: "2023-09-09", created: "2023-09-09", source: "frontmatter" },
    c: { updated: "2024-03-01", created: "2024-03-01", source: "journal" },
    d: { updated: "2021-05-06T07:08:09.000Z", source: "mtime" },
  });
});

test("a vault in a git repository: each file's last commit, from one log, before the file's time", () => {
  const vault = makeVault({ "卡片/旧.md": "v1", "卡片/新.md": "v1", "未提交.md": "x" });
  vaults.push(vault);
  const git = (args: string[], date: string) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: vault,
      stdio: "ignore",
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  git(["init", "-q"], "2020-01-01T00:00:00+00:00");
  git(["add", "卡片"], "2020-01-01T00:00:00+00:00");
  git(["commit", "-qm", "one"], "2023-01-01T12:00:00+08:00");
  fs.writeFileSync(path.join(vault, "卡片/新.md"), "v2");
  git(["commit", "-qam", "two"], "2024-06-01T09:30:00+08:00");
  assert.deepEqual(Object.fromEntries(gitDates(vault)), {
    "卡片/旧.md": "2023-01-01T12:00:00+08:00",
    "卡片/新.md": "2024-06-01T09:30:00+08:00",
  });
  const dates = noteDates(
    ["卡片/旧", "卡片/新", "未提交"].map((id) => ({ id, path: `${id}.md`, frontmatter: {} })),
    vault,
  );
  assert.equal(dates.get("卡片/旧")?.updated, "2023-01-01T12:00:00+08:00");
  assert.equal(dates.get("卡片/新")?.source, "git");
  assert.equal(dates.get("未提交")?.source, "mtime", "a file git does not know: its time");
});

test("no repository: git gives nothing (and no error)", () => {
  const vault = makeVault({ "a.md": "a" });
  vaults.push(vault);
  assert.equal(gitDates(vault).size, 0);
});

test("descriptions: the page's text without its title, timestamps or remarks, cut by characters", () => {
  const html =
    '<h1>标题</h1><ul><li><a class="ts" href="#t=1">00:22</a> Redis 是缓存，不是存储<span class="annotation">审阅意见</span></li></ul>' +
    '<p>内存<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span><span class="katex-html">x</span></span>有限</p>';
  assert.equal(describe(html), "Redis 是缓存，不是存储 内存x有限");
  assert.equal(describe(""), "");
  const chinese = "缓存穿透是指查询一个一定不存在的数据".repeat(10);
  const short = cut(chinese, 30);
  assert.equal([...short].length, 31);
  assert.ok(short.endsWith("…"));
  // A clause mark near the end ends it there.
  assert.equal(cut(`${"甲".repeat(100)}，${"乙".repeat(40)}`, 120), `${"甲".repeat(100)}…`);
  // Never inside a Latin word.
  assert.equal(cut(`${"字".repeat(115)}Redis Cluster`, 120), `${"字".repeat(115)}Redis…`);
  // Emoji and combined characters count as one each.
  assert.equal(cut("👍🏽".repeat(5), 3), `${"👍🏽".repeat(3)}…`);
  assert.equal(cut("短", 120), "短");
});
