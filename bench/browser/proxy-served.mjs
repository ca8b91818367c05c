// Our element served by the proxy's own static files (`--static-dir`, as `make demo` does),
// which answer `Cache-Control: no-cache` with an ETag: every load revalidates (a 304 when
// unchanged), so this is "warm" for a demo or a proxy-hosted element.
import { coldAndWarm } from './load-and-paging.mjs';
import { freshBrowser } from './session.mjs';

/** `{ cold: [ms], warm: [ms] }` over `rounds` fresh browsers. */
export async function measureProxyServed({ proxyUrl, rounds, warmLoads, log }) {
  const samples = { cold: [], warm: [] };
  for (let round = 0; round < rounds; round += 1) {
    const browser = await freshBrowser();
    try {
      const { coldLoad, warmLoads: warmRuns } = await coldAndWarm(browser.page, `${proxyUrl}/`, warmLoads);
      samples.cold.push(coldLoad.painted);
      samples.warm.push(...warmRuns.map((load) => load.painted));
      log?.(`proxy-served round ${round + 1}/${rounds}: cold ${coldLoad.painted.toFixed(1)} ms, warm ` +
        warmRuns.map((load) => load.painted.toFixed(1)).join('/'));
    } finally {
      await browser.close();
    }
  }
  return samples;
}
