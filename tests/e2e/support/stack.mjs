// Starts the real stack on free loopback ports for a test file: the mock upstream and the proxy
// serving the built demo. Both are killed when the test process exits, whatever happens.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const releaseBin = (name) => path.join(repoRoot, 'target', 'release', name);
export const demoDir = process.env.DEMO_DIR ?? path.join(repoRoot, 'target', 'demo');

const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns a server and resolves with the URL from its `... listening on http://ADDR` line. */
function startServer(name, args, env) {
  const bin = releaseBin(name);
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run make e2e-prereqs first`);
  const child = spawn(bin, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const output = [];
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output.join('')}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      output.push(String(chunk));
      buffered += chunk;
      const match = buffered.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${output.join('')}`));
    });
  });
}

/**
 * The mock and the proxy on free ports (rate limit 0 turns the proxy's limit off); the proxy
 * serves `staticDir` (default: the built demo; `null`: no static files); `mockArgs` go to the mock (`--latency-ms`, say). `apiKey` is random per stack so a leak check can look for
 * it anywhere; `output()` is everything both servers printed (logs are checked for the key too).
 */
export async function startStack({ slowMs = 1500, rateLimitPerMinute = 100_000, proxyArgs = [], proxyEnv = {}, staticDir = demoDir, mockArgs = [] } = {}) {
  const apiKey = `sk-e2e-${randomBytes(12).toString('hex')}`;
  const mock = await startServer('task-history-mock', ['--addr', '127.0.0.1:0', '--slow-ms', String(slowMs), ...mockArgs], {
    MOCK_API_KEY: apiKey,
  });
  const proxy = await startServer(
    'task-history-proxy',
    ['--listen', '127.0.0.1:0', ...(staticDir ? ['--static-dir', staticDir] : []),
      '--rate-limit-per-minute', String(rateLimitPerMinute), '--rate-limit-burst', String(rateLimitPerMinute),
      ...proxyArgs],
    { SF_API_KEY: apiKey, SF_API_BASE: mock.url, RUST_LOG: 'trace', ...proxyEnv },
  );
  const post = (p) => fetch(`${mock.url}${p}`, { method: 'POST' });
  return {
    apiKey,
    mockUrl: mock.url,
    proxyUrl: proxy.url,
    clearFaults: () => post('/__mock/faults/clear'),
    restoreFaults: () => post('/__mock/faults/restore'),
    mockRequestCount: async () => (await (await fetch(`${mock.url}/__mock/requests`)).json()).count,
    output: () => mock.output.join('') + proxy.output.join(''),
    async stop() {
      for (const server of [proxy, mock]) server.child.kill('SIGTERM');
    },
  };
}
