// Runs wrk (Debian's) against one target and parses latency percentiles and throughput.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wrk-pages.lua');

function toMs(value, unit) {
  const n = Number(value);
  return { us: n / 1000, ms: n, s: n * 1000 }[unit] ?? NaN;
}

/** Parses `wrk --latency` output: p50/p99 in ms, requests/s, and error counts. */
export function parseWrk(text) {
  const pct = (p) => {
    const m = text.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, 'm'));
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const rps = Number((text.match(/Requests\/sec:\s+([\d.]+)/) ?? [])[1]);
  const non2xx = Number((text.match(/Non-2xx or 3xx responses:\s+(\d+)/) ?? [0, 0])[1]);
  const socketErrors = text.match(/Socket errors:.*/)?.[0] ?? '';
  return { p50: pct(50), p99: pct(99), rps, non2xx, socketErrors };
}

/**
 * One wrk run. `base` is the server root, `prefix` the path prefix before /enterprise,
 * `apiKey` sent as x-api-key (direct calls only).
 */
export async function wrk({ base, prefix = '', apiKey = '', connections, threads, seconds }) {
  const { stdout } = await run(
    'wrk',
    ['--latency', '-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '-s', script, base],
    { env: { ...process.env, BENCH_PREFIX: prefix, BENCH_API_KEY: apiKey } },
  );
  const parsed = parseWrk(stdout);
  if (parsed.non2xx > 0 || parsed.socketErrors) {
    throw new Error(`wrk against ${base}${prefix} saw errors: ${parsed.non2xx} non-2xx; ${parsed.socketErrors}`);
  }
  return parsed;
}
