// Turns the measurements into rows (figure, median and spread, budget, PASS/FAIL) and renders
// them as Markdown. Where a budget says only "stay flat" the bench's reading of that is written
// next to the figure.
import { median, show, summarize } from './stats.mjs';

const KB = 1000;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const ms = (s, d = 1) => `${show(s, d)} ms`;
const verdict = (ok) => (ok === null ? '—' : ok ? 'PASS' : 'FAIL');
const row = (section, figure, value, budget = '—', ok = null) => ({ section, figure, value, budget, result: verdict(ok) });

/** Budgets, in KB (1,000 bytes) and ratios ours / reference. */
export const BUDGETS = { gzipKb: 120, brotliKb: 100, warmRatio: 1.3, coldRatioSlowApi: 1.3 };

function sizeRows(sizes) {
  const { raw, gzip, brotli } = sizes.total;
  return [
    row('Shipped bytes', 'wasm + JS + CSS for one element, raw', kb(raw)),
    row('Shipped bytes', 'gzip -9 (goal 100 KB)', kb(gzip), `≤ ${BUDGETS.gzipKb} KB`, gzip <= BUDGETS.gzipKb * KB),
    row('Shipped bytes', 'brotli -q 11, as served to Chromium', kb(brotli), `≤ ${BUDGETS.brotliKb} KB`, brotli <= BUDGETS.brotliKb * KB),
  ];
}

/** First cards with the API answering at once (`load`) or after `apiMs` (a distant API). */
function loadRows(load, { apiMs = 0, budgets = { warm: BUDGETS.warmRatio } } = {}) {
  const out = [];
  const api = `API ${apiMs} ms`;
  for (const phase of ['cold', 'warm']) {
    const ours = summarize(load.ours[phase]);
    const ref = summarize(load.reference[phase]);
    const ratio = summarize(load.ratios[phase]);
    out.push(row('First cards', `${phase}, ${api}: \`<task-history>\``, ms(ours)));
    out.push(row('First cards', `${phase}, ${api}: plain-JS reference`, ms(ref)));
    const limit = budgets[phase];
    out.push(limit === undefined
      ? row('First cards', `${phase}, ${api}: ratio ours / reference (per round)`, `${show(ratio)}×`)
      : row('First cards', `${phase}, ${api}: ratio ours / reference (per round)`, `${show(ratio)}×`, `≤ ${limit}×`, ratio.median <= limit));
  }
  return out;
}

/** Our element served by the proxy's own static files (`no-cache` + ETag), beside the CDN-like site. */
function proxyServedRows(served) {
  return ['cold', 'warm'].map((phase) => row('First cards', `${phase}: \`<task-history>\` served by the proxy (no-cache + ETag files)`, ms(summarize(served[phase]))));
}

/** Medians of the milestones before the first card, ms since navigation. */
function phaseRows(load) {
  const names = { wasmReceived: 'wasm received', defined: 'element defined', apiReceived: 'API answered', firstRender: 'first-render mark', loadEvent: 'task-history-load', painted: 'first card painted' };
  const out = [];
  for (const phase of ['cold', 'warm']) {
    for (const [who, kind] of [['`<task-history>`', 'ours'], ['reference', 'reference']]) {
      const loads = load[kind].phases[phase];
      const steps = Object.entries(names)
        .map(([key, label]) => [label, loads.map((l) => l[key]).filter((v) => v !== null)])
        .filter(([, values]) => values.length > 0)
        .map(([label, values]) => `${label} ${median(values).toFixed(0)}`);
      out.push(row('First cards', `${phase} milestones, ${who} (ms since navigation, medians)`, steps.join(' → ')));
    }
  }
  return out;
}

/**
 * Click → painted (budgeted); click → in the DOM (the element's own share, no frame wait); and
 * click → the element's `task-history:page-render` mark (its own account of the same).
 */
