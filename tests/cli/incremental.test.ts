/**
 * An incremental `wenda build` (parse cache + page cache, issue 11) writes exactly what a cold build writes:
 * on a copy of the sample vault, after a rebuild with no change and after two series of edits (add, edit,
 * rename and delete a card; retarget a link; change a tag) and after an edit of one card's text, every file
 * of the site is compared byte for byte with a `--no-cache` build of the same vault. The cached builds parse
 * less, and an edit of a card's text renders only its page; an output file changed in place is not reused;
 * `--no-cache` writes no cache.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { workRoot } from "../../src/cli/site.ts";
import { cacheDirFor } from "../../src/site/parse-cache.ts";
import { repoRoot } from "../helpers/vault.ts";
import { wenda } from "./run.ts";

/** Every file under `root` (relative path → bytes), folders left out. */
function files(root: string): Map<string, Buffer> {
  const all = new Map<string, Buffer>();
  for (const relative of fs.readdirSync(root, { recursive: true, encoding: "utf8" }).sort()) {
    const absolute = path.join(root, relative);
    if (fs.statSync(absolute).isFile()) all.set(relative.split(path.sep).join("/"), fs.readFileSync(absolute));
  }
  return all;
}

/** The paths that differ between two sites (missing on either side, or different bytes). */
function differences(a: string, b: string): string[] {
  const left = files(a);
  const right = files(b);
  const names = new Set([...left.keys(), ...right.keys()]);
  return [...names].filter((name) => !left.get(name)?.equals(right.get(name) ?? Buffer.alloc(0)) || !right.has(name)).sort();
}

/** Every file under `root` with its size and mtime. */
function snapshot(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((relative) => `${relative} ${fs.statSync(path.join(root, relative)).size} ${fs.statSync(path.join(root, relative)).mtimeMs}`)
    .sort();
}

