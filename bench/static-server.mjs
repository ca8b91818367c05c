// Serves the bench site as a CDN would serve a released element: the element's files cacheable
// for an hour, pages revalidated, every file brotli- (quality 11) or gzip-compressed (-9) for a
// browser that accepts it. Each file is compressed once, on its first request, and kept: call
// `prime` after writing the site so no measured load pays for compressing. (The proxy's own
// static files are `no-cache` with an ETag, revalidated on every load; see
// docs/performance.md.) It runs in a worker thread so the bench's own work on the main thread
// never delays a response.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8' };

/** A file's bytes in each encoding, made on first use and again when the file changes. */
const forms = new Map();
function formsOf(file) {
  const mtimeMs = statSync(file).mtimeMs;
  const known = forms.get(file);
  if (known?.mtimeMs === mtimeMs) return known;
  const identity = readFileSync(file);
  const made = {
    mtimeMs,
    identity,
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(identity, { level: 9 }),
  };
  forms.set(file, made);
  return made;
}

function serve(root) {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://bench').pathname);
    const file = path.join(root, path.normalize(pathname));
    const type = TYPES[path.extname(file)];
    let forms;
    try {
      forms = file.startsWith(root + path.sep) && type ? formsOf(file) : null;
    } catch {
      forms = null;
    }
    if (!forms) {
      response.writeHead(404).end();
      return;
    }
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = ['br', 'gzip'].find((coding) => new RegExp(`(^|[ ,])${coding}(?![^,]*q=0(\\.0*)?(,|$))`).test(accepted));
    const body = encoding ? forms[encoding] : forms.identity;
    const cache = type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600';
    const headers = { 'content-type': type, 'content-length': body.length, 'cache-control': cache, vary: 'accept-encoding' };
    if (encoding) headers['content-encoding'] = encoding;
    response.writeHead(200, headers);
    response.end(body);
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

/** Requests every file of the site at `root` once in each encoding, so each is compressed. */
export async function prime(url, root) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || !TYPES[path.extname(file)]) continue;
    const address = `${url}/${path.relative(root, file).split(path.sep).join('/')}`;
    for (const encoding of ['br', 'gzip']) await (await fetch(address, { headers: { 'accept-encoding': encoding } })).arrayBuffer();
  }
}
