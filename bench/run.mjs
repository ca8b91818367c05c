// `make bench`: measures shipped bytes, first cards, page changes, scale and the proxy in one run
// and writes
// bench/out/report.md and bench/out/report.json. Expects the release build (`make bench`
// builds it). Environment:
//   BENCH_ROUNDS     repeats of every measurement (default 7)
//   BENCH_SECONDS    seconds per wrk run (default 3)
//   BENCH_ONLY       comma-separated sections to run:
//                    sizes,load,load-slow-api,proxy-served,scale,many,proxy (default all)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDir, repoRoot, startStack } from '../tests/e2e/support/stack.mjs';
import { measureFirstCards, measureLoadAndPaging, FIRST_CARDS_LEAD, PAGING_LEAD } from './browser/load-and-paging.mjs';
import { measureMany } from './browser/many.mjs';
import { measureProxyServed } from './browser/proxy-served.mjs';
import { measureScale } from './browser/scale.mjs';
import { startNginx } from './nginx.mjs';
import { measureProxyLoad } from './proxy-load.mjs';
import { buildRows, markdownTable, sizeTable } from './report.mjs';
import { buildProxySite, buildSite } from './site.mjs';
import { measureSizes } from './sizes.mjs';
import { prime, startStaticServer } from './static-server.mjs';
import { sourceRevision, toolVersions } from './versions.mjs';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const siteDir = path.join(repoRoot, 'target', 'bench-site');
const proxySiteDir = path.join(repoRoot, 'target', 'bench-proxy-site');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const wrkSeconds = Number(process.env.BENCH_SECONDS ?? 3);
const sections = new Set((process.env.BENCH_ONLY ?? 'sizes,load,load-slow-api,proxy-served,scale,many,proxy').split(','));
/** The distant API's answer time for the `load-slow-api` section. */
const SLOW_API_MS = 150;
const slowSiteDir = path.join(repoRoot, 'target', 'bench-site-slow-api');
/** Connections for the throughput runs: enough to keep both cores busy, as at a busy CRM. */
const CONNECTIONS = 32;
const WARM_LOADS = 3;

const log = (line) => console.error(`bench: ${line}`);

async function proxySection(stack) {
  const nginx = await startNginx({ upstreamBase: stack.mockUrl, apiKey: stack.apiKey });
  try {
    return await measureProxyLoad({
      targets: {
        direct: { base: stack.mockUrl, apiKey: stack.apiKey },
        proxy: { base: stack.proxyUrl, prefix: '/api' },
        nginx: { base: nginx.url, prefix: '/api' },
      },
      rounds,
      seconds: wrkSeconds,
      connections: CONNECTIONS,
      log,
    });
  } finally {
    await nginx.stop();
  }
}

/**
 * First cards against an API that takes SLOW_API_MS to answer, as a real one far away does: a
 * second mock and proxy, and a site whose pages call them; both elements, the same server.
 */
async function slowApiSection() {
  const site = await startStaticServer(slowSiteDir);
  const stack = await startStack({
    staticDir: proxySiteDir,
    rateLimitPerMinute: 10_000_000,
    mockArgs: ['--latency-ms', String(SLOW_API_MS)],
    proxyArgs: ['--cors-origins', site.url],
    proxyEnv: { RUST_LOG: 'warn' },
  });
  try {
    buildSite({ demoDir, outDir: slowSiteDir, apiBase: `${stack.proxyUrl}/api`, leads: [FIRST_CARDS_LEAD] });
    await prime(site.url, slowSiteDir);
    const result = await measureFirstCards({ siteUrl: site.url, rounds, warmLoads: WARM_LOADS, log, label: `API ${SLOW_API_MS} ms` });
    return { ...result, apiMs: SLOW_API_MS };
  } finally {
    await site.close();
    await stack.stop();
  }
}

/** Each section by name; scale and 50 elements barely vary, so they run at most 3 rounds. */
const SECTIONS = {
  sizes: () => measureSizes(demoDir),
  load: ({ siteUrl }) => measureLoadAndPaging({ siteUrl, rounds, warmLoads: WARM_LOADS, log }),
  'load-slow-api': () => slowApiSection(),
  'proxy-served': ({ stack }) => measureProxyServed({ proxyUrl: stack.proxyUrl, rounds: Math.min(rounds, 3), warmLoads: WARM_LOADS, log }),
  scale: ({ siteUrl }) => measureScale({ siteUrl, rounds: Math.min(rounds, 3), log }),
  many: ({ siteUrl }) => measureMany({ siteUrl, rounds: Math.min(rounds, 3), log }),
  proxy: ({ stack }) => proxySection(stack),
};

async function main() {
  const started = new Date();
  // A section that breaks (say, the element paints no card) is reported as such; the others
  // still run, so one regression never hides every other figure.
  const results = { rounds, errors: {} };
  const site = await startStaticServer(siteDir);
  // The proxy's own static dir is written first: it checks for index.html when it starts.
  buildProxySite({ demoDir, outDir: proxySiteDir, lead: FIRST_CARDS_LEAD });
  const stack = await startStack({
    staticDir: proxySiteDir,
    rateLimitPerMinute: 10_000_000,
    proxyArgs: ['--cors-origins', site.url],
    proxyEnv: { RUST_LOG: 'warn' },
  });
  try {
    buildSite({ demoDir, outDir: siteDir, apiBase: `${stack.proxyUrl}/api`, leads: [FIRST_CARDS_LEAD, PAGING_LEAD] });
    await prime(site.url, siteDir);
    for (const [name, measure] of Object.entries(SECTIONS)) {
      if (!sections.has(name)) continue;
      try {
        results[name] = await measure({ siteUrl: site.url, stack });
      } catch (error) {
        log(`section ${name} failed: ${error.stack ?? error}`);
        results.errors[name] = String(error.message ?? error).split('\n')[0];
      }
    }
  } finally {
    await stack.stop();
    await site.close();
  }

  const rows = buildRows(results);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.type()} ${os.release()}, load average ${os.loadavg()[0].toFixed(1)}`;
  const versions = toolVersions();
  const revision = sourceRevision();
  const markdown = [
    `# task-history bench, ${started.toISOString()}, source ${revision}`,
    '',
    `${rounds} rounds; every figure is the median (min–max) over them; ratios are taken within a round. ` +
      `Machine: ${machine}. Tools: ${Object.values(versions).join('; ')}. How each figure is measured: docs/performance.md.`,
    '',
    markdownTable(rows),
    '',
    ...(results.sizes ? ['## Shipped files', '', sizeTable(results.sizes), ''] : []),
  ].join('\n');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'report.md'), markdown);
  writeFileSync(path.join(outDir, 'report.json'), JSON.stringify({ started, revision, machine, versions, rows, results }, null, 2));
  console.log(markdown);
  const failed = rows.filter((r) => r.result === 'FAIL').length;
  log(`${rows.filter((r) => r.result === 'PASS').length} budgets pass, ${failed} fail; report in ${path.relative(repoRoot, outDir)}/`);
  // Failing budgets are the report's news, not an error; a section that could not run is.
  if (Object.keys(results.errors).length > 0) process.exitCode = 1;
}

main().then(() => process.exit(process.exitCode ?? 0), (error) => {
  console.error(error);
  process.exit(1);
});
