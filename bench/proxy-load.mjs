// The proxy under load, beside the mock called directly and nginx doing the same job: the same
// wrk, request mix and concurrency for all three, on loopback. Targets are interleaved within
// each round (and the order rotated between rounds) so a burst of background load hits all of
// them alike; every comparison is made within one round, then summarised over rounds.
import { summarize } from './stats.mjs';
import { wrk } from './wrk.mjs';

/**
 * `targets`: { direct: {base, apiKey}, proxy: {base, prefix}, nginx: {base, prefix} }.
 * Returns per-target latency (c=1) and throughput (c=`connections`) summaries, and the paired
 * differences and ratios the budgets are judged on.
 */
export async function measureProxyLoad({ targets, rounds, seconds, connections, log }) {
  const names = Object.keys(targets);
  const samples = Object.fromEntries(names.map((n) => [n, { p50: [], p99: [], rps: [] }]));
  const paired = { proxyAddedP50: [], proxyAddedP99: [], nginxAddedP50: [], nginxAddedP99: [], proxyOverNginxRps: [], proxyOverDirectRps: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const latency = {};
    const throughput = {};
    for (const name of order) {
      latency[name] = await wrk({ ...targets[name], connections: 1, threads: 1, seconds });
      throughput[name] = await wrk({ ...targets[name], connections, threads: 2, seconds });
      samples[name].p50.push(latency[name].p50);
      samples[name].p99.push(latency[name].p99);
      samples[name].rps.push(throughput[name].rps);
    }
    paired.proxyAddedP50.push(latency.proxy.p50 - latency.direct.p50);
    paired.proxyAddedP99.push(latency.proxy.p99 - latency.direct.p99);
    paired.nginxAddedP50.push(latency.nginx.p50 - latency.direct.p50);
    paired.nginxAddedP99.push(latency.nginx.p99 - latency.direct.p99);
    paired.proxyOverNginxRps.push(throughput.proxy.rps / throughput.nginx.rps);
    paired.proxyOverDirectRps.push(throughput.proxy.rps / throughput.direct.rps);
    log?.(`proxy round ${round + 1}/${rounds}: ` + order.map((n) => `${n} p50 ${latency[n].p50.toFixed(3)} ms, ${Math.round(throughput[n].rps)} req/s`).join('; '));
  }
  const summary = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, summarize(v)]));
  return {
    connections,
    seconds,
    targets: Object.fromEntries(names.map((n) => [n, summary(samples[n])])),
    paired: summary(paired),
  };
}
