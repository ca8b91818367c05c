// Loading, empty, hostile and error states, and recovery, against the real mock's fault leads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot, startSession } from './support/session.mjs';
import { Widget, expectCount, expectText } from './support/widget.mjs';

const lead = (id, attrs = '') => `<task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}></task-history>`;

describe('states', () => {
  let session;
  before(async () => {
    session = await startSession({ stack: { slowMs: 1500 } });
  });
  after(() => session.end());

  it('shows the empty state for a lead without tasks', async () => {
    const page = await session.open({ body: lead(20001) });
    const widget = new Widget(page);
    await widget.emptyState().waitFor();
    await expectText(widget.emptyState(), 'No tasks');
    assert.equal(await widget.cards().count(), 0);
    assert.equal(await widget.root.getByRole('navigation').isVisible(), false);
  });

  it('shows a skeleton only while a slow answer is awaited, then the cards', async () => {
    const page = await session.open({ body: lead(50001) });
    const widget = new Widget(page);
    await widget.root.getByTestId('skeleton').waitFor({ timeout: 1400 });
    await widget.waitForCards(5);
    assert.equal(await widget.root.getByTestId('skeleton').count(), 0);
  });

  it('shows no skeleton when the answer is quick', async () => {
    const page = await session.open({ body: lead(12345) });
    const widget = new Widget(page);
    let sawSkeleton = false;
    const deadline = Date.now() + 1000;
    while (Date.now() < deadline && !sawSkeleton) {
      sawSkeleton = (await widget.root.getByTestId('skeleton').count()) > 0;
      if ((await widget.cards().count()) === 2) break;
    }
    await widget.waitForCards(2);
    assert.equal(sawSkeleton, false);
  });

  it('renders hostile content as text, runs none of it, and lays it out', async () => {
    const page = await session.open({ body: `<div style="width: 480px">${lead(20006)}</div>` });
    const dialogs = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    const titles = await widget.titles();
    assert.ok(titles.includes("<script>alert('xss')</script>"), 'a script tag is shown as text');
    assert.ok(titles.includes('<img src=x onerror="alert(1)">Pricing'));
    assert.ok(titles.some((t) => t.includes('مكالمة متابعة')), 'RTL text');
    assert.ok(titles.some((t) => t.includes('🎉')), 'emoji');
    // A null title falls back to the type label; an unknown type is humanised.
    assert.ok(titles.includes('Follow-up call'));
    const labels = await widget.shownPage().getByTestId('type-label').allTextContents();
    assert.ok(labels.some((l) => /site visit v2/i.test(l)), `unknown type humanised: ${labels}`);
    const injected = await widget.root.evaluate((el) => el.shadowRoot.querySelectorAll('script, img, svg[onload], b, i').length);
    assert.equal(injected, 0, 'no element was created from a title');
    assert.deepEqual(dialogs, [], 'no script ran');
    // Long words wrap inside the card instead of widening it.
    const overflow = await widget.cards().evaluateAll((cards) =>
      cards.filter((card) => card.scrollWidth > card.clientWidth + 1).length,
    );
    assert.equal(overflow, 0, 'no card overflows horizontally');
    const width = await widget.root.evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width <= 480, `the element stays in its container (${width}px)`);
    const rtlTitle = widget.shownPage().getByTestId('task-title').filter({ hasText: 'مكالمة متابعة' });
    assert.equal(await rtlTitle.evaluate((el) => el.matches(':dir(rtl)')), true, 'RTL titles read right to left');
  });

  it('says a lead was not found in words for people, offers no Retry, and gives the API\'s words to the host', async () => {
    const page = await session.open({ body: lead(20099) });
    const widget = new Widget(page);
    await expectText(widget.errorMessage(), 'This lead could not be found.');
    assert.equal(await widget.root.evaluate((el) => el.shadowRoot.querySelectorAll('[data-testid="retry"]').length), 0, 'no Retry');
    const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-error'));
    assert.deepEqual(errors.at(-1).detail, { status: 404, code: 'error.not_found', message: 'This lead could not be found.', cause: 'Lead not found' });
  });

  it('refuses an invalid lead-id or proxy-base without sending a request', async () => {
    for (const attrs of ['lead-id="12a" proxy-base="/api"', 'lead-id="12345" proxy-base="javascript:alert(1)"']) {
      const before = await session.stack.mockRequestCount();
      const page = await session.open({ body: `<task-history id="th" ${attrs}></task-history>` });
      const widget = new Widget(page);
      await widget.errorState().waitFor();
      const requests = [];
      page.on('request', (r) => r.url().includes('/enterprise/') && requests.push(r.url()));
      await page.waitForTimeout(300);
      assert.deepEqual(requests, []);
      assert.equal(await session.stack.mockRequestCount(), before, attrs);
      assert.notEqual((await widget.errorMessage().textContent()).trim(), '');
    }
  });
});

