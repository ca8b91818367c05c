// Paging a multi-page lead: by keyboard only, rapid clicking, the 10,000-task lead's far end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSession } from './support/session.mjs';
import { Widget, expectText } from './support/widget.mjs';

const lead = (id, attrs = '') => `<task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}></task-history>`;

/** The titles of one page, straight from the proxy, to compare with what is on screen. */
async function apiTitles(stack, leadId, page, pageSize = 20) {
  const url = `${stack.proxyUrl}/api/enterprise/api/lead/${leadId}/task?page=${page}&page_size=${pageSize}`;
  const body = await (await fetch(url)).json();
  return body.data.rows.map((row) => row.title ?? null);
}

async function assertShowsPage(widget, stack, leadId, page, totalPages) {
  await widget.assertOnPage(page, totalPages);
  await widget.waitIdle();
  assert.deepEqual(await widget.titles(), await apiTitles(stack, leadId, page), `cards of page ${page}`);
}

describe('paging a multi-page lead', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('pages forward, back, last and first by keyboard only', async () => {
    const page = await session.open({ body: `<button id="before">before</button>${lead(20003)}` });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    await assertShowsPage(widget, session.stack, 20003, 1, 7);
    assert.equal(await widget.pageButton('first').isDisabled(), true);
    assert.equal(await widget.pageButton('previous').isDisabled(), true);

    // Reach "Next" with Tab alone, from the button before the element.
    await page.focus('#before');
    let focused = '';
    for (let i = 0; i < 80 && focused !== 'page-next'; i++) {
      await page.keyboard.press('Tab');
      focused = await widget.root.evaluate((el) => el.shadowRoot.activeElement?.dataset.testid ?? '');
    }
    assert.equal(focused, 'page-next', 'Next is reachable with Tab');
    await page.keyboard.press('Enter');
    await assertShowsPage(widget, session.stack, 20003, 2, 7);
    await page.keyboard.press('Space');
    await assertShowsPage(widget, session.stack, 20003, 3, 7);

    await page.keyboard.press('Shift+Tab'); // Page status is not focusable: back to Previous.
    await page.keyboard.press('Enter');
    await assertShowsPage(widget, session.stack, 20003, 2, 7);

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // Next, then Last.
    await page.keyboard.press('Enter');
    await assertShowsPage(widget, session.stack, 20003, 7, 7);
    assert.equal((await widget.cards().count()), 17);

    await widget.pageButton('first').focus();
    await page.keyboard.press('Enter');
    await assertShowsPage(widget, session.stack, 20003, 1, 7);
    const announced = await widget.announcer().textContent();
    assert.match(announced, /Page 1 of 7/);
  });

  it('marks the current page and announces page changes', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    const nav = widget.root.getByRole('navigation', { name: 'Task pages' });
    assert.equal(await nav.count(), 1);
    await widget.pageButton('next').click();
    await expectText(widget.announcer(), 'Page 2 of 7, tasks 21 to 40 of 137');
    assert.equal(await widget.pageStatus().getAttribute('aria-current'), 'page');
    const changes = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-page-change'));
    assert.deepEqual(changes.map((e) => e.detail.page), [2]);
  });

  it('never settles on a page other than the last one selected, however fast the clicks', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    const next = widget.pageButton('next');
    // 1 → 6 → 5 → 6, each click before the previous page could arrive.
    for (let i = 0; i < 5; i++) await next.click({ delay: 0 });
    await widget.pageButton('previous').click({ delay: 0 });
    await next.click({ delay: 0 });
    await assertShowsPage(widget, session.stack, 20003, 6, 7);
    // Late responses must not move it afterwards.
    await page.waitForTimeout(500);
    await assertShowsPage(widget, session.stack, 20003, 6, 7);
  });

  it('a slow earlier page never replaces a newer one', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    // Hold page 4 back for a second (page 2 may be prefetched already; 4 never is).
    await page.route(/page=4&/, async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue().catch(() => {}); // The element may have aborted it already.
    });
    const aborted = [];
    page.on('requestfailed', (request) => aborted.push(request.url()));
    await page.evaluate(() => document.getElementById('th').goToPage(4));
    await page.waitForTimeout(100);
    await page.evaluate(() => document.getElementById('th').goToPage(5));
    await assertShowsPage(widget, session.stack, 20003, 5, 7);
    await page.waitForTimeout(1500);
    await assertShowsPage(widget, session.stack, 20003, 5, 7);
    assert.ok(aborted.some((url) => url.includes('page=4&')), 'the superseded request was aborted');
  });

  it('goToPage jumps straight to a page and clamps past the end', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    await page.evaluate(() => document.getElementById('th').goToPage(4));
    await assertShowsPage(widget, session.stack, 20003, 4, 7);
    await page.evaluate(() => document.getElementById('th').goToPage(99));
    await assertShowsPage(widget, session.stack, 20003, 7, 7);
  });

  it('reaches the last page of the 10,000-task lead and comes back', async () => {
    const page = await session.open({ body: lead(20004) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    await expectText(widget.totalCount(), '10,000');
    await widget.pageButton('last').click();
    await assertShowsPage(widget, session.stack, 20004, 500, 500);
    await widget.pageButton('first').click();
    await assertShowsPage(widget, session.stack, 20004, 1, 500);
  });

  it('honours page-size', async () => {
    const page = await session.open({ body: lead(20003, 'page-size="5"') });
    const widget = new Widget(page);
    await widget.waitForCards(5);
    await widget.assertOnPage(1, 28);
    assert.deepEqual(await widget.titles(), await apiTitles(session.stack, 20003, 1, 5));
  });
});
