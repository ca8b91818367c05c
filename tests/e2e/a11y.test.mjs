// Accessibility: axe-core finds nothing in each state; keyboard focus order and visible focus.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations } from './support/axe.mjs';
import { startSession } from './support/session.mjs';
import { Widget } from './support/widget.mjs';

const lead = (id, attrs = '') => `<main><h1>Lead</h1><task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}></task-history></main>`;

describe('axe-core finds no violations', () => {
  let session;
  before(async () => {
    session = await startSession({ stack: { slowMs: 5000 } });
  });
  after(() => session.end());

  const states = [
    { name: 'loaded', body: lead(20005, 'page-size="6"'), ready: (w) => w.waitForCards(6) },
    { name: 'loading', body: lead(50001), ready: (w) => w.root.getByTestId('skeleton').waitFor() },
    { name: 'empty', body: lead(20001), ready: (w) => w.emptyState().waitFor() },
    { name: 'error', body: lead(50002), ready: (w) => w.errorState().waitFor() },
    { name: 'dark', body: lead(20005, 'theme="dark" page-size="6"'), ready: (w) => w.waitForCards(6) },
    { name: 'hostile', body: lead(20006, 'theme="dark"'), ready: (w) => w.waitForCards(20) },
    { name: 'compact', body: lead(20005, 'density="compact" page-size="8"'), ready: (w) => w.waitForCards(8) },
    { name: 'compact dark', body: lead(20005, 'density="compact" theme="dark" page-size="8"'), ready: (w) => w.waitForCards(8) },
    { name: 'not found', body: lead(20099), ready: (w) => w.errorState().waitFor() },
    { name: 'rate limited', body: lead(50006), ready: (w) => w.errorState().waitFor() },
    { name: 'waiting for a lead', body: '<main><h1>Lead</h1><task-history id="th" proxy-base="/api"></task-history></main>', ready: (w) => w.root.getByTestId('waiting').waitFor() },
    { name: 'Arabic, right to left', body: lead(20005, 'locale="ar-EG" page-size="6"'), ready: (w) => w.waitForCards(6) },
    { name: 'Hindi', body: lead(20005, 'locale="hi-IN" page-size="6"'), ready: (w) => w.waitForCards(6) },
  ];
  for (const { name, body, ready } of states) {
    it(`in the ${name} state`, async () => {
      const page = await session.open({ body });
      await ready(new Widget(page));
      assert.deepEqual(await axeViolations(page), []);
    });
  }
});

describe('pages kept hidden after paging', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('stay out of the accessibility tree and pass axe', async () => {
    const page = await session.open({ body: lead(20005, 'page-size="6"') });
    const widget = new Widget(page);
    await widget.waitForCards(6);
    await widget.pageButton('next').click();
    await widget.assertOnPage(2, 4);
    await widget.waitIdle();
    // Page 1 is kept, page 3 is rendered ahead once the browser is idle: both hidden.
    const pages = () => page.evaluate(() => [...document.getElementById('th').shadowRoot
      .querySelectorAll('.task-history__page')].map((p) => p.hidden));
    const deadline = Date.now() + 5000;
    while ((await pages()).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual((await pages()).sort(), [false, true, true]);

    // Chromium's own accessibility tree, not a test library's idea of it.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const shown = nodes.filter((n) => !n.ignored);
    assert.equal(shown.filter((n) => n.role?.value === 'article').length, 6, 'only the page on screen');
    const level = (n) => n.properties?.find((p) => p.name === 'level')?.value.value;
    assert.equal(shown.filter((n) => n.role?.value === 'heading' && level(n) === 4).length, 6, 'one title per card shown');
    assert.deepEqual(await axeViolations(page), []);
  });
});

describe('keyboard focus', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('moves in reading order and is always visible', async () => {
    const page = await session.open({ body: `<button id="before">before</button>${lead(20003, 'page-size="2"')}<button id="after">after</button>` });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    await widget.pageButton('next').click();
    await widget.assertOnPage(2, 69);
    await page.focus('#before');
    const order = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const step = await page.evaluate(() => {
        const host = document.activeElement;
        const el = host?.shadowRoot?.activeElement ?? host;
        const style = getComputedStyle(el);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        const name = el.dataset?.testid ?? el.id ?? el.tagName;
        return { name: name || el.tagName.toLowerCase(), visible, focusVisible: el.matches(':focus-visible') };
      });
      order.push(step);
      if (step.name === 'after') break;
    }
    const names = order.map((s) => s.name);
    assert.deepEqual(names, ['refresh', 'task-select', 'details-toggle', 'task-select', 'details-toggle', 'page-first', 'page-previous', 'page-next', 'page-last', 'after']);
    for (const step of order.slice(0, -1)) {
      assert.ok(step.focusVisible && step.visible, `visible focus on ${step.name}`);
    }
  });
});
