// A plain static file server on a free loopback port, as a host page's own web server would be:
// files under `root` with their types (the wasm as application/wasm), nothing else.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** Serves `root`; resolves with `{ url, origin, requests, close() }` (`requests`: paths asked for). */
export function serveStatic(root) {
  const requests = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://host').pathname);
    requests.push(pathname);
    let file = path.join(root, path.normalize(pathname));
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    const type = TYPES[path.extname(file)];
    let size;
    try {
      size = file.startsWith(root + path.sep) && type ? statSync(file).size : undefined;
    } catch {
      size = undefined;
    }
    if (size === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': type, 'content-length': size, 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      const close = () =>
        new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        });
      resolve({ url: `${origin}/`, origin, requests, close });
    });
  });
}
