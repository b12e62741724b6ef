/**
 * One way for every plugin to report a problem: a vfile message with a stable `ruleId` (our diagnostic code),
 * the node's place (line and column) and a severity the graph turns into `error | warning | info`.
 */
import type { Node } from "unist";
import type { VFile } from "vfile";

export type Severity = "error" | "warning" | "info";

/** Source name on every message wenda's plugins emit. */
export const diagnosticSource = "wenda";

/**
 * Report `message` about `node` (or a point) in `file`.
 *
 * vfile encodes severity in `fatal`: `true` error, `false` warning, `undefined` info.
 */
export function report(
  file: VFile,
  place: Node | { line: number; column: number } | undefined,
  severity: Severity,
  code: string,
  message: string,
): void {
  const position = place && "type" in place ? place.position : place;
  const msg = file.message(message, { ruleId: code, source: diagnosticSource, ...(position ? { place: position } : {}) });
  msg.fatal = severity === "error" ? true : severity === "warning" ? false : undefined;
}
