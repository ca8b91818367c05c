import assert from 'node:assert/strict';
import test from 'node:test';
import { parseWrk } from '../wrk.mjs';

const SAMPLE = `Running 3s test @ http://127.0.0.1:18777
  1 threads and 1 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   833.52us    1.57ms  12.70ms   87.13%
  Latency Distribution
     50%   91.00us
     75%  751.00us
     90%    2.99ms
     99%    1.20s
  18234 requests in 3.01s, 133.47MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   6065.85
`;

test('wrk percentiles are read in milliseconds whatever unit wrk printed', () => {
  const parsed = parseWrk(SAMPLE);
  assert.equal(parsed.p50, 0.091);
  assert.equal(parsed.p99, 1200);
  assert.equal(parsed.rps, 6065.85);
});

test('wrk error counts are reported so a run with failures is never summarised', () => {
  assert.equal(parseWrk(SAMPLE).non2xx, 3);
  assert.equal(parseWrk('Requests/sec: 1\n').non2xx, 0);
  assert.match(parseWrk('  Socket errors: connect 0, read 2, write 0, timeout 0\n').socketErrors, /read 2/);
});