function pagingRows(load) {
  const out = [];
  for (const [kind, label, domKey, markKey] of [['cached', 'cached', 'cachedDom', 'cachedMark'], ['uncached', 'not cached', 'uncachedDom', 'uncachedMark']]) {
    for (const [who, key] of [['`<task-history>`', 'ours'], ['plain-JS reference', 'reference']]) {
      const samples = load[key][kind];
      if (samples.length === 0) {
        out.push(row('Page change', `${label}: ${who}`, 'no such click observed'));
        continue;
      }
      const s = summarize(samples);
      const budgeted = kind === 'cached' && key === 'ours';
      out.push(row('Page change', `${label}, click → painted: ${who} (n=${s.runs})`, ms(s), budgeted ? '≤ 16 ms median' : '—', budgeted ? s.median <= 16 : null));
      out.push(row('Page change', `${label}, click → in the DOM: ${who}`, ms(summarize(load[key][domKey]))));
      const marks = load[key][markKey] ?? [];
      if (marks.length > 0) out.push(row('Page change', `${label}, click → page-render mark: ${who}`, ms(summarize(marks))));
    }
  }
  return out;
}

/**
 * "Stay flat", read as: back on page 1, the DOM nodes on screen at most 1.05× those at first
 * load; all DOM nodes, the pages <task-history> keeps rendered but hidden included, at most
 * 1.05× after the second run of 30 pages what they were after the first (the bounded page
 * cache is full by then); and over that second run JS heap + wasm memory grow by at most two
 * wasm pages (128 KiB: wasm memory grows in 64 KiB steps and never shrinks, and the JS heap
 * moves by tens of KB between forced collections even for the reference).
 */
const FLAT_GROWTH_BYTES = 2 * 65536;

function scaleRows(scale) {
  const n = scale.extraPages;
  const out = [];
  for (const [who, kind] of [['`<task-history>`', 'ours'], ['reference', 'reference']]) {
    const at = (point, pick) => median(scale[kind].map((c) => pick(c[point])));
    const nodes = (m) => m.domNodes;
    const shownNodes = (m) => m.shownDomNodes ?? m.domNodes;
    const memory = (m) => m.jsHeapUsedBytes + (m.wasmBytes ?? 0);
    const trail = (pick, fmt) => ['start', 'last', 'back', 'after30', 'after60'].map((p) => fmt(at(p, pick))).join(' → ');
    const shownRatio = Math.max(at('back', shownNodes), at('after30', shownNodes), at('after60', shownNodes)) / at('start', shownNodes);
    const keptRatio = at('after60', nodes) / at('after30', nodes);
    const growth = at('after60', memory) - at('after30', memory);
    const budgeted = kind === 'ours';
    const section = 'Scale: 10,000 tasks';
    out.push(row(section, `${who}: DOM nodes on screen, page 1 → last → page 1 → ${n} pages and back → ${n} more and back`, trail(shownNodes, String),
      budgeted ? 'back on page 1 ≤ 1.05× start' : '—', budgeted ? shownRatio <= 1.05 : null));
    if (budgeted) {
      out.push(row(section, `${who}: DOM nodes with the kept (hidden) pages, same points`, trail(nodes, String),
        `second ${n} pages ≤ 1.05× first ${n}`, keptRatio <= 1.05));
    }
    out.push(row(section, `${who}: Blink layout objects, same points`, trail((m) => m.layoutObjects ?? NaN, String)));
    out.push(row(section, `${who}: JS heap, same points`, trail((m) => m.jsHeapUsedBytes, kb)));
    if (budgeted) out.push(row(section, `${who}: wasm memory, same points`, trail((m) => m.wasmBytes ?? 0, kb)));
    out.push(row(section, `${who}: JS heap + wasm memory grown over the second ${n} pages`, kb(growth),
      budgeted ? `≤ ${kb(FLAT_GROWTH_BYTES)} (two 64 KiB wasm pages)` : '—', budgeted ? growth <= FLAT_GROWTH_BYTES : null));
    if (scale.cachedToggles) {
      const perChange = (at('afterToggles', memory) - at('beforeToggles', memory)) / scale.cachedToggles;
      out.push(row(section, `${who}: memory grown per change between two cached pages (${scale.cachedToggles} changes, no network)`, kb(perChange)));
    }
  }
  return out;
}

