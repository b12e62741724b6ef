#!/usr/bin/env node
// The `wenda` command. The CLI is TypeScript run through tsx, so `npm install` is the whole set-up.
import { register } from "tsx/esm/api";

// `wenda graph … | head`: the reader went away; that is the end of the output, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { main, reportError } = await import("../src/cli/main.ts");
// Errors raised later by a server or a stream are reported like the command's own: one line.
process.on("uncaughtException", (error) => {
  process.exitCode = reportError(process.argv[2] ?? "", error);
  process.exit();
});
process.exitCode = await main(process.argv.slice(2));
