// Serves the bench site as a CDN would serve a released element: the element's files cacheable
// for an hour, pages revalidated. (The proxy's own static files are `no-cache` with an ETag,
// revalidated on every load; see docs/performance.md.) It runs in a worker
// thread so the bench's own work on the main thread never delays a response.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8' };

function serve(root) {
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://bench').pathname);
    const file = path.join(root, path.normalize(pathname));
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(root + path.sep) || !type) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const cache = type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600';
      response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': cache });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(`http://127.0.0.1:${server.address().port}`));
}

if (!isMainThread && workerData?.benchStaticRoot) serve(workerData.benchStaticRoot);

/** Starts the server on a free loopback port: `{ url, close() }`. */
export function startStaticServer(root) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { benchStaticRoot: path.resolve(root) } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (url) => resolve({ url, close: () => worker.terminate() }));
  });
}
