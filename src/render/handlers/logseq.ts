/**
 * hast for the Logseq nodes: property tables, task markers and priorities, macros (cloze, video, inert ones), and
 * the folded rendering of a `collapsed:: true` block. No script: a cloze reveals on focus (click or Tab), a folded
 * block is a native `<details>`.
 */
import type { Element, ElementContent, Properties } from "hast";
import type { ListItem } from "mdast";
import type { Handler, State } from "mdast-util-to-hast";
import { parseMediaUrl } from "../../../plugins/media/normalize.ts";
import type { LogseqMacro, LogseqMarker, LogseqPriority, LogseqProperties, LogseqProperty } from "../../../plugins/types.d.ts";
import type { RenderContext } from "../handlers.ts";

function element(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: "element", tagName, properties, children };
}

/** The handlers for the Logseq node types, registered by `createHandlers`. */
export function logseqHandlers(context: Pick<RenderContext, "media">): Record<string, Handler> {
  return {
    logseqProperties: (state: State, node: LogseqProperties) => {
      const result = element("dl", { className: ["properties", `properties-${node.scope}`] }, state.all(node));
      state.patch(node, result);
      return state.applyData(node, result);
    },
    logseqProperty: (state: State, node: LogseqProperty) => [
      element("dt", {}, [{ type: "text", value: node.key }]),
      element("dd", {}, state.all(node)),
    ],
    logseqMarker: (state: State, node: LogseqMarker) => {
      const result = element("span", { className: ["marker", `marker-${node.value.toLowerCase()}`] }, [{ type: "text", value: node.value }]);
      state.patch(node, result);
      return result;
    },
    logseqPriority: (state: State, node: LogseqPriority) => {
      const result = element("span", { className: ["priority", `priority-${node.value.toLowerCase()}`] }, [{ type: "text", value: node.value }]);
      state.patch(node, result);
      return result;
    },
    logseqMacro: (state: State, node: LogseqMacro) => {
      const result = macro(node, context);
      state.patch(node, result);
      return result;
    },
  };
}

const youtubeId = /^[\w-]{11}$/;

function macro(node: LogseqMacro, context: Pick<RenderContext, "media">): Element {
  const inert = () => element("code", { className: ["logseq-macro"] }, [{ type: "text", value: node.value }]);
  if (/<\/?[a-z][^>]*>/i.test(node.arguments)) return inert();
  switch (node.name) {
    case "cloze":
      // Hidden until focused: clicking (or tabbing to) it shows the answer, no script needed.
      return element("span", { className: ["cloze"], tabIndex: 0 }, [{ type: "text", value: node.arguments }]);
    case "video":
    case "youtube": {
      const raw = node.name === "youtube" && youtubeId.test(node.arguments) ? `https://www.youtube.com/watch?v=${node.arguments}` : node.arguments;
      const url = parseMediaUrl(raw);
      if (!url) return inert();
      if (url.origin === "remote") {
        // A third-party player never loads by itself: the reader follows the link (issue 7: no remote iframe).
        return element("a", { href: raw, className: ["remote-media"], rel: ["noopener", "noreferrer"] }, [{ type: "text", value: `▶ ${raw}` }]);
      }
      const resolved = context.media(url.path, url.origin);
      if ("missing" in resolved) return inert();
      return element("video", { src: resolved.url, controls: true, preload: "metadata", className: ["embedded-media"] });
    }
    default:
      return inert();
  }
}

/** Elements that end a block's own line inside its `<li>`. */
const blockTags = new Set(["ul", "ol", "dl", "div", "table", "pre", "blockquote", "aside", "figure", "hr", "video"]);

/**
 * A `collapsed:: true` block with children: `<li><details><summary>its line</summary>the rest</details></li>`,
 * closed until clicked. Question bullets are left open (their answers are cut from the `<li>` itself).
 */
export function foldCollapsed(node: ListItem, result: Element): Element {
  if (!node.data?.collapsed || node.data.question) return result;
  const children = result.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const split = children.findIndex((child, i) => child.type === "element" && (blockTags.has(child.tagName) || (child.tagName === "p" && i > 0)));
  if (split <= 0) return result;
  const line = children.slice(0, split);
  if (!line.some(hasControl)) {
    result.children = [element("details", { className: ["collapsed"] }, [element("summary", {}, line), ...children.slice(split)])];
    return result;
  }
  // A line with a link can't be the <summary> (a control inside a control): the line first, then a <summary>
  // that is only the toggle, named by the line's text.
  const className = Array.isArray(result.properties.className) ? result.properties.className : [];
  result.properties.className = [...className, "branch"];
  const toggle = element("summary", { className: ["toggle"], ariaLabel: line.map(textOf).join("").trim() });
  result.children = [
    element("div", { className: ["branch-label"] }, line),
    element("details", { className: ["collapsed"] }, [toggle, ...children.slice(split)]),
  ];
  return result;
}

const controls = new Set(["a", "button", "input", "select", "textarea", "details", "audio", "video", "iframe"]);

function hasControl(node: ElementContent): boolean {
  return node.type === "element" && (controls.has(node.tagName) || node.children.some(hasControl));
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  return node.type === "element" ? node.children.map(textOf).join("") : "";
}
