// The reader's language: every word of the element in each built-in language, chosen from the
// locale attribute or the page's lang; the host's own wording; right to left; the compact
// density in a CRM sidebar; and the states that fit their cause.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { axeViolations } from './support/axe.mjs';
import { screenshot, startSession } from './support/session.mjs';
import { repoRoot } from './support/stack.mjs';
import { Widget, expectText } from './support/widget.mjs';

const lead = (id, attrs = '') => `<task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}></task-history>`;

/** A built-in catalog's templates, read from its source file. */
function catalog(code) {
  const source = readFileSync(path.join(repoRoot, 'src', 'i18n', 'lang', `${code}.rs`), 'utf8');
  return [...source.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

/** The English words of the catalog that the language `code` does not also use. */
function englishWords(code) {
  const words = (texts) => new Set(texts.flatMap((t) => t.replace(/\{\w+\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? []));
  const own = words(catalog(code));
  // Names that stay as they are in every language.
  const brands = new Set(['SMS', 'WhatsApp', 'Email']);
  return [...words(catalog('en'))].filter((w) => !own.has(w) && !brands.has(w) && !/^(one|other)$/.test(w));
}

/**
 * The element's own words: its shadow root's text and accessible names, without what the API
 * sent (titles, types it does not know, people).
 */
async function ownText(page) {
  return page.evaluate(() => {
    const root = document.getElementById('th').shadowRoot;
    const data = '[data-testid="task-title"], [data-testid="assignee-name"], [data-testid="details-by"], time';
    const parts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement?.closest(data) && node.parentElement?.localName !== 'style') parts.push(node.textContent);
    }
    for (const el of root.querySelectorAll('[aria-label]')) parts.push(el.getAttribute('aria-label'));
    return parts.join(' ').replace(/\s+/g, ' ');
  });
}

const LANGUAGES = [
  { code: 'hi', locale: 'hi-IN', dir: 'ltr' },
  { code: 'ar', locale: 'ar-EG', dir: 'rtl', digits: /[٠-٩]/ },
  { code: 'es', locale: 'es-ES', dir: 'ltr' },
  { code: 'fr', locale: 'fr-FR', dir: 'ltr' },
  { code: 'de', locale: 'de-DE', dir: 'ltr' },
  { code: 'pt', locale: 'pt-BR', dir: 'ltr' },
];

describe('every word in the reader\'s language', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  for (const { code, locale, dir, digits } of LANGUAGES) {
    it(`${locale}: no English left, no id or placeholder shown, numbers the locale's way`, async () => {
      const page = await session.open({ body: lead(20003, 'page-size="5"'), lang: locale });
      const widget = new Widget(page);
      await widget.waitForCards(5);
      await widget.shownPage().getByTestId('details-toggle').first().click();
      await widget.pageButton('next').click();
      await widget.waitForCards(5);
      await page.waitForFunction(() => document.getElementById('th').shadowRoot.querySelector('[data-testid="announcer"]').textContent.trim() !== '');
      const loaded = await ownText(page);
      await page.evaluate(() => {
        document.getElementById('th').leadId = 20099;
      });
      await widget.errorState().waitFor();
      const failed = await ownText(page);
      const root = await widget.root.evaluate((el) => {
        const base = el.shadowRoot.querySelector('[part="base"]');
        return { lang: base.lang, dir: base.dir };
      });
      assert.deepEqual(root, { lang: code, dir });
      for (const text of [loaded, failed]) {
        const left = englishWords(code).filter((word) => new RegExp(`\\b${word}\\b`).test(text));
        assert.deepEqual(left, [], `${locale}: English words left in "${text}"`);
        assert.doesNotMatch(text, /[{}]/, `${locale}: a placeholder shows`);
        assert.doesNotMatch(text, /\b(error|pages|status|type|details|announce|assignee|due)\.[a-z_]+/, `${locale}: a message id shows`);
      }
      if (digits) assert.match(loaded, digits, `${locale}: the locale's own digits`);
      assert.deepEqual(await axeViolations(page), [], locale);
    });
  }

  it('takes the language from the nearest lang, lets locale override it, and falls back to English', async () => {
    const page = await session.open({
      body: `<section lang="de-DE">${lead(20002)}</section>
        <section lang="de-DE"><task-history id="fr" lead-id="20002" proxy-base="/api" locale="fr-FR"></task-history></section>
        <task-history id="xx" lead-id="20002" proxy-base="/api" locale="xx-YY"></task-history>`,
    });
    for (const [id, heading] of [['th', 'Aufgaben'], ['fr', 'Tâches'], ['xx', 'Tasks']]) {
      const widget = new Widget(page, `#${id}`);
      await widget.waitForCards(8);
      await expectText(widget.root.locator('[part="heading"]'), heading);
    }
  });

  it('says what the host wrote in strings, for every language or one, and ignores what it cannot use', async () => {
    const page = await session.open({ body: lead(20003, 'page-size="5"'), lang: 'en-US' });
    const widget = new Widget(page);
    await widget.waitForCards(5);
    const requests = [];
    page.on('request', (r) => r.url().includes('/task?') && requests.push(r.url()));
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.evaluate(() => {
      document.getElementById('th').strings = {
        heading: 'Activities',
        count: { one: '{count} activity', other: '{count} activities' },
        'pages.status': 'Page {page} of {totl}',
        retry: 'Again {',
        nonsense: 'x',
        de: { heading: 'Aktivitäten' },
      };
    });
    await expectText(widget.root.locator('[part="heading"]'), 'Activities');
    await expectText(widget.totalCount(), '137 activities');
    await expectText(widget.pageStatus(), 'Page 1 of 28');
    assert.deepEqual(requests, [], 'wording costs no request');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /pages\.status: the message has no placeholder \{totl\}/);
    assert.match(warnings[0], /retry: a brace is not closed/);
    assert.match(warnings[0], /nonsense: no message has this id/);
    await page.evaluate(() => document.getElementById('th').setAttribute('locale', 'de-DE'));
    await expectText(widget.root.locator('[part="heading"]'), 'Aktivitäten');
    await expectText(widget.totalCount(), '137 activities');
    const text = await ownText(page);
    assert.doesNotMatch(text, /[{}]/);
  });

  it('strings set before the element is defined are used from the start', async () => {
    const page = await session.open({
      body: `${lead(20002)}<script>document.getElementById('th').strings = { heading: 'Follow-ups' };</script>`,
    });
    const widget = new Widget(page);
    await widget.waitForCards(8);
    await expectText(widget.root.locator('[part="heading"]'), 'Follow-ups');
  });
});

