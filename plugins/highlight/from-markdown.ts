/** mdast for `highlight` tokens: a `highlight` node (plugins/types.d.ts) holding the inline content between the `==`. */
import type { CompileContext, Extension, Token } from "mdast-util-from-markdown";
import type { Highlight } from "../types.d.ts";

export const highlightFromMarkdown: Extension = {
  canContainEols: ["highlight"],
  enter: {
    highlight(this: CompileContext, token: Token) {
      const node: Highlight = { type: "highlight", children: [] };
      this.enter(node, token);
    },
  },
  exit: {
    highlight(this: CompileContext, token: Token) {
      this.exit(token);
    },
  },
};
