import assert from 'node:assert/strict';
import test from 'node:test';
import { flatness, percentile, restartWindow, soakPaths } from '../soak-report.mjs';

test('percentiles by nearest rank', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('failures around the restart are the window; the rest are errors', () => {
  const at = (finishedAt, status = 502) => ({ finishedAt, status, error: status ? null : 'ECONNRESET' });
  const window = restartWindow([at(999), at(1_005), at(2_000), at(3_050, null), at(3_100), at(9_000)], {
    killedAt: 1_000, restartedAt: 3_000, graceMs: 100,
  });
  assert.equal(window.inside, 4);
  assert.equal(window.outside, 2);
  assert.equal(window.firstAfterKillMs, 5);
  assert.equal(window.lastAfterRestartMs, 100);
  assert.equal(window.lengthMs, 2_095);
  assert.equal(window.downMs, 2_000);
  assert.deepEqual(window.kinds, { 'HTTP 502': 3, ECONNRESET: 1 });
  const none = restartWindow([], { killedAt: 1, restartedAt: 2, graceMs: 0 });
  assert.equal(none.lengthMs, 0);
  assert.equal(none.firstAfterKillMs, null);
});

test('flat means grown by at most 10 %; a fall is shown but not failed', () => {
  assert.equal(flatness({ start: 100, middle: 105, end: 110 }).flat, true);
  assert.equal(flatness({ start: 100, middle: 105, end: 111 }).flat, false);
  const fell = flatness({ start: 100, middle: 100, end: 80 });
  assert.equal(fell.flat, true);
  assert.ok(Math.abs(fell.change + 0.2) < 1e-9);
});

test('the request mix covers every seeded lead with pages, all under the prefix', () => {
  const paths = soakPaths('/api');
  assert.equal(paths.length, 514);
  assert.ok(paths.every((p) => /^\/api\/enterprise\/api\/lead\/\d+\/task\?page=\d+&page_size=20$/.test(p)));
  assert.equal(paths.filter((p) => p.includes('/lead/20004/')).length, 500);
  assert.ok(paths.includes('/api/enterprise/api/lead/20003/task?page=7&page_size=20'));
});
