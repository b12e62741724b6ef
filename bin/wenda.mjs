#!/usr/bin/env node
// The `wenda` command. The CLI is TypeScript run through tsx, so `npm install` is the whole set-up.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
