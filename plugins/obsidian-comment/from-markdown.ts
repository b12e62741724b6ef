/**
 * mdast for comment tokens: an empty `obsidianComment` node where a comment was (flagged `unclosed` when nothing
 * closed it), which `remarkObsidianComment` then removes; text after a block comment's closing `%%` becomes a
 * paragraph.
 */
import type { CompileContext, Extension, Token } from "mdast-util-from-markdown";
import type { ObsidianComment } from "../types.d.ts";

export const obsidianCommentFromMarkdown: Extension = {
  enter: {
    obsidianComment: enterComment,
    obsidianCommentUnclosed(this: CompileContext, token: Token) {
      const node: ObsidianComment = { type: "obsidianComment", value: "", unclosed: true };
      this.enter(node, token);
    },
    obsidianCommentFlow(this: CompileContext, token: Token) {
      enterComment.call(this, token);
      this.data.obsidianCommentMarkers = 0;
    },
    obsidianCommentTail(this: CompileContext, token: Token) {
      this.enter({ type: "paragraph", children: [] }, token);
    },
  },
  exit: {
    obsidianComment: exit,
    obsidianCommentUnclosed: exit,
    obsidianCommentMarker(this: CompileContext) {
      this.data.obsidianCommentMarkers = (this.data.obsidianCommentMarkers ?? 0) + 1;
    },
    obsidianCommentFlow(this: CompileContext, token: Token) {
      const node = this.stack[this.stack.length - 1] as ObsidianComment;
      if ((this.data.obsidianCommentMarkers ?? 0) < 2) node.unclosed = true;
      this.data.obsidianCommentMarkers = undefined;
      this.exit(token);
    },
    obsidianCommentTail: exit,
  },
};

function enterComment(this: CompileContext, token: Token): void {
  const node: ObsidianComment = { type: "obsidianComment", value: "" };
  this.enter(node, token);
}

function exit(this: CompileContext, token: Token): void {
  this.exit(token);
}

declare module "mdast-util-from-markdown" {
  interface CompileData {
    /** `%%` markers seen in the block comment being compiled (2 when it closed). */
    obsidianCommentMarkers?: number | undefined;
  }
}
