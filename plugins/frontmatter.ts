/**
 * Front matter: `remark-frontmatter` finds the `---` block; this plugin parses it as YAML 1.2 (DG's one-line JSON
 * is valid YAML) into `file.data.frontmatter`. A broken block is a diagnostic, never a crash: the note keeps an
 * empty front matter and is still parsed.
 *
 * A block that cannot be read (invalid YAML, not a map, `---` at the top with no closing line) may have held the
 * note's publish decision (`dg-publish: false`, `draft: true`), so it is recorded in `file.data.frontmatterProblem`
 * with the first publish-like word found in its raw text; the graph then fails closed (`src/graph/publish.ts`).
 * Publish flags given as strings or numbers (`dg-publish: "false"`) are read with a `publish-not-boolean` warning.
 */
import type { Root, Yaml } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import type { Plugin, Processor } from "unified";
import type { VFile } from "vfile";
import { isMap, isScalar, LineCounter, parseDocument, YAMLParseError } from "yaml";
import { report } from "./diagnostic.ts";
import type { Frontmatter, FrontmatterProblem } from "./types.d.ts";

/** The front matter keys that decide publishing (DIALECT §1). */
export const publishKeys = ["dg-publish", "publish", "draft"] as const;

/**
 * Words that, found anywhere in an unreadable block, mean a publish decision could be in it: the keys above and
 * their look-alikes (`published`, `dg-hide`, `private`, `hidden`), in any case. Deliberately broad: a false
 * positive only keeps a broken note unpublished until its front matter is fixed.
 */
const publishWord = /[\w-]*(?:publish|draft|private|hidden)[\w-]*|(?<![\w-])(?:dg-)?hide(?![\w-])/i;

/** Registers the `---` syntax and fills `file.data.frontmatter`. */
export const remarkFrontmatterData: Plugin<[], Root> = function (this: Processor) {
  remarkFrontmatter.call(this as never, ["yaml"]);
  const processor = this;
  return (tree: Root, file: VFile) => {
    const first = tree.children[0];
    if (first?.type === "yaml") {
      file.data.frontmatter = parseFrontmatter(first, file);
      return;
    }
    file.data.frontmatter = {};
    const problem = unterminatedFrontmatter(String(file.value));
    if (problem) {
      file.data.frontmatterProblem = problem;
      // Workaround for micromark/micromark-extension-frontmatter#5: after a `---` that opens no front matter, the
      // rest of the note loses its lists. `***` is the same thematic break at the same offsets and is not a fence,
      // so the note is parsed once more from it (only notes with this problem pay). Drop when the issue is fixed.
      const source = String(file.value);
      const at = source.indexOf("---");
      const reparsed = processor.parse(`${source.slice(0, at)}***${source.slice(at + 3)}`) as Root;
      tree.children = reparsed.children;
      report(
        file,
        { line: 1, column: 1 },
        "error",
        "frontmatter-unterminated",
        `${problem.reason}; its keys are not read`,
      );
    }
  };
};

/**
 * `---` on the first line, a non-blank second line and no closing `---`: front matter the author never closed.
 * (`---` followed by a blank line is a thematic break.) Its extent is unknown, so the whole note is scanned for a
 * publish word.
 */
export function unterminatedFrontmatter(source: string): FrontmatterProblem | undefined {
  const text = source.replace(/^\uFEFF/, "");
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  if (/^[ \t]*(\r?\n|$)/.test(rest)) return undefined;
  if (/^(---|\.\.\.)[ \t]*$/m.test(rest)) return undefined;
  return problemOf("unterminated", "Front matter opened with `---` on line 1 is never closed", rest, 2);
}

/**
 * The front matter of a note whose parse failed (budget, crash): nothing was read, so when the source starts with
 * `---` its publish decision is unknown.
 */
export function unreadFrontmatter(source: string, reason: string): FrontmatterProblem | undefined {
  const text = source.replace(/^\uFEFF/, "");
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = /^(---|\.\.\.)[ \t]*$/m.exec(rest);
  return problemOf("unread", `Front matter was not read (${reason})`, close ? rest.slice(0, close.index) : rest, 2);
}

