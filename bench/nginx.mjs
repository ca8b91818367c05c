// deploy/nginx rendered by its own render.sh and run by Debian's nginx in a temporary prefix,
// for the proxy comparison. Unlike the tests (one process, so a kill leaves nothing behind) it
// runs a master with one worker per core, as nginx is deployed; SIGTERM to the master stops
// the workers too. Access logging is off, as the proxy runs at RUST_LOG=warn.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../tests/e2e/support/stack.mjs';

const nginxBinary = process.env.NGINX ?? '/usr/sbin/nginx';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function listening(port, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * Starts nginx in front of `upstreamBase` with `apiKey`: `{ url, pid, stop() }` (`pid` is the
 * master's). `settings` are more render.sh variables (`MAX_CONNECTIONS`, say), and
 * `workerConnections` each worker's `worker_connections` (the soak's thousand clients need more).
 */
export async function startNginx({ upstreamBase, apiKey, settings = {}, workerConnections = 1024 }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'task-history-bench-nginx-'));
  const keyFile = path.join(dir, 'sf_api_key');
  writeFileSync(keyFile, `${apiKey}\n`, { mode: 0o600 });
  const port = await freePort();
  await promisify(execFile)('bash', [path.join(repoRoot, 'deploy/nginx/render.sh'), path.join(dir, 'conf')], {
    env: {
      PATH: process.env.PATH,
      SF_API_KEY_FILE: keyFile,
      SF_API_BASE: upstreamBase,
      NGINX_LISTEN: `127.0.0.1:${port}`,
      // The largest limits render.sh accepts: the load must never hit them (as with the proxy).
      RATE_LIMIT_PER_MINUTE: '999999',
      RATE_LIMIT_BURST: '99999',
      ...settings,
    },
  });
  writeFileSync(path.join(dir, 'nginx.conf'), [
    'daemon off;', 'worker_processes auto;', `pid ${dir}/nginx.pid;`, `error_log ${dir}/error.log warn;`,
    `events { worker_connections ${workerConnections}; }`,
    `http { access_log off; client_body_temp_path ${dir}/cb; proxy_temp_path ${dir}/px; fastcgi_temp_path ${dir}/fc;`,
    `  uwsgi_temp_path ${dir}/uw; scgi_temp_path ${dir}/sc; include ${dir}/conf/task-history.conf; }`, '',
  ].join('\n'));
  const child = spawn(nginxBinary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const stopOnExit = () => child.kill('SIGTERM');
  process.on('exit', stopOnExit);
  if (!(await listening(port, child, Date.now() + 10_000))) {
    child.kill('SIGTERM');
    const log = (() => { try { return readFileSync(path.join(dir, 'error.log'), 'utf8'); } catch { return ''; } })();
    throw new Error(`nginx did not start:\n${log}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      process.off('exit', stopOnExit);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
