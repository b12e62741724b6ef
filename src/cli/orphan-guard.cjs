// Preloaded into the `astro` child of `wenda build|dev` (`node --require`): when wenda itself dies without
// passing a signal on (SIGKILL, a crash), the child is re-parented; it then stops too instead of running on.
"use strict";
const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000);
timer.unref();
// A CPU profile (WENDA_CPU_PROF, see site.ts) is written only by an exit, not by a death from a signal.
if (process.env.WENDA_CPU_PROF) for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]]) process.once(signal, () => process.exit(code));
