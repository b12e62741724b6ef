/**
 * The command line: every command rejects unknown options and extra arguments with a hint (exit 2), lists every
 * option in its `--help`, validates ports; `--version`; user errors are one line, never a stack trace.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { commandHelp, commands, parseArgs, UsageError, UserError } from "../../src/cli/args.ts";
import { reportError } from "../../src/cli/main.ts";
import type { Graph } from "../../src/graph/types.ts";
import { makeVault, removeVault, repoRoot } from "../helpers/vault.ts";
import { bin, stackFrame, wenda } from "./run.ts";

const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

describe("parseArgs, for every command", () => {
  for (const spec of commands) {
    test(`${spec.name}: --help lists every option the parser accepts, and the parser accepts every listed one`, () => {
      const help = commandHelp(spec);
      for (const option of spec.options) assert.match(help, new RegExp(`--${option.name}\\b`), option.name);
      const listed = [...new Set([...help.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1] as string))].filter((name) => name !== "help");
      assert.deepEqual(listed.sort(), spec.options.map((o) => o.name).sort());
      for (const option of spec.options) {
        const argv = option.value ? [`--${option.name}`, option.type === "port" ? "4000" : "x"] : [`--${option.name}`];
        assert.equal(parseArgs(argv, spec).flags.get(option.name), option.value ? argv[1] : true);
      }
    });

    test(`${spec.name}: an unknown option is a UsageError with a hint`, () => {
      assert.throws(() => parseArgs(["v", "--frobnicate"], spec), (e: Error) => e instanceof UsageError && /unknown option `--frobnicate`.*--help/.test(e.message));
      assert.throws(() => parseArgs(["v", "-x"], spec), UsageError);
      assert.throws(() => parseArgs(["v", "--frobnicate=1"], spec), /unknown option `--frobnicate`/);
    });

    test(`${spec.name}: a second positional is a UsageError`, () => {
      assert.throws(() => parseArgs(["a", "b"], spec), (e: Error) => e instanceof UsageError && /too many arguments: `a` `b`/.test(e.message));
      assert.deepEqual(parseArgs(["--", "-a"], spec).positionals, ["-a"]);
    });
  }

  test("a near miss names the option meant", () => {
    const build = commands.find((c) => c.name === "build");
    assert.ok(build);
    assert.throws(() => parseArgs(["v", "--outt", "x"], build), /did you mean --out\?/);
    assert.throws(() => parseArgs(["v", "--confg", "x"], build), /did you mean --config\?/);
  });

  test("values: missing, given to a switch, repeated, and ports", () => {
    const [graph, dev] = [commands.find((c) => c.name === "graph"), commands.find((c) => c.name === "dev")];
    assert.ok(graph && dev);
    assert.throws(() => parseArgs(["v", "--out"], graph), /--out needs a value/);
    assert.throws(() => parseArgs(["v", "--out", "--pretty"], graph), /--out needs a value/);
    assert.throws(() => parseArgs(["v", "--pretty=yes"], graph), /--pretty takes no value/);
    assert.throws(() => parseArgs(["v", "--pretty", "--pretty"], graph), /given twice/);
    assert.equal(parseArgs(["v", "--out=a.json"], graph).flags.get("out"), "a.json");
    for (const bad of ["abc", "99999", "0", "-1", "80.5", "0x50", ""]) {
      assert.throws(() => parseArgs(["v", `--port=${bad}`], dev), UsageError, bad);
    }
    assert.equal(parseArgs(["v", "--port", "65535"], dev).flags.get("port"), "65535");
  });

  test("an internal bug is one line without WENDA_DEBUG, a stack trace with it; user errors never are", () => {
    const written: string[] = [];
    const original = process.stderr.write;
    const saved = process.env.WENDA_DEBUG;
    process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
    try {
      delete process.env.WENDA_DEBUG;
      assert.equal(reportError("x", new TypeError("boom")), 1);
      assert.equal(reportError("x", new UserError("refused", 2)), 2);
      assert.equal(reportError("x", new UsageError("bad flag")), 2);
      process.env.WENDA_DEBUG = "1";
      reportError("x", new TypeError("boom"));
    } finally {
      process.stderr.write = original;
      if (saved === undefined) delete process.env.WENDA_DEBUG;
      else process.env.WENDA_DEBUG = saved;
    }
    assert.equal(written[0], "wenda x: internal error: boom (WENDA_DEBUG=1 shows the stack trace)\n");
    assert.equal(written[1], "wenda x: refused\n");
    assert.equal(written[2], "wenda x: bad flag\n");
    assert.match(written[3] as string, stackFrame);
  });
});

describe("wenda, run as a command", { timeout: 600_000 }, () => {
  let vault = "";
  let empty = "";
  let elsewhere = "";
  before(() => {
    vault = makeVault({
      "卡片/草稿.md": "* [[？ 问题]] 回答\n",
      "卡片/发布.md": "---\ndg-publish: true\n---\n* [[Q 问题二]] 回答\n",
      "Q 问题二.md": "问题二的页面\n",
      "wenda.config.json": JSON.stringify({ publish: "dg", questionPrefix: "Q" }),
    });
    empty = makeVault({ ".obsidian/app.json": "{}", "附件/图.png": "" });
    elsewhere = makeVault({ "cfg.json": JSON.stringify({ publish: "all" }) }, "wenda-cwd-");
  });
  after(() => {
    for (const dir of [vault, empty, elsewhere]) removeVault(dir);
  });

  test("--version and -v print package.json's version", () => {
    for (const flag of ["--version", "-v"]) {
      const run = wenda([flag], { cwd: elsewhere });
      assert.equal(run.code, 0);
      assert.equal(run.stdout, `${version}\n`);
    }
    assert.match(wenda(["--help"]).stdout, /--version/);
  });

  for (const command of ["build", "dev", "preview", "graph", "check"]) {
    test(`${command}: an unknown option and an extra argument each exit 2 with one line and a hint`, () => {
      const unknown = wenda([command, vault, "--frobnicate"]);
      assert.equal(unknown.code, 2);
      assert.equal(unknown.stderr, `wenda ${command}: unknown option \`--frobnicate\`; \`wenda ${command} --help\` lists the options\n`);
      assert.equal(unknown.stdout, "");
      const extra = wenda([command, vault, "surplus"]);
      assert.equal(extra.code, 2);
      assert.match(extra.stderr, /^wenda \w+: too many arguments: .*`surplus`.*\n$/);
    });
  }

  for (const command of ["dev", "preview"]) {
    test(`${command}: --port abc and --port 99999 are clear errors, exit 2`, () => {
      for (const port of ["abc", "99999"]) {
        const run = wenda([command, ...(command === "dev" ? [vault] : []), "--port", port]);
        assert.equal(run.code, 2);
        assert.equal(run.stderr, `wenda ${command}: --port must be a whole number from 1 to 65535, not \`${port}\`\n`);
      }
    });

    test(`${command}: a busy port is one line (EADDRINUSE), exit 1`, async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
      const port = (blocker.address() as net.AddressInfo).port;
      const site = makeVault({ "index.html": "<p>site</p>" });
      try {
        const run = wenda([command, command === "dev" ? vault : site, "--port", String(port)]);
        assert.equal(run.code, 1);
        assert.equal(run.stderr, `wenda ${command}: port ${port} on 127.0.0.1 is in use (EADDRINUSE); stop what uses it or pick another with --port\n`);
      } finally {
        blocker.close();
        removeVault(site);
      }
    });
  }

  test("graph and check read wenda.config.json like build: publish mode and question prefix", () => {
    const run = wenda(["graph", vault], { cwd: elsewhere });
    assert.equal(run.code, 0, run.stderr);
    const graph = JSON.parse(run.stdout) as Graph;
    const published = Object.fromEntries(graph.notes.map((n) => [n.id, n.published]));
    // publish: dg — only the note that says dg-publish: true.
    assert.equal(published["卡片/草稿"], false);
    assert.equal(published["卡片/发布"], true);
    // questionPrefix: Q — `Q 问题二` is a question, `？ 问题` is not.
    assert.deepEqual(graph.questions.map((q) => q.id), ["Q 问题二"]);
    // --config wins over the vault's file, resolved from the working directory.
    const other = JSON.parse(wenda(["graph", vault, "--config", "cfg.json"], { cwd: elsewhere }).stdout) as Graph;
    assert.equal(other.notes.find((n) => n.id === "卡片/草稿")?.published, true);
    const missing = wenda(["check", vault, "--config", "nope.json"], { cwd: elsewhere });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^wenda check: config file `.*nope\.json` does not exist\n$/);
  });

  test("check with a broken config file says which file, one line", () => {
    const broken = makeVault({ "a.md": "正文\n", "wenda.config.json": "{ nope" });
    try {
      const run = wenda(["check", broken]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^wenda check: cannot read `.*wenda\.config\.json`: .*\n$/);
      assert.doesNotMatch(run.stderr, stackFrame);
    } finally {
      removeVault(broken);
    }
  });

  test("graph, check and build on a vault with no notes warn", () => {
    const out = path.join(elsewhere, "empty-site");
    for (const args of [["graph", empty], ["check", empty], ["build", empty, "--out", out]]) {
      const run = wenda(args, { cwd: elsewhere });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /warning: `.*` holds no notes/, args[0]);
    }
    assert.ok(fs.existsSync(path.join(out, "index.html")));
  });

  test("graph … | head -c 10 ends quietly (EPIPE), no stack trace", async () => {
    // The sample vault's graph (~100 KB) is larger than a pipe's buffer, so writes after `head` exits fail.
    const child = spawn(process.execPath, [bin, "graph", path.join(repoRoot, "content"), "--pretty"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const first = await new Promise<Buffer>((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.match(first.subarray(0, 10).toString(), /^\{\n {2}"vers/);
    assert.equal(stderr, "");
    assert.equal(code, 0);
  });

  test("user errors never print a stack trace", () => {
    const cases = [
      ["graph"],
      ["check", path.join(vault, "不存在")],
      ["build", vault, "--out", vault],
      ["build", vault, "--config", "/nonexistent/wenda.config.json"],
      ["preview", path.join(vault, "卡片")],
      ["frobnicate"],
    ];
    for (const args of cases) {
      const run = wenda(args);
      assert.notEqual(run.code, 0, args.join(" "));
      assert.doesNotMatch(run.stderr, stackFrame, args.join(" "));
      assert.equal(run.stderr.trimEnd().split("\n").length, 1, `${args.join(" ")}: ${run.stderr}`);
    }
  });
});
