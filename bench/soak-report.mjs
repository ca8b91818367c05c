// `make soak`'s request mix, arithmetic and table: percentiles, the restart window, flatness.
// Pure functions, tested in bench/test/soak.test.mjs.

/**
 * The request mix: the bench's 500 pages of lead 20004 (bench/wrk-pages.lua), and every page of
 * the other seeded leads (README.md), page size 20 as the element asks. All answer 200.
 */
export function soakPaths(prefix) {
  const pages = { 20004: 500, 20003: 7, 20005: 2, 20006: 2, 12345: 1, 20002: 1, 20001: 1 };
  const paths = [];
  for (const [lead, count] of Object.entries(pages)) {
    for (let page = 1; page <= count; page += 1) {
      paths.push(`${prefix}/enterprise/api/lead/${lead}/task?page=${page}&page_size=20`);
    }
  }
  return paths;
}

/** The `p`th percentile (0–100) of `values` (nearest rank), NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * Splits `failures` (each with `finishedAt`, epoch ms) into those around the upstream's restart
 * and the rest. Around the restart means finished between `killedAt` and `graceMs` after the
 * upstream was listening again (`restartedAt`): requests the kill cut off or that were answered
 * while it was down. The window reported is first to last of those failures.
 */
export function restartWindow(failures, { killedAt, restartedAt, graceMs }) {
  const inside = [];
  const outside = [];
  for (const failure of failures) {
    const around = failure.finishedAt >= killedAt && failure.finishedAt <= restartedAt + graceMs;
    (around ? inside : outside).push(failure);
  }
  const times = inside.map((f) => f.finishedAt);
  const first = times.length ? times.reduce((a, b) => Math.min(a, b)) : null;
  const last = times.length ? times.reduce((a, b) => Math.max(a, b)) : null;
  return {
    inside: inside.length,
    outside: outside.length,
    outsideSamples: outside.slice(0, 5),
    firstAfterKillMs: first === null ? null : first - killedAt,
    lastAfterRestartMs: last === null ? null : last - restartedAt,
    lengthMs: first === null ? 0 : last - first,
    downMs: restartedAt - killedAt,
    kinds: countBy(inside, (f) => (f.status ? `HTTP ${f.status}` : f.error)),
    outsideKinds: countBy(outside, (f) => (f.status ? `HTTP ${f.status}` : f.error)),
  };
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * `{ start, middle, end, change, flat }`: `change` is whichever of middle/start − 1 and
 * end/start − 1 is further from 0 (signed); flat when neither grew by more than 10 %. A leak
 * grows; a fall (an upstream connection pool rebuilt smaller after the restart) is shown, not failed.
 */
export function flatness({ start, middle, end }) {
  const changes = [middle / start - 1, end / start - 1];
  const change = Math.abs(changes[0]) > Math.abs(changes[1]) ? changes[0] : changes[1];
  // (The epsilon: 110 / 100 − 1 is a hair above 0.1 in floating point.)
  return { start, middle, end, change, flat: Math.max(...changes) <= 0.1 + 1e-9 };
}

const ms = (v) => (v === null || Number.isNaN(v) ? '–' : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
const pct = (v) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} %`;
const triple = (f, unit) => `${unit(f.start)} → ${unit(f.middle)} → ${unit(f.end)} (${pct(f.change)}${f.flat ? '' : ', NOT flat'})`;

/** The side-by-side table (one column per target) of `results[name]` from bench/soak.mjs. */
export function soakTable(results) {
  const names = Object.keys(results);
  const row = (label, cell) => `| ${label} | ${names.map((n) => cell(results[n])).join(' | ')} |`;
  const w = (r) => r.window;
  return [
    `| figure | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    row('clients (connections opened)', (r) => `${r.clients} (${r.connectionsOpened})`),
    row('requests sent / answered 200', (r) => `${r.sent} / ${r.ok}`),
    row('rate achieved', (r) => `${Math.round(r.rps)} req/s (target ${Math.round(r.targetRps)})`),
    row('errors outside the restart window', (r) => `${w(r).outside}${w(r).outside ? ` (${Object.entries(w(r).outsideKinds).map(([k, v]) => `${v} × ${k}`).join(', ')})` : ''}`),
    row('errors around the restart', (r) => `${w(r).inside}${w(r).inside ? ` (${Object.entries(w(r).kinds).map(([k, v]) => `${v} × ${k}`).join(', ')})` : ''}`),
    row('upstream down (kill → listening again)', (r) => ms(w(r).downMs)),
    row('error window: first → last failure', (r) => `${ms(w(r).lengthMs)} (first ${ms(w(r).firstAfterKillMs)} after the kill, last ${ms(w(r).lastAfterRestartMs)} after the restart)`),
    row('latency p50 / p99 (200s, whole run)', (r) => `${ms(r.latency.p50)} / ${ms(r.latency.p99)}`),
    row('latency p50 / p99 outside the window', (r) => `${ms(r.latencySteady.p50)} / ${ms(r.latencySteady.p99)}`),
    row('RSS start → middle → end', (r) => triple(r.rss, mb)),
    row('open descriptors start → middle → end', (r) => triple(r.fds, String)),
    row('CPU: server / mock / generator (cores)', (r) => `${r.cpu.server.toFixed(2)} / ${r.cpu.mock.toFixed(2)} / ${r.cpu.generator.toFixed(2)}`),
    row('generator: event-loop delay p99, sends > 10 ms late', (r) => `${ms(r.generator.eventLoopP99Ms)}, ${r.generator.late} (${(100 * r.generator.late / Math.max(1, r.sent)).toFixed(2)} %)`),
  ].join('\n');
}
