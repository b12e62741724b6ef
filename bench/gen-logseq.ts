/**
 * A synthetic Logseq graph for the benchmark, shaped like the real Chinese interview graphs issue 9 measured:
 * deep outlines (to 15 levels), page and block properties (`collapsed::`, `id::` not always last), block refs and
 * embeds, namespaces in the three file-name formats, journals, org blocks, fences, task markers, Chinese text
 * with links and tags, continuation lines and column-0 headings. Deterministic for a given page count.
 *
 *   node --import tsx bench/gen-logseq.ts <dir> [--pages N]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const topics = ["Redis", "消息队列", "Kafka", "MySQL", "JVM", "并发", "网络", "操作系统", "分布式", "Spring", "Netty", "微服务"];
const phrases = [
  "为什么单线程还这么快",
  "如何保证消息不丢失",
  "持久化的两种方式各有什么优缺点",
  "主从复制的过程",
  "缓存穿透、击穿和雪崩的区别",
  "索引为什么用 B+ 树",
  "事务的隔离级别与幻读",
  "垃圾回收器怎么选",
  "线程池的核心参数",
  "三次握手与四次挥手",
  "一致性哈希解决了什么问题",
  "限流算法：令牌桶与漏桶",
];
const tags = ["面试", "后端", "高频", "原理", "八股", "源码", "场景题"];

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LogseqGraphStats {
  pages: number;
  journals: number;
  blocks: number;
  refs: number;
  bytes: number;
}

/** Write a graph of `count` files (pages and journals) into `dir`, which must not exist or be empty. */
export function generateLogseqGraph(dir: string, count: number): LogseqGraphStats {
  const rand = random(count * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  fs.mkdirSync(path.join(dir, "logseq"), { recursive: true });
  fs.mkdirSync(path.join(dir, "pages"), { recursive: true });
  fs.mkdirSync(path.join(dir, "journals"), { recursive: true });
  fs.writeFileSync(path.join(dir, "logseq", "config.edn"), '{:meta/version 1 :file/name-format :triple-lowbar :default-home {:page "首页"}}\n');

  const journals = Math.floor(count * 0.15);
  const names: string[] = [];
  for (let i = 0; i < count - journals; i++) names.push(`${pick(topics)}/${pick(phrases)} ${i}`);
  const ids: string[] = [];
  const stats: LogseqGraphStats = { pages: count - journals, journals, blocks: 0, refs: 0, bytes: 0 };
  let idCounter = 0;
  const uuid = () => `6571a2b3-${(idCounter++).toString(16).padStart(4, "0")}-4000-8000-${count.toString(16).padStart(12, "0")}`;

  const sentence = (): string => {
    const parts = [`${pick(topics)} ${pick(phrases)}`, "，"];
    const r = rand();
    if (r < 0.3) parts.push(`参见 [[${pick(names)}]]`);
    else if (r < 0.45) parts.push(`#${pick(tags)} 相关`);
    else if (r < 0.55 && ids.length > 0) {
      parts.push(`引用 ((${pick(ids)}))`);
      stats.refs++;
    } else parts.push("面试时要先讲结论，再讲原理和取舍");
    if (rand() < 0.1) parts.push(" ^^重点^^");
    if (rand() < 0.05) parts.push(" [[#red]]==易错==");
    return parts.join("");
  };

  const outline = (lines: string[], depth: number, budget: { blocks: number }) => {
    const siblings = depth === 0 ? 4 + Math.floor(rand() * 4) : 1 + Math.floor(rand() * 3);
    for (let s = 0; s < siblings && budget.blocks > 0; s++) {
      budget.blocks--;
      stats.blocks++;
      const indent = "\t".repeat(depth);
      const r = rand();
      const marker = r < 0.05 ? "TODO " : r < 0.08 ? "DONE " : "";
      lines.push(`${indent}- ${marker}${depth === 0 && rand() < 0.3 ? "## " : ""}${sentence()}`);
      if (rand() < 0.3) lines.push(`${indent}  ${sentence()}`);
      if (rand() < 0.15) lines.push(`${indent}  collapsed:: true`);
      if (rand() < 0.12) {
        const id = uuid();
        ids.push(id);
        lines.push(`${indent}  id:: ${id}`);
        if (rand() < 0.4) lines.push(`${indent}  补充说明在 id 之后`);
      }
      if (rand() < 0.04) lines.push(`${indent}  #+BEGIN_TIP`, `${indent}  ${sentence()}`, `${indent}  #+END_TIP`);
      if (rand() < 0.04) lines.push(`${indent}  \`\`\`java`, `${indent}  - list.add(1); // 代码里的 - 不是块`, `${indent}  \`\`\``);
      if (rand() < 0.03) lines.push(`## 第 0 列的标题 ${depth}`);
      if (rand() < 0.03 && names.length > 0) lines.push(`${indent}  {{embed [[${pick(names)}]]}}`);
      // Some branches go all the way down to 15 levels.
      const deeper = depth < 14 && (rand() < 0.45 || (s === 0 && rand() < 0.5));
      if (deeper) outline(lines, depth + 1, budget);
    }
  };

  const write = (relative: string, lines: string[]) => {
    const text = `${lines.join("\n")}\n`;
    stats.bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, relative), text);
  };

  names.forEach((name, i) => {
    const lines: string[] = [];
    if (rand() < 0.6) {
      lines.push(`alias:: ${name.split("/")[1]?.split(" ")[0] ?? name}`, `tags:: ${pick(tags)}, ${pick(tags)}`, `type:: [[${pick(topics)}]]`, "");
    }
    outline(lines, 0, { blocks: 20 + Math.floor(rand() * 30) });
    // Namespaces in the three file-name formats: `a___b` (current), `a%2Fb` (legacy), `a.b` (older).
    const format = i % 10;
    const file = format < 7 ? name.replace(/\//g, "___") : format < 9 ? name.replace(/\//g, "%2F") : name.replace(/\//g, ".");
    write(`pages/${file}.md`, lines);
  });
  for (let j = 0; j < journals; j++) {
    const day = new Date(Date.UTC(2024, 0, 1) + j * 86_400_000);
    const lines: string[] = [];
    outline(lines, 0, { blocks: 6 + Math.floor(rand() * 10) });
    write(`journals/${day.toISOString().slice(0, 10).replace(/-/g, "_")}.md`, lines);
  }
  return stats;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [dir, flag, value] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write("usage: node --import tsx bench/gen-logseq.ts <dir> [--pages N]\n");
    process.exit(2);
  }
  const pages = flag === "--pages" ? Number(value) : 1000;
  const stats = generateLogseqGraph(dir, pages);
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}
