import assert from 'node:assert/strict';
import test from 'node:test';
import { buildRows } from '../report.mjs';
import { median, summarize } from '../stats.mjs';

const result = (rows, figure) => rows.find((r) => r.figure.includes(figure)).result;

test('medians and spreads', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.deepEqual(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, runs: 3 });
});

test('a budget holds at its limit and fails just past it', () => {
  const sizes = (gzip) => ({ files: [], total: { raw: 1, gzip, brotli: 1 } });
  assert.equal(result(buildRows({ sizes: sizes(120_000) }), 'gzip'), 'PASS');
  assert.equal(result(buildRows({ sizes: sizes(120_001) }), 'gzip'), 'FAIL');
});

test('the proxy budgets are judged on the per-round paired figures', () => {
  const s = (v) => summarize([v]);
  const target = { p50: s(0.1), p99: s(1), rps: s(1000) };
  const proxy = (added, ratio) => ({
    connections: 32,
    targets: { direct: target, proxy: target, nginx: target },
    paired: { proxyAddedP50: s(added), proxyAddedP99: s(0), nginxAddedP50: s(0), nginxAddedP99: s(0), proxyOverNginxRps: s(ratio), proxyOverDirectRps: s(1) },
  });
  assert.equal(result(buildRows({ proxy: proxy(0.5, 0.8) }), 'p50 added over direct: proxy'), 'PASS');
  assert.equal(result(buildRows({ proxy: proxy(0.5, 0.8) }), 'throughput ratio'), 'PASS');
  assert.equal(result(buildRows({ proxy: proxy(0.51, 0.79) }), 'p50 added over direct: proxy'), 'FAIL');
  assert.equal(result(buildRows({ proxy: proxy(0.51, 0.79) }), 'throughput ratio'), 'FAIL');
});

test('50 elements: more than one wasm compile in any round fails even if the median is one', () => {
  const round = (compiles) => {
    const figures = { requests: { total: 5, firstPages: 5, otherPages: 0 }, wasmFetches: 1, wasmCompiles: compiles, cards: 5, domNodes: 1, jsHeapUsedBytes: 1, wasmBytes: 1 };
    return { before: figures, after: figures };
  };
  const rows = buildRows({ many: [round(1), round(2), round(1)] });
  assert.equal(result(rows, 'wasm compiles'), 'FAIL');
  assert.equal(result(rows, 'API requests before scrolling'), 'PASS');
});

test('a section that could not be measured is a FAIL row, never a missing one', () => {
  const rows = buildRows({ errors: { load: 'no task card painted' } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0].result, 'FAIL');
  assert.match(rows[0].figure, /no task card painted/);
});

test('brotli is budgeted as served, and the cold ratio only when the API is slow', () => {
  const sizes = (brotli) => ({ files: [], total: { raw: 1, gzip: 1, brotli } });
  assert.equal(result(buildRows({ sizes: sizes(100_000) }), 'brotli'), 'PASS');
  assert.equal(result(buildRows({ sizes: sizes(100_001) }), 'brotli'), 'FAIL');
  const side = () => ({ cold: [1], warm: [1], cached: [], uncached: [], phases: { cold: [], warm: [] } });
  const load = (ratio) => ({ ours: side(), reference: side(), ratios: { cold: [ratio], warm: [1.3] } });
  const at = (rows, figure) => rows.find((r) => r.figure === figure);
  const fast = buildRows({ load: load(9) });
  assert.equal(at(fast, 'cold, API 0 ms: ratio ours / reference (per round)').result, '—');
  assert.equal(at(fast, 'warm, API 0 ms: ratio ours / reference (per round)').result, 'PASS');
  const slow = (ratio) => buildRows({ 'load-slow-api': { ...load(ratio), apiMs: 150 } });
  assert.equal(at(slow(1.3), 'cold, API 150 ms: ratio ours / reference (per round)').result, 'PASS');
  assert.equal(at(slow(1.31), 'cold, API 150 ms: ratio ours / reference (per round)').result, 'FAIL');
});