describe('right to left', () => {
  let session;
  before(async () => {
    session = await startSession({ locale: 'ar-EG' });
  });
  after(() => session.end());

  it('mirrors the stripe, the rail and the pager arrows, and isolates dates in the due line', async () => {
    const page = await session.open({ body: `<div style="width: 480px">${lead(20003, 'page-size="5"')}</div>`, lang: 'ar-EG', dir: 'rtl' });
    const widget = new Widget(page);
    await widget.waitForCards(5);
    const layout = await widget.root.evaluate((el) => {
      const root = el.shadowRoot;
      const card = root.querySelector('.task-history__page:not([hidden]) [data-testid="task-card"]');
      const marker = root.querySelector('.task-history__page:not([hidden]) [data-testid="marker"]');
      const style = getComputedStyle(card);
      const next = root.querySelector('[data-testid="page-next"]');
      const arrow = next.querySelector('.task-history__arrow');
      const label = next.querySelector('.task-history__page-label');
      return {
        right: parseFloat(style.borderRightWidth),
        left: parseFloat(style.borderLeftWidth),
        markerRightOfCard: marker.getBoundingClientRect().left >= card.getBoundingClientRect().right - 1,
        arrowMirrored: getComputedStyle(arrow).transform,
        arrowAfterLabel: arrow.getBoundingClientRect().right <= label.getBoundingClientRect().left + 1,
        dueIsolated: [...card.querySelectorAll('[part="due"] bdi')].length,
      };
    });
    assert.equal(layout.right, 4, 'the status stripe is on the inline start: the right');
    assert.equal(layout.left, 1);
    assert.ok(layout.markerRightOfCard, 'the rail runs along the right');
    assert.equal(layout.arrowMirrored, 'matrix(-1, 0, 0, 1, 0, 0)', 'arrows mirrored');
    assert.ok(layout.arrowAfterLabel, '"Next" reads right to left, its arrow at its end (the left)');
    assert.equal(layout.dueIsolated, 2, 'the date and the relative time are isolated');
    await screenshot(widget.root, 'rtl-arabic');
  });
});

