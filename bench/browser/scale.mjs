// Scale: the 10,000-task lead paged to its last page and back, then through 30 more pages and
// back, twice. DOM nodes (after a forced GC) must come back to where they started; memory must
// stop growing once the element's bounded page cache is full. Wasm memory is a high-water mark
// (it never shrinks), so "flat" compares the second 30 pages with the first, not with start.
import { singlePageName } from '../site.mjs';
import { PAGING_LEAD } from './load-and-paging.mjs';
import { freshBrowser, loadUntilFirstCard, memoryAndNodes, sleep, untilQuiet, watchRequests } from './session.mjs';

const EXTRA_PAGES = 30;
/** Page changes between two cached pages: no network at all, only rendering. */
const CACHED_TOGGLES = 60;

async function click(page, requests, testid) {
  const result = await page.evaluate((id) => window.__bench.clickAndTimeCards(id), testid);
  if (!result) throw new Error(`paging button ${testid} missing or disabled`);
  await untilQuiet(requests, { quietMs: 300 });
}

async function throughPages(page, requests, count) {
  for (let i = 0; i < count; i += 1) {
    await page.evaluate(() => window.__bench.clickAndTimeCards('page-next'));
    await sleep(50);
  }
  await click(page, requests, 'page-first');
  return memoryAndNodes(page);
}

async function toggleCached(page, count) {
  await page.evaluate(() => window.__bench.clickAndTimeCards('page-next'));
  await sleep(300);
  for (let i = 0; i < count; i += 1) {
    await page.evaluate((id) => window.__bench.clickAndTimeCards(id), i % 2 ? 'page-next' : 'page-previous');
  }
  await sleep(300);
  return memoryAndNodes(page);
}

/**
 * One fresh browser: memory and node figures at `start`, `last`, `back`, `after30`, `after60`,
 * then `beforeToggles` and `afterToggles` around CACHED_TOGGLES changes between two cached pages.
 */
async function walkPages(url) {
  const browser = await freshBrowser();
  try {
    const { page } = browser;
    const requests = watchRequests(page);
    await loadUntilFirstCard(page, url);
    await untilQuiet(requests, { quietMs: 500 });
    const start = await memoryAndNodes(page);
    await click(page, requests, 'page-last');
    const last = await memoryAndNodes(page);
    await click(page, requests, 'page-first');
    const back = await memoryAndNodes(page);
    const after30 = await throughPages(page, requests, EXTRA_PAGES);
    const after60 = await throughPages(page, requests, EXTRA_PAGES);
    const beforeToggles = await toggleCached(page, 0);
    const afterToggles = await toggleCached(page, CACHED_TOGGLES);
    return { start, last, back, after30, after60, beforeToggles, afterToggles };
  } finally {
    await browser.close();
  }
}

/**
 * `{ extraPages, ours: [checkpoints per round], reference: [...] }`. The reference shows how
 * much of any growth is the browser's own (V8 and Blink caches) rather than the element's.
 */
export async function measureScale({ siteUrl, rounds, log }) {
  const result = { extraPages: EXTRA_PAGES, cachedToggles: CACHED_TOGGLES, ours: [], reference: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const kind of ['ours', 'reference']) {
      const checkpoints = await walkPages(`${siteUrl}/${singlePageName(kind, PAGING_LEAD)}`);
      result[kind].push(checkpoints);
      log?.(`scale ${kind} round ${round + 1}/${rounds}: ` + Object.entries(checkpoints)
        .map(([k, m]) => `${k} ${m.domNodes} nodes, ${(m.jsHeapUsedBytes / 1024).toFixed(0)} KiB heap, ${((m.wasmBytes ?? 0) / 1024).toFixed(0)} KiB wasm`).join('; '));
    }
  }
  return result;
}
