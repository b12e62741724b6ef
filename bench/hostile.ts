/**
 * Hostile notes, generated in code (nothing megabyte-sized is committed): the pathological shapes issue 7
 * measured, and a mutator that splices delimiter runs, brackets, `%%`, `$$`, `{{`, `((`, HTML and control
 * characters into real notes. Used by tests/graph/{budget,fuzz}.test.ts, `npm run fuzz` and `npm run bench`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The shapes that made micromark superlinear, each at the size the issue measured. */
export function hostileNotes(): Record<string, string | Buffer> {
  return {
    "敌意/百万括号.md": "[[".repeat(100_000),
    "敌意/单括号.md": "[".repeat(16_000),
    "敌意/未闭合链接.md": "[[a".repeat(8000),
    "敌意/星号.md": "*a".repeat(20_000),
    "敌意/下划线.md": "_a".repeat(20_000),
    "敌意/链接开头.md": "[a](".repeat(20_000),
    "敌意/深列表.md": `${"- ".repeat(10_000)}[[？深处的问题]]\n`,
    "敌意/深引用.md": `${"> ".repeat(10_000)}[a](b)\n`,
    "敌意/深缩进.md": Array.from({ length: 600 }, (_, i) => `${" ".repeat(2 * i)}- [链接${i}](b)`).join("\n"),
    "敌意/懒惰行.md": `- 列表项 #标签\n${"懒惰的续行\n".repeat(30_000)}`,
    "敌意/五兆.md": `---\ndg-publish: false\n---\n${"普通的文字 #标签 [[链接]] *强调*\n".repeat(120_000)}`,
    "敌意/普通.md": "* [[？问题]]\n\t* 答案 #集群\n",
  };
}

/** A small deterministic PRNG (LCG), so a fuzz run is reproducible from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const fragments = [
  "*", "**", "_", "__", "[", "]", "[[", "]]", "](", "![[", "![", "(", ")", "%%", "$$", "$", "{{", "}}", "((", "))",
  "`", "```\n", "~~~", "~~", "|", "\\|", "#", "# ", "^", "> ", "- ", "* ", "1. ", "\t", "\n", "\n\n", "\r\n", "\r",
  "<label class=\"ob-comment\" title=\"\">", "<input type=\"checkbox\">", "<span>", "</span>", "</label>", "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>", "<!--", "-->", "<div>", "</div>", "&amp;", "&#0;", "\u0000", "\u0001", "\u001b", "\u000c", "\u007f",
  "\uFEFF", "\uFFFD", "\u200b", "？", "｜", "#集群", "#[[多 词]]", "{ #47a9a2}", " ^dup", "id:: 6f0a", "key:: value", "---\n",
  "[06:38](file:///Z:/%E8%A7%86%E9%A2%91.mp4#t=398.4)", "{{youtube-timestamp 90}}", "{{embed [[笔记]]}}", "[[？问题\\|别名]]", "http://", "www.",
];

/** `text` with 1–8 random edits: fragment splices, runs of one fragment, deletions, duplicated slices. */
export function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    const fragment = fragments[Math.floor(next() * fragments.length)] as string;
    if (kind < 0.45) out = out.slice(0, at) + fragment + out.slice(at);
    else if (kind < 0.65) out = out.slice(0, at) + fragment.repeat(1 + Math.floor(next() ** 4 * 3000)) + out.slice(at);
    else if (kind < 0.8) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 40));
    else {
      const length = Math.floor(next() * 200);
      out = out.slice(0, at) + out.slice(at, at + length).repeat(1 + Math.floor(next() * 8)) + out.slice(at);
    }
  }
  return out;
}

/** Seed texts: the seed card, every fixture input, and a small generated vault's notes (when `shared/` is found). */
export function seedTexts(shared: string | undefined): string[] {
  const root = fileURLToPath(new URL("../", import.meta.url));
  const texts: string[] = [];
  const walk = (folder: string) => {
    if (!fs.existsSync(folder)) return;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".md") || entry.name.endsWith(".txt")) texts.push(fs.readFileSync(full, "utf8"));
    }
  };
  walk(path.join(root, "tests/fixtures"));
  if (shared) {
    walk(path.join(shared, "seeds"));
    const generator = path.join(shared, "tools/gen-vault.mjs");
    if (fs.existsSync(generator)) {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "wenda-fuzz-gen-"));
      try {
        execFileSync(process.execPath, [generator, out, "--cards", "12", "--seed", "7"], { stdio: "ignore" });
        walk(out);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
  }
  return texts.filter((text) => text.length > 0);
}
