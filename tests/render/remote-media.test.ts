/**
 * No remote fetches from notes by default (issue 7 point 5): every element that would load from another host
 * becomes a link to it; `allowRemoteMedia: true` restores images, video and audio; no `srcset`, `poster`, CSS
 * `url()` or other fetch path survives; remote timestamp links stay links.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { normalizeConfig } from "../../src/config.ts";
import { loadVault } from "../../src/graph/vault.ts";
import { isRemote } from "../../src/render/remote-media.ts";
import { buildSiteModel } from "../../src/site/model.ts";
import { makeVault, removeVault } from "../helpers/vault.ts";

const note = [
  "远程图片 ![像素](https://tracker.example/p.gif) 和 ![](//cdn.example/a.png)",
  "",
  '<img src="https://tracker.example/raw.gif" alt="原始"> <img src="\\\\evil.example\\x.png">',
  "",
  '<video src="https://v.example/a.mp4" poster="https://v.example/p.jpg" controls></video>',
  "",
  '<audio controls><source src="https://a.example/a.mp3" type="audio/mpeg"></audio>',
  "",
  '<picture><source srcset="https://s.example/1.png 1x, https://s.example/2.png 2x"><img src="local.png"></picture>',
  "",
  '<iframe src="https://frame.example/"></iframe> <embed src="https://embed.example/x.swf"> <object data="https://obj.example/x"></object>',
  "",
  '<div style="background:url(https://css.example/bg.png)">样式</div> <style>body{background:url(https://css.example/s.png)}</style>',
  "",
  '<svg><image href="https://svg.example/i.png"/></svg> <link rel="stylesheet" href="https://css.example/l.css">',
  "",
  "[06:38](https://www.youtube.com/watch?v=abc&t=398) 视频时间",
  "",
].join("\n");

const vaults: string[] = [];
after(() => vaults.forEach(removeVault));

function render(config: Record<string, unknown>): string {
  const vault = makeVault({ "远程.md": note });
  vaults.push(vault);
  const { graph, trees } = loadVault(vault, { keepTrees: true });
  const model = buildSiteModel(graph, trees, normalizeConfig(config, vault), vault);
  return model.notes.map((n) => n.html).join("\n");
}

/** Every URL in an attribute that makes the browser fetch (not `href` on `<a>`, which the reader follows). */
function fetchedUrls(html: string): string[] {
  const urls: string[] = [];
  for (const match of html.matchAll(/<(?!a[\s>])([a-z]+)\b[^>]*>/gi)) {
    for (const attr of match[0].matchAll(/\s(src|srcset|poster|data|href|background)="([^"]*)"/gi))
      urls.push(attr[2] as string);
  }
  return urls;
}

test("by default nothing loads from another host; each remote element is a link to it", () => {
  const html = render({});
  assert.deepEqual(
    fetchedUrls(html).filter((url) => isRemote(url)),
    [],
  );
  assert.doesNotMatch(html, /srcset|poster|url\(|<style|<iframe|<embed|<object|<svg|<link/i);
  for (const url of [
    "https://tracker.example/p.gif",
    "https://tracker.example/raw.gif",
    "https://v.example/a.mp4",
    "https://a.example/a.mp3",
    "https://frame.example/",
  ]) {
    assert.match(html, new RegExp(`<a href="${url.replace(/[.?/]/g, "\\$&")}" class="remote-media"`), url);
  }
  assert.match(html, /class="remote-media"[^>]*>像素 ↗</, "the alt text labels the link");
  // A protocol-relative markdown image is read as a vault path, which does not exist: a placeholder, no fetch.
  assert.match(html, /class="media-placeholder"[^>]*>图片未发布: a.png</);
  assert.match(
    html,
    /<a href="https:\/\/www\.youtube\.com\/watch\?v=abc&#x26;t=398" class="ts ts-remote"/,
    "a YouTube timestamp stays a link",
  );
});

test("allowRemoteMedia: true restores images, video and audio, but no other fetch path", () => {
  const html = render({ allowRemoteMedia: true });
  assert.match(html, /<img src="https:\/\/tracker\.example\/p\.gif" alt="像素">/);
  assert.match(html, /<video src="https:\/\/v\.example\/a\.mp4" controls>/);
  assert.match(html, /<source src="https:\/\/a\.example\/a\.mp3" type="audio\/mpeg">/);
  assert.doesNotMatch(html, /srcset|poster|url\(|<style|<iframe|<embed|<object|<svg|<link/i);
});

test("isRemote: hosts and schemes are remote, site paths are not", () => {
  for (const url of ["https://x.example/", "HTTP://x", "//x", "\\\\x\\y", " https://x", "ht\ttps://x"])
    assert.equal(isRemote(url), true, url);
  for (const url of ["/assets/a.png", "a.png", "./a.png", "", "#x", "javascript:x", "data:image/png;base64,AA"])
    assert.equal(isRemote(url), false, url);
  assert.equal(isRemote("https://cdn.example/media/a.mp4", ["https://cdn.example/media/"]), false);
});