/** Replace `from` with `to` in a vault file, insisting that it was there. */
function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe("incremental wenda build", { timeout: 900_000 }, () => {
  let scratch = "";
  let vault = "";
  let cache = "";
  const build = (out: string, ...flags: string[]) => {
    const run = wenda(["build", vault, "--out", path.join(scratch, out), ...flags], { env: { WENDA_DEBUG: "1" }, timeout: 900_000 });
    assert.equal(run.code, 0, run.stderr);
    return run.stdout + run.stderr;
  };
  /** `[rendered, unchanged]` from the page cache's log line. */
  const pages = (log: string): [number, number] => {
    const match = /page cache: (\d+) pages rendered, (\d+) unchanged/.exec(log);
    assert.ok(match, log);
    return [Number(match[1]), Number(match[2])];
  };
  const parsed = (log: string) => Number(/(\d+) parsed, \d+ from the cache/.exec(log)?.[1]);

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-incremental-"));
    vault = path.join(scratch, "vault");
    cache = path.join(scratch, "cache");
    fs.cpSync(path.join(repoRoot, "content"), vault, { recursive: true });
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  test("an unchanged rebuild renders no page, reuses the search index and equals the first build", () => {
    const first = build("first", "--cache-dir", cache);
    assert.equal(pages(first)[1], 0, "the first build has nothing to reuse");
    const again = build("again", "--cache-dir", cache);
    assert.equal(parsed(again), 0);
    assert.equal(pages(again)[0], 0);
    assert.match(again, /search index: unchanged/);
    assert.deepEqual(differences(path.join(scratch, "first"), path.join(scratch, "again")), []);
  });

  test("after adding, editing and retagging cards, the site is a cold build's", () => {
    const cards = path.join(vault, "卡片");
    fs.writeFileSync(
      path.join(cards, "新卡片.md"),
      '---\n{"dg-publish":true,"permalink":"/卡片/新卡片/"}\n---\n\n* 新卡片\n\t* [[Logseq元问题库/pages/？RabbitMq镜像集群模式\\|？RabbitMq镜像集群模式]]\n\t\t* 镜像集群的新回答 #RabbitMQ/镜像\n',
    );
    fs.appendFileSync(path.join(cards, "如何保证缓存与数据库的双写一致性1.mp4.md"), "\t* 补充：先更新数据库，再删除缓存 #缓存\n");
    edit(path.join(cards, "如何保证消息不被重复消费1.mp4.md"), "#幂等性/场景", "#幂等/场景");
    const log = build("step1", "--cache-dir", cache);
    // A new card changes what every page shows (the navigation, the counts): every page is rendered again.
    assert.ok(pages(log)[0] > 0, log);
    assert.equal(parsed(log), 3, log);
    const before = snapshot(cache);
    build("step1-cold", "--no-cache");
    assert.deepEqual(snapshot(cache), before, "--no-cache leaves the cache alone");
    assert.deepEqual(differences(path.join(scratch, "step1"), path.join(scratch, "step1-cold")), []);
  });

  test("after renaming and deleting a card and retargeting a link, the site is a cold build's", () => {
    const cards = path.join(vault, "卡片");
    fs.renameSync(path.join(cards, "redis的过期策略1.mp4.md"), path.join(cards, "redis 的过期策略.md"));
    fs.rmSync(path.join(cards, "引入消息队列之后该如何保证其高可用性2.mp4.md"));
    edit(
      path.join(cards, "引入消息队列之后该如何保证其高可用性1.mp4.md"),
      "[[Logseq元问题库/pages/？RabbitMq普通集群模式 原理\\|？RabbitMq普通集群模式 原理]]",
      "[[Logseq元问题库/pages/？保证消息队列的高可用\\|？保证消息队列的高可用]]",
    );
    const log = build("step2", "--cache-dir", cache);
    assert.ok(pages(log)[0] > 0, log);
    build("step2-cold", "--no-cache");
    assert.deepEqual(differences(path.join(scratch, "step2"), path.join(scratch, "step2-cold")), []);
    // The cache holds this build only: a parse and at most one render per note.
    const entries = fs.readdirSync(path.join(cache, "parse"), { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".bin"));
    const notes = fs.readdirSync(vault, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".md"));
    assert.ok(entries.length >= notes.length && entries.length <= 2 * notes.length, `${entries.length} entries for ${notes.length} notes`);
  });

  test("after an edit of one card's text, only its page is rendered again, and the site is a cold build's", () => {
    fs.appendFileSync(path.join(vault, "卡片", "如何保证消息不被重复消费1.mp4.md"), "\n* 复习时再读一遍\n");
    const log = build("step3", "--cache-dir", cache);
    assert.equal(parsed(log), 1, log);
    assert.deepEqual(pages(log)[0], 1, log);
    build("step3-cold", "--no-cache");
    assert.deepEqual(differences(path.join(scratch, "step3"), path.join(scratch, "step3-cold")), []);
  });

  test("an output file changed in place (the cache shares its file) is not reused: the next build is still a cold build's", () => {
    const out = path.join(scratch, "step3");
    // Reused pages and index files are hard links to the cache's: writing into one writes into the cache's copy.
    const page = fs.readdirSync(out, { recursive: true, encoding: "utf8" }).find((name) => /^tags[/\\].+[/\\]index\.html$/.test(name));
    const indexFile = fs.readdirSync(path.join(out, "pagefind"), { recursive: true, encoding: "utf8" }).find((name) => name.endsWith(".pf_fragment"));
    assert.ok(page && indexFile, "the site has a tag's page and index fragments");
    fs.appendFileSync(path.join(out, page), "<!-- edited in the output -->");
    fs.appendFileSync(path.join(out, "pagefind", indexFile), "x");
    const log = build("step4", "--cache-dir", cache);
    assert.equal(parsed(log), 0, log);
    assert.equal(pages(log)[0], 1, "only the edited page is rendered again");
    assert.doesNotMatch(log, /search index: unchanged/, "the edited index is not reused");
    assert.deepEqual(differences(path.join(scratch, "step4"), path.join(scratch, "step3-cold")), []);
  });

  test("--no-cache writes no cache, not even the default one", () => {
    build("plain", "--no-cache");
    assert.equal(fs.existsSync(cacheDirFor(workRoot, vault)), false);
  });
});

describe("wenda build --cache-dir", () => {
  let scratch = "";
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-cache-dir-"));
    fs.cpSync(path.join(repoRoot, "content"), path.join(scratch, "vault"), { recursive: true });
    fs.mkdirSync(path.join(scratch, "mine"));
    fs.writeFileSync(path.join(scratch, "mine", "notes.txt"), "mine");
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  const refused = (args: string[], pattern: RegExp) => {
    const run = wenda(["build", path.join(scratch, "vault"), "--out", path.join(scratch, "site"), ...args]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, pattern);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
  };

  test("is refused inside the vault, around it, in a folder of someone else's, around --out, or with --no-cache", () => {
    refused(["--cache-dir", path.join(scratch, "vault", "cache")], /refusing --cache-dir .*overlaps the vault/);
    refused(["--cache-dir", scratch], /refusing --cache-dir .*overlaps the vault/);
    refused(["--cache-dir", path.join(scratch, "mine")], /refusing --cache-dir .*not a wenda cache/);
    refused(["--cache-dir", path.join(scratch, "site", "cache")], /refusing --out .*cache folder/);
    refused(["--cache-dir", path.join(scratch, "c"), "--no-cache"], /cannot be used together/);
    assert.deepEqual(fs.readdirSync(path.join(scratch, "mine")), ["notes.txt"]);
    assert.equal(fs.existsSync(path.join(scratch, "vault", "cache")), false);
  });
});
