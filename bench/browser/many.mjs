// A page with 50 elements of which 5 are on screen: what is fetched and compiled before the
// reader scrolls, and DOM and memory before and after scrolling through all of them.
import { MANY_PAGE } from '../site.mjs';
import { freshBrowser, memoryAndNodes, sleep, untilQuiet, watchRequests } from './session.mjs';

/** Counts wasm compilations that succeed, however wasm-bindgen's init reaches them. */
function countWasmCompiles() {
  window.__benchWasmCompiles = 0;
  for (const name of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      const fromModule = args[0] instanceof WebAssembly.Module;
      return original.apply(this, args).then((result) => {
        if (!fromModule) window.__benchWasmCompiles += 1;
        return result;
      });
    };
  }
}

async function scrollToBottom(page) {
  for (;;) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight / 2);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await sleep(150);
    if (atBottom) return;
  }
}

const split = (pages) => ({ total: pages.length, firstPages: pages.filter((p) => p === 1).length, otherPages: pages.filter((p) => p !== 1).length });

/** Per round: requests, wasm fetches and compiles before scrolling; figures before and after. */
export async function measureMany({ siteUrl, rounds, log }) {
  const results = [];
  for (let round = 0; round < rounds; round += 1) {
    const browser = await freshBrowser();
    try {
      const { page } = browser;
      await page.addInitScript(countWasmCompiles);
      const requests = watchRequests(page);
      await page.goto(`${siteUrl}/${MANY_PAGE}`, { waitUntil: 'load' });
      await untilQuiet(requests);
      const before = {
        requests: split(requests.pages()),
        wasmFetches: requests.wasmCount(),
        wasmCompiles: await page.evaluate(() => window.__benchWasmCompiles),
        cards: await page.evaluate(() => [...document.querySelectorAll('task-history')]
          .filter((el) => el.shadowRoot?.querySelector('[data-testid="task-card"]')).length),
        ...(await memoryAndNodes(page)),
      };
      await scrollToBottom(page);
      await untilQuiet(requests);
      const after = { requests: split(requests.pages()), ...(await memoryAndNodes(page)) };
      results.push({ before, after });
      log?.(`50 elements round ${round + 1}/${rounds}: before scrolling ${before.requests.total} API requests ` +
        `(${before.requests.firstPages} first pages), ${before.wasmFetches} wasm fetches, ${before.wasmCompiles} compiles, ` +
        `${before.domNodes} nodes; after ${after.requests.total} requests, ${after.domNodes} nodes`);
    } finally {
      await browser.close();
    }
  }
  return results;
}