function manyRows(many) {
  const before = (pick) => summarize(many.map((r) => pick(r.before)));
  const after = (pick) => summarize(many.map((r) => pick(r.after)));
  const n = (s) => show(s, 0);
  const requests = before((b) => b.requests.total);
  const wasmFetches = before((b) => b.wasmFetches);
  const compiles = before((b) => b.wasmCompiles);
  return [
    row('50 elements, 5 visible', 'API requests before scrolling', n(requests), '≤ 5', requests.median <= 5),
    row('50 elements, 5 visible', '… of which first pages / other pages (prefetch)', `${n(before((b) => b.requests.firstPages))} / ${n(before((b) => b.requests.otherPages))}`),
    row('50 elements, 5 visible', 'elements showing cards before scrolling', n(before((b) => b.cards))),
    row('50 elements, 5 visible', 'wasm fetches', n(wasmFetches), '1', wasmFetches.median === 1 && wasmFetches.max === 1),
    row('50 elements, 5 visible', 'wasm compiles', n(compiles), '1', compiles.median === 1 && compiles.max === 1),
    row('50 elements, 5 visible', 'API requests after scrolling through all', n(after((a) => a.requests.total))),
    row('50 elements, 5 visible', 'DOM nodes before → after scrolling', `${n(before((b) => b.domNodes))} → ${n(after((a) => a.domNodes))}`),
    row('50 elements, 5 visible', 'JS heap + wasm memory before → after scrolling',
      `${kb(before((b) => b.jsHeapUsedBytes + (b.wasmBytes ?? 0)).median)} → ${kb(after((a) => a.jsHeapUsedBytes + (a.wasmBytes ?? 0)).median)}`),
  ];
}

function proxyRows(proxy) {
  const t = proxy.targets;
  const p = proxy.paired;
  const c = proxy.connections;
  return [
    row('Proxy', 'p50 latency, 1 connection: direct / proxy / nginx', `${show(t.direct.p50, 3)} / ${show(t.proxy.p50, 3)} / ${show(t.nginx.p50, 3)} ms`),
    row('Proxy', 'p50 added over direct: proxy', ms(p.proxyAddedP50, 3), '≤ 0.5 ms', p.proxyAddedP50.median <= 0.5),
    row('Proxy', 'p50 added over direct: nginx', ms(p.nginxAddedP50, 3)),
    row('Proxy', 'p99 added over direct: proxy / nginx', `${show(p.proxyAddedP99, 3)} / ${show(p.nginxAddedP99, 3)} ms`),
    row('Proxy', `requests/s, ${c} connections: direct / proxy / nginx`, `${show(t.direct.rps, 0)} / ${show(t.proxy.rps, 0)} / ${show(t.nginx.rps, 0)}`),
    row('Proxy', 'throughput ratio proxy / nginx (per round)', `${show(p.proxyOverNginxRps)}×`, '≥ 0.8×', p.proxyOverNginxRps.median >= 0.8),
  ];
}

/** All rows, in report order; a section that was not run is left out, one that broke is a FAIL. */
export function buildRows(results) {
  const broken = Object.entries(results.errors ?? {})
    .map(([section, message]) => row(`${section} (broken)`, `could not be measured: ${message}`, '—', 'a measurement', false));
  return [
    ...broken,
    ...(results.sizes ? sizeRows(results.sizes) : []),
    ...(results.load ? loadRows(results.load) : []),
    ...(results['load-slow-api'] ? loadRows(results['load-slow-api'], { apiMs: results['load-slow-api'].apiMs, budgets: { cold: BUDGETS.coldRatioSlowApi } }) : []),
    ...(results.load ? phaseRows(results.load) : []),
    ...(results['proxy-served'] ? proxyServedRows(results['proxy-served']) : []),
    ...(results.load ? pagingRows(results.load) : []),
    ...(results.scale ? scaleRows(results.scale) : []),
    ...(results.many ? manyRows(results.many) : []),
    ...(results.proxy ? proxyRows(results.proxy) : []),
  ];
}

export function markdownTable(rows) {
  const lines = ['| section | figure | median (min–max) | budget | result |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.section} | ${r.figure.replaceAll('|', '\\|')} | ${r.value} | ${r.budget} | ${r.result} |`);
  return lines.join('\n');
}

export function sizeTable(sizes) {
  const lines = ['| file | raw | gzip -9 | brotli -q 11 |', '|---|---:|---:|---:|'];
  for (const f of [...sizes.files, { name: 'total', ...sizes.total }]) lines.push(`| ${f.name} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
  return lines.join('\n');
}
