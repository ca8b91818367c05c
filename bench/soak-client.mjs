// One worker thread of `make soak`'s load generator: `clients` simulated readers, each with its
// own kept-alive connection (an http.Agent with one socket), sending a GET every `intervalMs` on
// a fixed schedule from `startAt` to `endAt` (epoch ms) and waiting for the whole body. A request
// still in flight at `endAt` is waited for, at most `timeoutMs`. Reports every failure with its
// time, the latencies of the successes, and how far it fell behind its own schedule (so the
// generator can be shown not to be the bottleneck).
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { host, port, paths, clientIds, intervalMs, rampMs, startAt, endAt, timeoutMs, headers } = workerData;

/** Wall-clock epoch milliseconds, sub-millisecond and comparable across threads. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

// Each success's latency and the time it finished (to tell the restart window's apart).
let latencies = new Float64Array(1 << 16);
let finishedAt = new Float64Array(1 << 16);
let okCount = 0;
const failures = [];
const perSecond = new Map();
let sent = 0;
/** Sends that started more than 10 ms after their scheduled time, and the worst delay. */
let late = 0;
let worstLateMs = 0;
let bytes = 0;
const connections = new Set();

const grow = (array) => {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
};

function recordOk(latency, at) {
  if (okCount === latencies.length) {
    latencies = grow(latencies);
    finishedAt = grow(finishedAt);
  }
  latencies[okCount] = latency;
  finishedAt[okCount] = at;
  okCount += 1;
}

function bump(at, field) {
  const second = Math.floor((at - startAt) / 1000);
  const row = perSecond.get(second) ?? { second, ok: 0, failed: 0 };
  row[field] += 1;
  perSecond.set(second, row);
}

/** One GET through `agent`: resolves `{ status }` or `{ error }` once the body has ended. */
function get(agent, path) {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const request = http.get({ host, port, path, agent, headers, timeout: timeoutMs }, (response) => {
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => done({ status: response.statusCode }));
      response.on('error', (error) => done({ error: error.code ?? error.message }));
    });
    request.on('socket', (socket) => connections.add(socket));
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => done({ error: error.code ?? error.message }));
  });
}

async function client(id) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
  // Clients connect one after another over `rampMs` (a thousand handshakes at once would be a
  // burst no reader makes), and each starts at its own place in the mix, so no two in-flight
  // requests are usually the same one.
  let next = startAt + ((id * 7919) % 1000) / 1000 * rampMs;
  let k = (id * 37) % paths.length;
  while (next < endAt) {
    await sleep(next - now());
    const started = now();
    const behind = started - next;
    if (behind > 10) late += 1;
    worstLateMs = Math.max(worstLateMs, behind);
    sent += 1;
    const path = paths[k];
    k = (k + 1) % paths.length;
    const outcome = await get(agent, path);
    const finished = now();
    if (outcome.status === 200) {
      recordOk(finished - started, finished);
      bump(finished, 'ok');
    } else {
      failures.push({ startedAt: started, finishedAt: finished, path, status: outcome.status ?? null, error: outcome.error ?? null });
      bump(finished, 'failed');
    }
    next += intervalMs;
    // Behind schedule (a slow answer): send at once, without trying to catch up.
    if (next < now()) next = now();
  }
  agent.destroy();
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
await Promise.all(clientIds.map(client));
loop.disable();
const ok = latencies.slice(0, okCount);
const okAt = finishedAt.slice(0, okCount);
parentPort.postMessage({
  sent,
  ok: okCount,
  latencies: ok,
  finishedAt: okAt,
  failures,
  perSecond: [...perSecond.values()],
  late,
  worstLateMs,
  bytes,
  connectionsOpened: connections.size,
  eventLoopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
}, [ok.buffer, okAt.buffer]);
