// The browser tests drive Debian's Chromium (no browser downloads are possible here). On a fresh Debian machine
// where we are root, install it; elsewhere say exactly what to install.
import { execSync } from "node:child_process";
import fs from "node:fs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium() {
  if (fs.existsSync(chromiumPath)) return true;
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && fs.existsSync("/usr/bin/apt-get")) {
    console.error("Chromium is missing: installing Debian's chromium (apt-get install -y chromium)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
    return fs.existsSync(chromiumPath);
  }
  console.error(`The browser tests need Chromium at ${chromiumPath}. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.`);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureChromium() ? 0 : 1);
