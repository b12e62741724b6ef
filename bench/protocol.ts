/** What a phase process (bench/phase.ts) prints for bench.ts. */

export const phaseMarker = "BENCH_PHASE ";

export interface PhaseResult {
  phase: "floor" | "graph";
  files: number;
  /** Sum of the .md files' sizes in bytes. */
  bytes: number;
  /** The timed work: floor = the parse loop only (files already read); graph = the loadVault call (reads included). */
  wallMs: number;
  /** CPU time (user + system, every thread) over the same timed work, ms: steadier than wall time on a busy machine. */
  cpuMs: number;
  /** floor only: listing and reading every file (utf8), before the parse loop. */
  readMs?: number;
  /** process.resourceUsage().maxRSS at the end of the phase, KB. */
  maxRssKB: number;
  /** RSS after the phase's imports, before any file is read (runtime + tsx + modules), KB. */
  baseRssKB: number;
  /** Sanity figures, so a phase that did nothing shows. */
  counts: Record<string, number>;
}
