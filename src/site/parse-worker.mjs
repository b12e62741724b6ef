// Worker entry for `wenda graph` / `wenda check`: registers tsx in this thread (a worker's `--import` does not
// apply to its entry on Node 20), then runs the parse-only worker.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");