describe('fault leads', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  const faults = [
    { id: 50002, status: 502, cause: /HTTP 500/ },
    { id: 50003, status: 502, cause: /HTTP 502/ },
    { id: 50004, status: 502, cause: /could not be read|invalid|malformed/i },
    { id: 50005, status: 502, cause: /cut off|ended early|incomplete|dropped/i },
    { id: 50006, status: 429, cause: /30 seconds/ },
  ];

  it('each fault shows its own message, and Retry recovers once the fault clears', async () => {
    const seen = new Map();
    for (const { id, status, cause } of faults) {
      await session.stack.restoreFaults();
      const page = await session.open({ body: lead(id) });
      const widget = new Widget(page);
      await widget.errorState().waitFor();
      const message = (await widget.errorMessage().textContent()).trim();
      assert.ok(message && !/HTTP|\d{3}/.test(message), `lead ${id}: a message for people, not a status: ${message}`);
      const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-error'));
      const { detail } = errors.at(-1);
      assert.equal(detail.status, status, `lead ${id} status`);
      assert.equal(detail.message, message, `lead ${id}: the event carries the message shown`);
      assert.match(detail.cause, cause, `lead ${id}: the event says what went wrong`);
      seen.set(id, detail.cause);
      if (id === 50002) await screenshot(widget.root, 'error');

      await session.stack.clearFaults();
      await widget.button('Retry').click();
      await widget.waitForCards(5);
      assert.equal(await widget.errorState().count(), 0);
      await page.close();
    }
    assert.equal(new Set(seen.values()).size, faults.length, 'every fault has its own cause');
  });

  it('keeps the last good page on screen while a refresh fails', async () => {
    await session.stack.clearFaults();
    const page = await session.open({ body: lead(50002) });
    const widget = new Widget(page);
    await widget.waitForCards(5);
    await session.stack.restoreFaults();
    await widget.button('Refresh tasks').click();
    await widget.errorState().waitFor();
    await expectCount(widget.cards(), 5);
  });
});

describe('network trouble', () => {
  it('names a proxy timeout, and an offline browser, and recovers from both', async () => {
    const session = await startSession({ stack: { slowMs: 3000, proxyArgs: ['--timeout-ms', '800'] } });
    try {
      const page = await session.open({ body: lead(50001) });
      const widget = new Widget(page);
      await expectText(widget.errorMessage(), 'took too long', 8000);
      const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-error'));
      assert.equal(errors.at(-1).detail.status, 504);

      await page.evaluate(() => document.getElementById('th').setAttribute('lead-id', '12345'));
      await widget.waitForCards(2);
      await session.context.setOffline(true);
      await page.evaluate(() => document.getElementById('th').refresh());
      await expectText(widget.errorMessage(), 'offline');
      await expectCount(widget.cards(), 2); // The last good page stays.
      await session.context.setOffline(false);
      await widget.button('Retry').click().catch(() => {}); // It may already have retried by itself.
      await widget.errorState().waitFor({ state: 'detached' });
      await expectCount(widget.cards(), 2);
    } finally {
      await session.end();
    }
  });
});
