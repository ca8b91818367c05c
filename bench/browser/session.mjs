// What every browser measurement needs: a fresh Chromium (the e2e launcher), navigation that
// waits for the first painted card, the API requests a page made, and memory figures.
import { launch } from '../../tests/e2e/support/browser.mjs';

const FIRST_CARD_TIMEOUT_MS = 20_000;

/** A fresh profile (cold HTTP and code caches) and its first tab: `{ context, page, close }`. */
export async function freshBrowser() {
  const browser = await launch();
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (error) => console.error(`bench page error: ${error}`));
  return { ...browser, page };
}

/**
 * Navigates and resolves with the probe's navigation → first card painted, in ms, and the
 * milestones before it (`phases`, ms since navigation; null where not applicable).
 */
export async function loadWithPhases(page, url) {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return page.evaluate(
    (timeout) => Promise.race([
      window.__bench.firstCardPainted.then((painted) => ({ painted, phases: window.__bench.phases() })),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no task card painted')), timeout)),
    ]),
    FIRST_CARD_TIMEOUT_MS,
  );
}

/** Navigates and resolves with navigation → first card painted, in ms. */
export async function loadUntilFirstCard(page, url) {
  return (await loadWithPhases(page, url)).painted;
}

/**
 * Records the API requests and wasm fetches of a page. `pages()` lists requested page
 * numbers in order, `reset()` forgets them (call before a navigation).
 */
export function watchRequests(page) {
  let api = [];
  let wasm = 0;
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/enterprise/api/lead/')) api.push(Number(new URL(url).searchParams.get('page') ?? 1));
    else if (url.endsWith('.wasm')) wasm += 1;
  });
  return {
    pages: () => [...api],
    apiCount: () => api.length,
    wasmCount: () => wasm,
    reset() { api = []; wasm = 0; },
  };
}

/** Resolves once no API request has started for `quietMs` (at most `maxMs`). */
export async function untilQuiet(requests, { quietMs = 1500, maxMs = 15_000 } = {}) {
  const deadline = Date.now() + maxMs;
  let seen = requests.apiCount();
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    if (requests.apiCount() !== seen) { seen = requests.apiCount(); since = Date.now(); }
  }
}

/**
 * After a forced garbage collection: DOM nodes in the document and its shadow roots, live
 * nodes (Chromium's count, detached ones included), the JS heap in use, and our wasm memory
 * (a wasm instance's linear memory is outside the JS heap and never shrinks).
 */
export async function memoryAndNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const inPage = await page.evaluate(async () => {
      let wasmBytes = null;
      if (customElements.get('task-history')) {
        // wasm-bindgen's init returns the already-instantiated exports on a second call.
        const glue = await import('./pkg/task_history.js');
        wasmBytes = (await glue.default()).memory.buffer.byteLength;
      }
      const nodes = window.__bench.domNodeCount();
      return { domNodes: nodes.all, shownDomNodes: nodes.shown, wasmBytes };
    });
    return {
      ...inPage,
      liveNodes: metric('Nodes'),
      // Blink's layout tree: kept pages hidden with content-visibility keep theirs.
      layoutObjects: metric('LayoutObjects'),
      jsHeapUsedBytes: metric('JSHeapUsedSize'),
    };
  } finally {
    await cdp.detach();
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
