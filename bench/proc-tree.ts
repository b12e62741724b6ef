/**
 * A process tree measured from /proc (Linux): the peak of the summed RSS of a process and all its descendants,
 * and their CPU time. GNU time's figures miss both: its RSS is the largest single process, and a child that is
 * killed rather than waited for (Pagefind's service) never adds its CPU time to its parent's.
 */
import fs from "node:fs";

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User + system CPU time, clock ticks. */
  ticks: number;
  /** Resident set size, pages. */
  rssPages: number;
}

/** One `/proc/<pid>/stat` line; the command name may hold spaces and parentheses, so fields follow the last `)`. */
export function parseStat(line: string): ProcStat | undefined {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < open) return undefined;
  const pid = Number(line.slice(0, open).trim());
  // After ")": state(3) ppid(4) … utime(14) stime(15) … rss(24); index 0 here is field 3.
  const fields = line.slice(close + 1).trim().split(/\s+/);
  const at = (field: number): number => Number(fields[field - 3]);
  const stat = { pid, ppid: at(4), ticks: at(14) + at(15), rssPages: at(24) };
  return Object.values(stat).every(Number.isFinite) ? stat : undefined;
}

/** Every process's stat, from /proc; processes that exit while being read are skipped. */
export function readAllStats(proc = "/proc"): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of fs.readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseStat(fs.readFileSync(`${proc}/${name}/stat`, "utf8"));
      if (stat) stats.push(stat);
    } catch {
      // gone
    }
  }
  return stats;
}

/** `root` and its descendants among `stats`. */
export function treeOf(root: number, stats: readonly ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  const byPid = new Map<number, ProcStat>();
  for (const stat of stats) {
    byPid.set(stat.pid, stat);
    const list = children.get(stat.ppid);
    if (list) list.push(stat);
    else children.set(stat.ppid, [stat]);
  }
  const tree: ProcStat[] = [];
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const stat = byPid.get(pid);
    if (stat) tree.push(stat);
    for (const child of children.get(pid) ?? []) stack.push(child.pid);
  }
  return tree;
}

/** Polls a process tree: the highest summed RSS, and each process's last CPU reading (summed at the end). */
export class TreeSampler {
  peakRssKB = 0;
  private readonly ticks = new Map<number, number>();
  private readonly pageKB: number;
  private readonly tick: number;
  constructor(
    readonly root: number,
    options: { pageKB?: number; ticksPerSecond?: number } = {},
  ) {
    this.pageKB = options.pageKB ?? 4;
    this.tick = options.ticksPerSecond ?? 100;
  }
  /** Take one sample from `stats` (defaults to the live /proc). */
  sample(stats: readonly ProcStat[] = readAllStats()): void {
    let rss = 0;
    for (const stat of treeOf(this.root, stats)) {
      rss += stat.rssPages * this.pageKB;
      this.ticks.set(stat.pid, Math.max(this.ticks.get(stat.pid) ?? 0, stat.ticks));
    }
    this.peakRssKB = Math.max(this.peakRssKB, rss);
  }
  /** CPU seconds of every process seen (up to its last sample). */
  cpuS(): number {
    let sum = 0;
    for (const value of this.ticks.values()) sum += value;
    return sum / this.tick;
  }
  /** Processes seen. */
  get processes(): number {
    return this.ticks.size;
  }
}
