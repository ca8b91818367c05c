// `make soak`: a thousand concurrent clients for a minute against the proxy and then against the
// nginx config, each in front of its own mock upstream, which is killed (SIGKILL) half-way and
// restarted on the same port after a pause. Reports errors (none may fall outside the restart
// window), latency, and the server's memory and open descriptors at start, middle and end, and
// writes bench/out/soak.md and soak.json. Loopback only; bounded in clients and time.
// Environment (defaults in brackets):
//   SOAK_SECONDS   load duration per target [60]
//   SOAK_CLIENTS   concurrent clients, one kept-alive connection each [1000]
//   SOAK_RATE      total requests per second the clients are paced to [3000]
//   SOAK_WORKERS   generator threads [2]
//   SOAK_TARGETS   comma-separated: proxy,nginx [both, one after the other]
//   SOAK_PAUSE_MS  how long the upstream stays down [2000]
//   SOAK_GRACE_MS  after the upstream listens again, how long failures still count as the
//                  restart's [5000]
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startNginx } from './nginx.mjs';
import { flatness, percentile, restartWindow, soakPaths, soakTable } from './soak-report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SECONDS = env('SOAK_SECONDS', 60);
const CLIENTS = env('SOAK_CLIENTS', 1000);
const RATE = env('SOAK_RATE', 3000);
const WORKERS = env('SOAK_WORKERS', 2);
const PAUSE_MS = env('SOAK_PAUSE_MS', 2000);
const GRACE_MS = env('SOAK_GRACE_MS', 5000);
/** Clients connect over this long at the start. */
const RAMP_MS = 2000;
const TARGETS = (process.env.SOAK_TARGETS ?? 'proxy,nginx').split(',');
/** The limits set so the run measures the stack, not its guards (see docs/performance.md). */
const LIMITS = {
  proxy: {
    '--rate-limit-per-minute': '10000000',
    '--rate-limit-burst': '10000000',
    '--max-connections': '4096',
    '--max-upstream-concurrency': '1024',
  },
  nginx: {
    RATE_LIMIT_PER_MINUTE: '999999',
    RATE_LIMIT_BURST: '99999',
    MAX_CONNECTIONS: '4096',
    MAX_UPSTREAM_CONCURRENCY: '1024',
  },
  nginxWorkerConnections: 4096,
};
const MOCK_NOW = '2026-11-28T12:00:00Z';

const log = (line) => console.error(`soak: ${line}`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const release = (name) => path.join(repoRoot, 'target', 'release', name);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Spawns a server and resolves once it prints `listening on http://ADDR`; stderr is drained. */
function startServer(bin, args, extraEnv) {
  const child = spawn(bin, args, { env: { PATH: process.env.PATH, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = { lines: 0, tail: [] };
  child.stderr.on('data', (chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      stderr.lines += 1;
      stderr.tail = [...stderr.tail.slice(-4), line.slice(0, 300)];
    }
  });
  process.on('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${bin} did not start: ${stderr.tail.join('\n')}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, stderr });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited (${code ?? signal}): ${stderr.tail.join('\n')}`));
    });
  });
}

const startMock = (port, apiKey) => startServer(release('task-history-mock'), ['--addr', `127.0.0.1:${port}`, '--now', MOCK_NOW], { MOCK_API_KEY: apiKey });

// ---- /proc readings ----------------------------------------------------------------------------

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuSecs: (Number(fields[11]) + Number(fields[12])) / CLK_TCK };
}
const rssKb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)[1]);
const fdCount = (pid) => readdirSync(`/proc/${pid}/fd`).length;
function childrenOf(pid) {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
    try { return stat(p).ppid === pid; } catch { return false; }
  });
}
/** RSS (kB), descriptors and CPU seconds summed over `pids`. */
function reading(pids) {
  return pids.reduce((sum, pid) => ({
    rssKb: sum.rssKb + rssKb(pid),
    fds: sum.fds + fdCount(pid),
    cpuSecs: sum.cpuSecs + stat(pid).cpuSecs,
  }), { rssKb: 0, fds: 0, cpuSecs: 0 });
}

// ---- one target --------------------------------------------------------------------------------

