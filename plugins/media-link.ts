/**
 * Media links and images (DIALECT §7): every `link` and `image` whose URL is a `file:` URL, a vault-relative path
 * or an http(s) URL gets `data.media` with the normalized path, so the renderer can map it to the site (or say
 * it is unavailable) and never emit a `file:` href. The card's video, the first link to a video or audio file
 * that is not a timestamp, goes to `file.data.media`.
 */
import type { Image, Link, Root } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { isVideoOrAudio, parseMediaUrl } from "./media/normalize.ts";

export function remarkMediaLink() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== "link" && node.type !== "image") return;
      const media = parseMediaUrl((node as Link | Image).url);
      if (!media || (media.origin === "remote" && node.type === "link" && !isVideoOrAudio(media.path))) return;
      node.data = { ...node.data, media: { path: media.path, origin: media.origin } };
      if (
        node.type === "link" &&
        file.data.media === undefined &&
        media.origin !== "remote" &&
        isVideoOrAudio(media.path) &&
        !/(?:^|&)t=/i.test(media.fragment)
      ) {
        file.data.media = media.path;
      }
    });
  };
}