describe('compact density in a CRM sidebar', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  const sidebar = (attrs) => `<aside id="side" style="width: 400px; height: 800px; overflow: auto; margin: 0">${lead(20003, attrs)}</aside>`;

  /** How many cards are whole inside the sidebar's 800 px. */
  const wholeCards = (page) => page.evaluate(() => {
    const side = document.getElementById('side').getBoundingClientRect();
    const cards = document.getElementById('th').shadowRoot.querySelectorAll('.task-history__page:not([hidden]) [data-testid="task-card"]');
    return [...cards].filter((c) => c.getBoundingClientRect().bottom <= side.bottom).length;
  });

  it('fits at least eight whole cards in 400 × 800 px, with targets of 24 px or more', async () => {
    const page = await session.open({ head: '<style>body { margin: 0 }</style>', body: sidebar('density="compact"') });
    await page.setViewportSize({ width: 1000, height: 900 });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    const compact = await wholeCards(page);
    assert.ok(compact >= 8, `${compact} whole cards`);
    const small = await widget.root.evaluate((el) =>
      [...el.shadowRoot.querySelectorAll('.task-history__page:not([hidden]) button, [part="header"] button, nav button')]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length);
    assert.equal(small, 0, 'every target is at least 24 × 24 px');
    await screenshot(widget.root, 'compact-sidebar');

    const comfortable = await session.open({ head: '<style>body { margin: 0 }</style>', body: sidebar('') });
    await new Widget(comfortable).waitForCards(20);
    assert.ok((await wholeCards(comfortable)) < compact, 'compact fits more than the default');
  });

  it('keeps the badge on the first line and every pager label whole at 360 px', async () => {
    for (const density of ['comfortable', 'compact']) {
      const page = await session.open({ body: `<div style="width: 360px">${lead(20003, `density="${density}"`)}</div>`, lang: 'de-DE' });
      const widget = new Widget(page);
      await widget.waitForCards(20);
      const fit = await widget.root.evaluate((el) => {
        const root = el.shadowRoot;
        const card = root.querySelector('.task-history__page:not([hidden]) [data-testid="task-card"]');
        const badge = card.querySelector('[data-testid="status-badge"]').getBoundingClientRect();
        const due = card.querySelector('[part="due"]').getBoundingClientRect();
        const buttons = [...root.querySelectorAll('nav button, [data-testid="page-status"]')].map((b) => b.getBoundingClientRect());
        const lineHeight = parseFloat(getComputedStyle(root.querySelector('nav button')).lineHeight) || 20;
        return {
          badgeAboveDue: badge.bottom <= due.top + 1,
          tallest: Math.max(...buttons.map((r) => r.height)),
          lineHeight,
          // Rows of the pager: a control that starts below the row so far starts a new one.
          rows: buttons
            .sort((a, b) => a.top - b.top)
            .reduce((row, r) => (r.top >= row.bottom - 1 ? { n: row.n + 1, bottom: r.bottom } : { n: row.n, bottom: Math.max(row.bottom, r.bottom) }), { n: 0, bottom: -Infinity }).n,
          nav: root.querySelector('nav').getBoundingClientRect().width,
        };
      });
      assert.ok(fit.badgeAboveDue, `${density}: the badge keeps to the first line`);
      assert.ok(fit.tallest < fit.lineHeight * 2, `${density}: no pager label breaks (${fit.tallest}px)`);
      assert.equal(fit.rows, 1, `${density}: the pager is one row`);
    }
  });
});

describe('states that fit their cause', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('waits quietly for a lead the CRM does not know yet, then loads it', async () => {
    const page = await session.open({ body: '<task-history id="th" proxy-base="/api"></task-history>' });
    const widget = new Widget(page);
    await expectText(widget.root.getByTestId('waiting'), 'Choose a lead to see its tasks.');
    assert.equal(await widget.errorState().count(), 0);
    const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-error'));
    assert.deepEqual(errors, [], 'no error event');
    await page.evaluate(() => {
      document.getElementById('th').leadId = 20002;
    });
    await widget.waitForCards(8);
    assert.equal(await widget.root.getByTestId('waiting').count(), 0);
  });

  it('heads each day as the day its tasks were created, and rings one bell at most per card', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    const headings = await widget.shownPage().locator('[part="day-heading"]').allTextContents();
    assert.ok(headings.length > 0 && headings.every((h) => h.startsWith('Created ')), headings.join(' | '));
    const bells = await widget.cards().evaluateAll((cards) =>
      cards.map((card) => card.closest('li').querySelectorAll('svg.task-history__icon').length));
    assert.ok(bells.every((n) => n <= 1), `bells per card: ${bells}`);
    assert.ok(bells.some((n) => n === 1), 'reminders still show their bell');
  });
});

describe('a wait the service asked for', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('counts a 429 wait down on screen', async () => {
    await session.stack.restoreFaults();
    const page = await session.open({ body: lead(50006), frozen: false });
    const widget = new Widget(page);
    await widget.errorState().waitFor();
    const seconds = async () => Number((await widget.errorMessage().textContent()).match(/(\d+) seconds?/)[1]);
    const first = await seconds();
    await page.waitForTimeout(2200);
    const later = await seconds();
    assert.ok(later <= first - 2 && later >= first - 3, `${first} → ${later}`);
  });
});
