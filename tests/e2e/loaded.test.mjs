// First load, locales, time zones, theming and dark mode, as a sales person and an embedding
// developer meet them in Debian's Chromium against the real proxy and mock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { screenshot, startSession } from './support/session.mjs';
import { Widget, expectText } from './support/widget.mjs';

const seedLead = (attrs = '') => `<task-history id="th" lead-id="12345" proxy-base="/api" ${attrs}></task-history>`;

describe('first load of the seed lead', () => {
  let session;
  before(async () => {
    session = await startSession({ locale: 'en-US', timezoneId: 'UTC' });
  });
  after(() => session.end());

  it('shows the seed page\'s two tasks with their badges, dates, reminder and assignee', async () => {
    const page = await session.open({ body: seedLead() });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    assert.deepEqual(await widget.titles(), ['Follow up on pricing', 'Initial intro call']);
    // "Now" is frozen at 2026-06-01: the pending task was due on May 20, so it is overdue.
    assert.deepEqual((await widget.badges()).map((b) => b.trim()), ['! Overdue', '✓ Completed']);
    assert.deepEqual(await widget.shownPage().getByTestId('type-label').allTextContents(), ['Follow-up call', 'First call']);
    await expectText(widget.totalCount(), '2 tasks');
    const first = widget.cards().first();
    await expectText(first, 'May 20, 2026, 3:00 PM');
    // Twelve days before the frozen now: a past-tense hint ("last week" / "12 days ago").
    assert.match(await first.getByTestId('due-relative').textContent(), /ago|last/);
    await expectText(first.getByTestId('reminder'), 'May 20, 2026, 2:50 PM');
    await expectText(first.getByTestId('assignee'), '678');
    const days = await widget.shownPage().getByTestId('day-group').getByRole('heading', { level: 3 }).allTextContents();
    assert.deepEqual(days, ['Created Tuesday, May 19, 2026', 'Created Thursday, May 14, 2026']);
    await screenshot(widget.root, 'loaded');
  });

  it('reveals created and updated times on demand', async () => {
    const page = await session.open({ body: seedLead() });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const details = widget.cards().nth(1).getByText('Details');
    const updated = widget.cards().nth(1).getByText('May 15, 2026, 10:30 AM');
    assert.equal(await updated.isVisible(), false, 'hidden until asked for');
    await details.click();
    // Formatted when opened, so wait for it rather than sampling once.
    await updated.waitFor({ state: 'visible', timeout: 2000 });
  });

  it('fires task-history-load with the lead, page and totals', async () => {
    const page = await session.open({ body: seedLead() });
    await new Widget(page).waitForCards(2);
    const loads = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-load'));
    assert.deepEqual(loads[0], {
      type: 'task-history-load',
      id: 'th',
      detail: { leadId: 12345, page: 1, totalPages: 1, totalItems: 2 },
    });
  });
});

describe('locales and time zones', () => {
  const cases = [
    { locale: 'en-US', timezoneId: 'America/New_York', due: 'May 20, 2026, 11:00 AM', day: 'Tuesday, May 19, 2026' },
    { locale: 'en-IN', timezoneId: 'Asia/Kolkata', due: '20 May 2026, 8:30 pm', day: 'Tuesday, 19 May 2026' },
    { locale: 'hi-IN', timezoneId: 'Asia/Kolkata', due: '20 मई 2026', day: 'मंगलवार' },
    { locale: 'ar', timezoneId: 'UTC', due: '3:00 م', day: 'الثلاثاء', dir: 'rtl' },
  ];
  for (const { locale, timezoneId, due, day, dir } of cases) {
    it(`formats dates for ${locale} in ${timezoneId}`, async () => {
      const session = await startSession({ locale, timezoneId });
      try {
        const page = await session.open({ body: seedLead(), lang: locale, dir });
        const widget = new Widget(page);
        await widget.waitForCards(2);
        await expectText(widget.cards().first(), due);
        await expectText(widget.shownPage().getByTestId('day-group').first().getByRole('heading', { level: 3 }), day);
      } finally {
        await session.end();
      }
    });
  }

  it('follows the locale and time-zone attributes over the page and browser', async () => {
    const session = await startSession({ locale: 'en-US', timezoneId: 'UTC' });
    try {
      const page = await session.open({ body: seedLead('locale="en-GB" time-zone="Asia/Kolkata"') });
      const widget = new Widget(page);
      await widget.waitForCards(2);
      await expectText(widget.cards().first(), '20 May 2026');
      await expectText(widget.cards().first(), '20:30');
      await page.evaluate(() => {
        document.getElementById('th').timeZone = 'Pacific/Auckland';
      });
      // 15:00 UTC on May 20 is 03:00 on May 21 in Auckland.
      await expectText(widget.cards().first(), '21 May 2026');
    } finally {
      await session.end();
    }
  });

  it('lays out right to left in an Arabic page', async () => {
    const session = await startSession({ locale: 'ar', timezoneId: 'UTC' });
    try {
      const page = await session.open({ body: seedLead(), lang: 'ar', dir: 'rtl' });
      const widget = new Widget(page);
      await widget.waitForCards(2);
      const direction = await widget.cards().first().evaluate((el) => getComputedStyle(el).direction);
      assert.equal(direction, 'rtl');
    } finally {
      await session.end();
    }
  });
});

describe('themes', () => {
  let session;
  before(async () => {
    session = await startSession({ colorScheme: 'light' });
  });
  after(() => session.end());

  const background = (locator) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);

  it('switches to dark with the theme attribute and back', async () => {
    const page = await session.open({ body: seedLead('theme="dark"') });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const base = widget.root.locator('[part="base"]');
    const dark = await background(base);
    await screenshot(widget.root, 'dark');
    await page.evaluate(() => document.getElementById('th').setAttribute('theme', 'light'));
    await page.waitForFunction((before) => {
      const el = document.getElementById('th').shadowRoot.querySelector('[part="base"]');
      return getComputedStyle(el).backgroundColor !== before;
    }, dark);
    const light = await background(base);
    assert.notEqual(dark, light);
    assert.equal(light, 'rgb(255, 255, 255)');
  });

  it('follows prefers-color-scheme when the theme is auto', async () => {
    const page = await session.open({ body: seedLead() });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    const base = widget.root.locator('[part="base"]');
    const light = await background(base);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction((before) => {
      const el = document.getElementById('th').shadowRoot.querySelector('[part="base"]');
      return getComputedStyle(el).backgroundColor !== before;
    }, light);
    assert.notEqual(await background(base), light);
  });

  it('is themed by --task-history-* custom properties and ::part()', async () => {
    const head = `<style>
      task-history { --task-history-bg: rgb(1, 2, 3); --task-history-font-family: monospace; }
      task-history::part(badge) { outline: 3px solid rgb(200, 0, 100); }
      task-history::part(heading) { text-transform: uppercase; }
    </style>`;
    const page = await session.open({ body: seedLead('theme="light"'), head });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    assert.equal(await background(widget.root.locator('[part="base"]')), 'rgb(1, 2, 3)');
    const badge = widget.shownPage().getByTestId('status-badge').first();
    assert.equal(await badge.evaluate((el) => getComputedStyle(el).outlineColor), 'rgb(200, 0, 100)');
    const heading = widget.root.getByRole('heading', { name: 'Tasks' });
    assert.equal(await heading.evaluate((el) => getComputedStyle(el).textTransform), 'uppercase');
    const font = await widget.cards().first().evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /monospace/);
  });
});
