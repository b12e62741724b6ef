/**
 * A static file server for a built site on 127.0.0.1: directory URLs serve `index.html`, unknown paths the
 * site's 404 page, and byte ranges work (a `<video>` cannot seek without them). Paths never leave the root.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".gif": "image/gif", ".webp": "image/webp", ".webm": "video/webm", ".mp4": "video/mp4", ".mp3": "audio/mpeg",
  ".pdf": "application/pdf", ".ogg": "audio/ogg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".avif": "image/avif",
  ".wasm": "application/wasm", ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream", ".pagefind": "application/octet-stream",
};

export function createStaticServer(root: string): http.Server {
  const base = path.resolve(root);
  return http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end("bad request");
      return;
    }
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      file = path.join(base, "404.html");
      status = 404;
      if (!fs.existsSync(file)) {
        res.writeHead(404).end("not found");
        return;
      }
    }
    sendFile(req, res, file, status);
  });
}

/** Send `file` with its content type, honouring a byte range (a `<video>` cannot seek without one). */
export function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, status = 200): void {
  const size = fs.statSync(file).size;
  const headers: Record<string, string | number> = { "content-type": types[path.extname(file).toLowerCase()] ?? "application/octet-stream", "accept-ranges": "bytes" };
  const range = status === 200 ? /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "") : null;
  if (range) {
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start > end || start >= size) {
      res.writeHead(416, { "content-range": `bytes */${size}` }).end();
      return;
    }
    res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${size}`, "content-length": end - start + 1 });
    if (req.method === "HEAD") return void res.end();
    fs.createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(status, { ...headers, "content-length": size });
  if (req.method === "HEAD") return void res.end();
  fs.createReadStream(file).pipe(res);
}