function problemOf(
  kind: FrontmatterProblem["kind"],
  reason: string,
  raw: string,
  firstLine: number,
): FrontmatterProblem {
  const problem: FrontmatterProblem = { kind, reason };
  const match = publishWord.exec(raw);
  if (match) {
    problem.publishWord = match[0];
    problem.publishLine = firstLine + (raw.slice(0, match.index).match(/\n/g)?.length ?? 0);
  }
  return problem;
}

function parseFrontmatter(node: Yaml, file: VFile): Frontmatter {
  if (node.value.trim() === "") return {};
  const start = node.position?.start.line ?? 1;
  const lines = new LineCounter();
  const doc = parseDocument(node.value, { prettyErrors: true, lineCounter: lines });
  const error = doc.errors[0];
  if (error) {
    // YAML positions are relative to the block, which starts on the line after `---`.
    const where =
      error instanceof YAMLParseError && error.linePos
        ? { line: start + error.linePos[0].line, column: error.linePos[0].col }
        : node;
    // The parser's own "at line 3, column 1" counts from the block, not the file: drop it, `where` is right.
    const reason = (error.message.split("\n")[0] ?? "").replace(/\s+at line \d+, column \d+:?$/, "");
    report(file, where, "error", "frontmatter-invalid", `Front matter is not valid YAML: ${reason}`);
    file.data.frontmatterProblem = problemOf(
      "invalid",
      `Front matter is not valid YAML (${reason})`,
      node.value,
      start + 1,
    );
    return {};
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (thrown) {
    // Alias bombs and the like: the document is valid but cannot be turned into data.
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    report(file, node, "error", "frontmatter-invalid", `Front matter cannot be read: ${reason}`);
    file.data.frontmatterProblem = problemOf(
      "invalid",
      `Front matter cannot be read (${reason})`,
      node.value,
      start + 1,
    );
    return {};
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    report(file, node, "warning", "frontmatter-not-a-map", "Front matter is not a key/value map; it is ignored");
    file.data.frontmatterProblem = problemOf("not-a-map", "Front matter is not a key/value map", node.value, start + 1);
    return {};
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== "string" || !(publishKeys as readonly string[]).includes(key)) continue;
      const flag = readFlag((value as Record<string, unknown>)[key]);
      if (flag.exact) continue;
      const offset =
        isScalar(pair.value) && pair.value.range
          ? pair.value.range[0]
          : isScalar(pair.key) && pair.key.range
            ? pair.key.range[0]
            : 0;
      const pos = lines.linePos(offset);
      const shown = JSON.stringify((value as Record<string, unknown>)[key]) ?? "null";
      const meaning =
        flag.value === undefined
          ? "it reads as neither true nor false, so the note is not published (fail closed)"
          : `it is read as ${flag.value}`;
      report(
        file,
        { line: start + pos.line, column: pos.col },
        "warning",
        "publish-not-boolean",
        `\`${key}: ${shown}\` is not a boolean (write \`${key}: ${flag.value ?? false}\`); ${meaning}`,
      );
    }
  }
  return value as Frontmatter;
}

/**
 * A publish flag's value: `exact` for a YAML boolean; strings and numbers that read as a boolean (`"false"`,
 * `"no"`, `"否"`, `0`, `"true"`, `"yes"`, `"是"`, `1`) give that value; anything else (`maybe`, `null`, a list) gives `undefined`,
 * which the graph treats as "do not publish".
 */
export function readFlag(value: unknown): { value: boolean | undefined; exact: boolean } {
  if (typeof value === "boolean") return { value, exact: true };
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (["true", "yes", "on", "y", "1", "是", "真"].includes(word)) return { value: true, exact: false };
    if (["false", "no", "off", "n", "0", "", "否", "假"].includes(word)) return { value: false, exact: false };
    return { value: undefined, exact: false };
  }
  if (value === 0 || value === 1) return { value: value === 1, exact: false };
  return { value: undefined, exact: false };
}
