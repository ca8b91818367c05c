// Time to first cards (cold and warm) and page changes, for <task-history> and the plain-JS
// reference, one fresh browser per element per round, the elements' order alternating between
// rounds so drift in background load falls on both.
import { singlePageName } from '../site.mjs';
import { median } from '../stats.mjs';
import { freshBrowser, loadUntilFirstCard, loadWithPhases, sleep, watchRequests } from './session.mjs';

/** The lead whose first page is timed (137 tasks, like a busy real lead). */
export const FIRST_CARDS_LEAD = 20003;
/** The lead paged through (500 pages): far pages are never in any cache until visited. */
export const PAGING_LEAD = 20004;
/** Clicks of one paging run. Whether each target page was cached is observed, not assumed. */
const CLICKS = ['page-last', 'page-previous', 'page-previous', 'page-previous', 'page-next', 'page-next',
  'page-first', 'page-next', 'page-previous', 'page-last', 'page-first'];
/** Lets idle-time work (the element's prefetch) finish between clicks, as a reader would. */
const SETTLE_MS = 400;

async function timePaging(page, requests, url) {
  requests.reset();
  await loadUntilFirstCard(page, url);
  await sleep(SETTLE_MS);
  const cached = [];
  const uncached = [];
  const cachedDom = [];
  const uncachedDom = [];
  const cachedMark = [];
  const uncachedMark = [];
  for (const testid of CLICKS) {
    const fetchedBefore = new Set(requests.pages());
    const result = await page.evaluate((id) => window.__bench.clickAndTimeCards(id), testid);
    if (!result) throw new Error(`paging button ${testid} missing or disabled`);
    const wasCached = fetchedBefore.has(result.page);
    (wasCached ? cached : uncached).push(result.ms);
    (wasCached ? cachedDom : uncachedDom).push(result.domMs);
    if (result.markMs !== null) (wasCached ? cachedMark : uncachedMark).push(result.markMs);
    await sleep(SETTLE_MS);
  }
  return { cached, uncached, cachedDom, uncachedDom, cachedMark, uncachedMark };
}

/**
 * The first load in a fresh profile, then `count` warm loads of the same page: `{ coldLoad,
 * warmLoads }`, each `{ painted, phases }`.
 */
export async function coldAndWarm(page, url, count) {
  const coldLoad = await loadWithPhases(page, url);
  // Chromium writes V8's code cache on the second load of a script and uses it from the third:
  // one unmeasured load makes "warm" a returning visitor's page.
  await loadUntilFirstCard(page, url);
  const warmLoads = [];
  for (let i = 0; i < count; i += 1) warmLoads.push(await loadWithPhases(page, url));
  return { coldLoad, warmLoads };
}

/**
 * `{ ours: {cold, warm, cached, uncached, phases}, reference: {...}, ratios: {cold, warm} }`:
 * lists of ms samples (phases: `{cold: [...], warm: [...]}` of milestone objects), and per
 * round the ratio ours / reference of that round's medians.
 */
export async function measureLoadAndPaging({ siteUrl, rounds, warmLoads, log }) {
  const kinds = ['ours', 'reference'];
  const samples = Object.fromEntries(kinds.map((k) => [k, { cold: [], warm: [], cached: [], uncached: [], cachedDom: [], uncachedDom: [], cachedMark: [], uncachedMark: [], phases: { cold: [], warm: [] } }]));
  const ratios = { cold: [], warm: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? [...kinds].reverse() : kinds;
    const thisRound = {};
    for (const kind of order) {
      const browser = await freshBrowser();
      try {
        const requests = watchRequests(browser.page);
        const url = `${siteUrl}/${singlePageName(kind, FIRST_CARDS_LEAD)}`;
        const s = samples[kind];
        const { coldLoad, warmLoads: warmRuns } = await coldAndWarm(browser.page, url, warmLoads);
        const cold = coldLoad.painted;
        const warm = warmRuns.map((load) => load.painted);
        s.cold.push(cold);
        s.warm.push(...warm);
        s.phases.cold.push({ ...coldLoad.phases, painted: cold });
        s.phases.warm.push(...warmRuns.map((load) => ({ ...load.phases, painted: load.painted })));
        thisRound[kind] = { cold, warm: median(warm) };
        const paging = await timePaging(browser.page, requests, `${siteUrl}/${singlePageName(kind, PAGING_LEAD)}`);
        s.cached.push(...paging.cached);
        s.uncached.push(...paging.uncached);
        s.cachedDom.push(...paging.cachedDom);
        s.uncachedDom.push(...paging.uncachedDom);
        s.cachedMark.push(...paging.cachedMark);
        s.uncachedMark.push(...paging.uncachedMark);
        log?.(`first cards ${kind} round ${round + 1}/${rounds}: cold ${s.cold.at(-1).toFixed(1)} ms, ` +
          `warm ${s.warm.slice(-warmLoads).map((v) => v.toFixed(1)).join('/')} ms, ` +
          `paging cached ${paging.cached.map((v) => v.toFixed(1)).join('/')} uncached ${paging.uncached.map((v) => v.toFixed(1)).join('/')}`);
      } finally {
        await browser.close();
      }
    }
    ratios.cold.push(thisRound.ours.cold / thisRound.reference.cold);
    ratios.warm.push(thisRound.ours.warm / thisRound.reference.warm);
  }
  return { ...samples, ratios };
}

/**
 * First cards only, cold and warm, for both elements against one API: `{ ours: {cold, warm},
 * reference: {...}, ratios: {cold, warm} }` like {@link measureLoadAndPaging}, without paging.
 */
export async function measureFirstCards({ siteUrl, rounds, warmLoads, log, label }) {
  const kinds = ['ours', 'reference'];
  const samples = Object.fromEntries(kinds.map((k) => [k, { cold: [], warm: [] }]));
  const ratios = { cold: [], warm: [] };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? [...kinds].reverse() : kinds;
    const thisRound = {};
    for (const kind of order) {
      const browser = await freshBrowser();
      try {
        const url = `${siteUrl}/${singlePageName(kind, FIRST_CARDS_LEAD)}`;
        const { coldLoad, warmLoads: warmRuns } = await coldAndWarm(browser.page, url, warmLoads);
        const warm = warmRuns.map((load) => load.painted);
        samples[kind].cold.push(coldLoad.painted);
        samples[kind].warm.push(...warm);
        thisRound[kind] = { cold: coldLoad.painted, warm: median(warm) };
        log?.(`first cards ${label} ${kind} round ${round + 1}/${rounds}: cold ${coldLoad.painted.toFixed(1)} ms, ` +
          `warm ${warm.map((v) => v.toFixed(1)).join('/')} ms`);
      } finally {
        await browser.close();
      }
    }
    ratios.cold.push(thisRound.ours.cold / thisRound.reference.cold);
    ratios.warm.push(thisRound.ours.warm / thisRound.reference.warm);
  }
  return { ...samples, ratios };
}
