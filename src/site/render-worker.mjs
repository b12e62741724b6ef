// Worker entry: registers tsx in this thread (a worker's `--import` does not apply to its entry on Node 20),
// then runs the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./render-worker.ts");