async function startTarget(name, mockUrl, apiKey) {
  if (name === 'proxy') {
    const flags = Object.entries(LIMITS.proxy).flat();
    const proxy = await startServer(release('task-history-proxy'), ['--listen', '127.0.0.1:0', '--api-base', mockUrl, ...flags], { SF_API_KEY: apiKey, RUST_LOG: 'warn' });
    return { url: proxy.url, pids: () => [proxy.child.pid], stderr: proxy.stderr, stop: async () => { proxy.child.kill('SIGTERM'); } };
  }
  const nginx = await startNginx({ upstreamBase: mockUrl, apiKey, settings: LIMITS.nginx, workerConnections: LIMITS.nginxWorkerConnections });
  // The workers do the work; the master only watches them.
  return { url: nginx.url, pids: () => childrenOf(nginx.pid), master: nginx.pid, stop: () => nginx.stop() };
}

function runWorkers({ url, paths, startAt, endAt }) {
  const { hostname, port } = new URL(url);
  const ids = Array.from({ length: CLIENTS }, (_, i) => i);
  const intervalMs = (1000 * CLIENTS) / RATE;
  return Promise.all(Array.from({ length: WORKERS }, (_, w) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./soak-client.mjs', import.meta.url), {
      workerData: { host: hostname, port: Number(port), paths, clientIds: ids.filter((i) => i % WORKERS === w), intervalMs, rampMs: Math.max(intervalMs, RAMP_MS), startAt, endAt, timeoutMs: 10_000, headers: {} },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
}

async function soakOne(name) {
  const apiKey = `sk-soak-${randomBytes(12).toString('hex')}`;
  const mockPort = await freePort();
  let mock = await startMock(mockPort, apiKey);
  const target = await startTarget(name, mock.url, apiKey);
  const paths = soakPaths('/api');
  for (const p of [paths[0], paths.at(-1)]) {
    const response = await fetch(`${target.url}${p}`);
    if (response.status !== 200) throw new Error(`${name}: ${p} answered ${response.status}`);
    await response.arrayBuffer();
  }
  const idle = reading(target.pids());
  const startAt = now() + 1000;
  const endAt = startAt + SECONDS * 1000;
  const killAt = startAt + (SECONDS * 1000) / 2;
  log(`${name} at ${target.url}, mock on :${mockPort}: ${CLIENTS} clients, ${RATE} req/s, ${SECONDS} s; kill at ${SECONDS / 2} s`);
  const load = runWorkers({ url: target.url, paths, startAt, endAt });

  const series = [];
  const points = {};
  const self = () => stat(process.pid).cpuSecs;
  const sampler = setInterval(() => {
    try { series.push({ t: Math.round((now() - startAt) / 1000), ...reading(target.pids()) }); } catch { /* exiting */ }
  }, 1000);
  await sleep(startAt - now());
  const cpu0 = { server: reading(target.pids()).cpuSecs, mock: stat(mock.child.pid).cpuSecs, generator: self() };
  // Start: every client connected and the first sixth of the run done (10 s of 60).
  await sleep(startAt + (SECONDS * 1000) / 6 - now());
  points.start = reading(target.pids());
  await sleep(killAt - 200 - now());
  points.middle = reading(target.pids());
  const mockCpuFirst = stat(mock.child.pid).cpuSecs - cpu0.mock;
  const exited = new Promise((resolve) => mock.child.once('exit', resolve));
  mock.child.kill('SIGKILL');
  const killedAt = now();
  await exited;
  await sleep(PAUSE_MS);
  mock = await startMock(mockPort, apiKey);
  const restartedAt = now();
  log(`${name}: mock killed at ${((killedAt - startAt) / 1000).toFixed(1)} s, listening again after ${(restartedAt - killedAt).toFixed(0)} ms`);
  await sleep(endAt - 500 - now());
  points.end = reading(target.pids());
  const cpu1 = { server: reading(target.pids()).cpuSecs, mock: stat(mock.child.pid).cpuSecs, generator: self() };
  const wall = (now() - startAt) / 1000;
  const results = await load;
  clearInterval(sampler);
  const after = reading(target.pids());
  await target.stop();
  mock.child.kill('SIGTERM');

  const failures = results.flatMap((r) => r.failures);
  const window = restartWindow(failures, { killedAt, restartedAt, graceMs: GRACE_MS });
  const latencies = results.flatMap((r) => Array.from(r.latencies));
  const finished = results.flatMap((r) => Array.from(r.finishedAt));
  const steady = latencies.filter((_, i) => finished[i] < killedAt || finished[i] > restartedAt + GRACE_MS);
  const sent = results.reduce((s, r) => s + r.sent, 0);
  return {
    clients: CLIENTS,
    targetRps: RATE,
    seconds: SECONDS,
    sent,
    ok: latencies.length,
    rps: sent / SECONDS,
    connectionsOpened: results.reduce((s, r) => s + r.connectionsOpened, 0),
    window: { ...window, killedAtS: (killedAt - startAt) / 1000 },
    latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
    latencySteady: { p50: percentile(steady, 50), p99: percentile(steady, 99) },
    rss: flatness({ start: points.start.rssKb, middle: points.middle.rssKb, end: points.end.rssKb }),
    fds: flatness({ start: points.start.fds, middle: points.middle.fds, end: points.end.fds }),
    idle: { rssKb: idle.rssKb, fds: idle.fds },
    afterLoad: { rssKb: after.rssKb, fds: after.fds },
    cpu: {
      server: (cpu1.server - cpu0.server) / wall,
      mock: (mockCpuFirst + cpu1.mock) / wall,
      generator: (cpu1.generator - cpu0.generator) / wall,
    },
    generator: {
      late: results.reduce((s, r) => s + r.late, 0),
      worstLateMs: Math.max(...results.map((r) => r.worstLateMs)),
      eventLoopP99Ms: Math.max(...results.map((r) => r.eventLoopDelayMs.p99)),
      eventLoopMaxMs: Math.max(...results.map((r) => r.eventLoopDelayMs.max)),
    },
    perSecond: mergeSeconds(results.map((r) => r.perSecond)),
    series,
    serverLog: target.stderr ? { lines: target.stderr.lines, tail: target.stderr.tail } : undefined,
  };
}

function mergeSeconds(lists) {
  const merged = new Map();
  for (const row of lists.flat()) {
    const m = merged.get(row.second) ?? { second: row.second, ok: 0, failed: 0 };
    m.ok += row.ok;
    m.failed += row.failed;
    merged.set(row.second, m);
  }
  return [...merged.values()].sort((a, b) => a.second - b.second);
}

function revision() {
  const head = spawnSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes' : ''}`;
}

async function main() {
  const started = new Date();
  const results = {};
  for (const name of TARGETS) {
    results[name] = await soakOne(name);
    log(`${name}: ${results[name].sent} requests, ${results[name].window.outside} errors outside the restart window, ${results[name].window.inside} around it`);
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.type()} ${os.release()}`;
  const source = revision();
  const table = soakTable(results);
  const markdown = [
    `# task-history soak, ${started.toISOString()}, source ${source}`,
    '',
    `${CLIENTS} clients (one kept-alive connection each) paced to ${RATE} req/s for ${SECONDS} s per target, one target after the other; ` +
      `the mock upstream SIGKILLed at ${SECONDS / 2} s and restarted on its port after ${PAUSE_MS} ms. ` +
      `Failures from the kill until ${GRACE_MS} ms after the restart count as the restart's. Descriptor limit ${spawnSync('bash', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim()}. ` +
      `Machine: ${machine}, load average ${os.loadavg()[0].toFixed(1)}. Method: docs/performance.md#soak.`,
    '',
    table,
    '',
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'soak.md'), markdown);
  writeFileSync(path.join(outDir, 'soak.json'), JSON.stringify({ started, source, machine, limits: LIMITS, settings: { SECONDS, CLIENTS, RATE, WORKERS, PAUSE_MS, GRACE_MS }, results }, null, 2));
  console.log(markdown);
  const bad = Object.entries(results).filter(([, r]) => r.window.outside > 0 || !r.rss.flat || !r.fds.flat).map(([n]) => n);
  if (bad.length) {
    log(`FAIL: ${bad.join(', ')} (errors outside the restart window, or memory or descriptors not flat)`);
    process.exitCode = 1;
  } else {
    log('PASS: no errors outside the restart window; memory and descriptors flat within 10 %');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().then(() => process.exit(process.exitCode ?? 0), (error) => {
    console.error(error);
    process.exit(1);
  });
}
