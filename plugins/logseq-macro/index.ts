/**
 * `remarkLogseqMacro`: Logseq's `{{name arguments}}` macros inside Logseq blocks (the syntax is registered for the
 * outline parser only, so `{{…}}` in an Obsidian note stays text). Each macro the site cannot run is diagnosed:
 * `{{query}}`, `{{renderer}}` and unknown names are shown inert (info), a macro holding HTML is shown as text
 * (warning). `cloze`, `video` and `youtube` are rendered (see `src/render/handlers/logseq.ts`). The first
 * `{{video}}` of a local (vault or `file:`) video is the page's video, as the first video link is a card's
 * (`file.data.media`): the page gets the player and `{{youtube-timestamp N}}` chips seek it. Runs before
 * `remarkMediaLink` and `remarkTimestamp`.
 */
import type { Root } from "mdast";
import type { Processor } from "unified";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { report } from "../diagnostic.ts";
import { isVideoOrAudio, parseMediaUrl } from "../media/normalize.ts";
import type { LogseqMacro } from "../types.d.ts";
import { logseqMacroFromMarkdown } from "./from-markdown.ts";
import { logseqMacroSyntax } from "./syntax.ts";

/** The macros the site renders; the rest are inert. */
export const renderedMacros = new Set(["cloze", "video", "youtube"]);

export function remarkLogseqMacro(this: Processor) {
  const data = this.data();
  data.logseqMicromarkExtensions = [...(data.logseqMicromarkExtensions ?? []), logseqMacroSyntax];
  data.logseqFromMarkdownExtensions = [...(data.logseqFromMarkdownExtensions ?? []), logseqMacroFromMarkdown];
  return (tree: Root, file: VFile) => {
    if (file.data.logseq !== true) return;
    visit(tree, "logseqMacro", (node: LogseqMacro) => {
      if (/<\/?[a-z][^>]*>/i.test(node.arguments)) {
        report(file, node, "warning", "logseq-macro-html", `Macro \`{{${node.name}}}\` contains HTML; it is shown as text`);
      } else if (!renderedMacros.has(node.name)) {
        report(file, node, "info", "logseq-macro-inert", `Macro \`{{${node.name}}}\` cannot run on a static site; it is shown as written`);
      } else if (node.name === "video" && file.data.media === undefined) {
        const media = parseMediaUrl(node.arguments);
        if (media && media.origin !== "remote" && isVideoOrAudio(media.path)) file.data.media = media.path;
      }
    });
  };
}
