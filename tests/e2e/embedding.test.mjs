// What an embedding developer meets: attribute changes, JS creation, removal and re-adding, many
// elements per page, an aggressive host stylesheet, and a strict Content-Security-Policy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSession } from './support/session.mjs';
import { Widget, expectCount, expectText } from './support/widget.mjs';

const lead = (id, attrs = '') => `<task-history id="th" lead-id="${id}" proxy-base="/api" ${attrs}></task-history>`;

describe('embedding', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('a new lead-id starts again at page 1', async () => {
    const page = await session.open({ body: lead(20003) });
    const widget = new Widget(page);
    await widget.waitForCards(20);
    await page.evaluate(() => document.getElementById('th').goToPage(3));
    await widget.assertOnPage(3, 7);
    await page.evaluate(() => document.getElementById('th').setAttribute('lead-id', '20004'));
    await widget.assertOnPage(1, 500);
    await page.evaluate(() => {
      document.getElementById('th').leadId = 20003;
    });
    await widget.assertOnPage(1, 7);
    const loads = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-load'));
    assert.deepEqual(loads.at(-1).detail, { leadId: 20003, page: 1, totalPages: 7, totalItems: 137 });
  });

  it('works when created from JavaScript, properties first', async () => {
    const page = await session.open({ body: '<main id="slot"></main>' });
    await page.evaluate(() => {
      const el = document.createElement('task-history');
      el.id = 'th';
      el.leadId = 12345;
      el.proxyBase = '/api';
      document.getElementById('slot').append(el);
    });
    await new Widget(page).waitForCards(2);
  });

  it('picks up properties set before the element was defined', async () => {
    // No module script in <head>: the element is upgraded only when the shim loads afterwards.
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>late</title></head>
      <body><task-history id="th"></task-history><script type="module" src="/late.js"></script></body></html>`;
    const late = `const el = document.getElementById('th');
      el.leadId = 12345; el.proxyBase = '/api';
      await import('/task-history.js');`;
    const page = await session.open({ html, files: { '/late.js': { type: 'text/javascript', body: late } } });
    await new Widget(page).waitForCards(2);
  });

  it('removing the element aborts its request and stops it; re-adding shows it again', async () => {
    const page = await session.open({ body: lead(12345) });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    await page.route(/lead\/20003\/task/, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue().catch(() => {});
    });
    const failed = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.evaluate(() => {
      const el = document.getElementById('th');
      el.setAttribute('lead-id', '20003');
      window.__removed = el;
      setTimeout(() => el.remove(), 100);
    });
    await page.waitForTimeout(1200);
    assert.ok(failed.some((url) => url.includes('/lead/20003/task')), 'the in-flight request was aborted');
    const eventsAfterRemoval = await page.evaluate(() =>
      window.__events.filter((e) => e.type !== 'task-history-page-change' && e.detail.leadId === 20003),
    );
    assert.deepEqual(eventsAfterRemoval, [], 'a removed element fires nothing');
    await page.unroute(/lead\/20003\/task/);
    await page.evaluate(() => document.body.append(window.__removed));
    await widget.waitForCards(20);
    await widget.assertOnPage(1, 7);
  });

  it('runs two elements side by side with their own state', async () => {
    const body = `<task-history id="a" lead-id="12345" proxy-base="/api"></task-history>
      <task-history id="b" lead-id="20003" proxy-base="/api"></task-history>`;
    const page = await session.open({ body });
    const a = new Widget(page, '#a');
    const b = new Widget(page, '#b');
    await a.waitForCards(2);
    await b.waitForCards(20);
    await b.pageButton('next').click();
    await b.assertOnPage(2, 7);
    assert.equal(await a.cards().count(), 2);
  });

  it('fifty elements share one wasm download, and each shows its lead', async () => {
    const leads = [12345, 20002, 20003, 20005, 20001];
    const body = Array.from({ length: 50 }, (_, i) =>
      `<task-history id="el${i}" lead-id="${leads[i % leads.length]}" proxy-base="/api" page-size="3"></task-history>`,
    ).join('\n');
    const wasm = [];
    const host = await session.open({
      body,
      beforeGoto: (p) => p.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url())),
    });
    for (const i of [0, 1, 2, 3, 49]) {
      const widget = new Widget(host, `#el${i}`);
      await widget.root.scrollIntoViewIfNeeded();
      if (leads[i % leads.length] === 20001) await widget.emptyState().waitFor();
      else await widget.cards().first().waitFor();
    }
    assert.equal(wasm.length, 1, `one wasm fetch for fifty elements, saw ${wasm.length}`);
    const handles = await host.evaluate(() => document.querySelectorAll('task-history').length);
    assert.equal(handles, 50);
  });
});

describe('isolation from the host page', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  const aggressive = `<style>
    * { color: rgb(255, 0, 0) !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 3px !important; }
    body { font-size: 30px !important; line-height: 3 !important; direction: ltr; }
    h2, h3, h4, p, button, li, ol, section, article, nav, span, div { margin: 40px !important; padding: 40px !important; border: 5px dashed lime !important; display: inline !important; }
    button { background: yellow !important; }
    .task-card, .task-history, [part] { display: none !important; }
  </style>`;

  it('an aggressive CRM stylesheet does not restyle the widget', async () => {
    const plain = await session.open({ body: lead(12345, 'theme="light"') });
    const reference = new Widget(plain);
    await reference.waitForCards(2);
    const styleOf = (widget) =>
      widget.cards().first().evaluate((card) => {
        const title = card.querySelector('[data-testid="task-title"]');
        const s = getComputedStyle(title);
        const c = getComputedStyle(card);
        return { color: s.color, font: s.fontFamily, spacing: s.letterSpacing, margin: c.margin, display: c.display, border: c.borderTopStyle };
      });
    const expected = await styleOf(reference);
    const page = await session.open({ body: lead(12345, 'theme="light"'), head: aggressive });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    assert.deepEqual(await styleOf(widget), expected);
    assert.equal(await widget.cards().first().isVisible(), true);
  });

  it('the widget does not restyle the host page', async () => {
    const body = `<h2 id="page-heading">CRM heading</h2><button id="page-button">Save</button>
      <article class="task-card" id="page-card">host card</article>${lead(12345)}`;
    const page = await session.open({ body });
    const snapshot = () =>
      page.evaluate(() => ({
        styles: ['page-heading', 'page-button', 'page-card'].map((id) => {
          const s = getComputedStyle(document.getElementById(id));
          return [s.color, s.fontFamily, s.fontSize, s.margin, s.padding, s.backgroundColor, s.display].join('|');
        }),
        head: document.head.innerHTML,
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
      }));
    const before = await snapshot();
    await new Widget(page).waitForCards(2);
    assert.deepEqual(await snapshot(), before);
  });
});

describe('strict Content-Security-Policy', () => {
  it('works with no inline script and only wasm-unsafe-eval', async () => {
    const session = await startSession();
    try {
      const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
      const page = await session.open({ body: lead(20003), csp });
      const violations = [];
      page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
      const widget = new Widget(page);
      await widget.waitForCards(20);
      await widget.pageButton('next').click();
      await widget.assertOnPage(2, 7);
      await expectCount(widget.cards(), 20);
      await expectText(widget.totalCount(), '137');
      assert.deepEqual(violations, []);
    } finally {
      await session.end();
    }
  });
});
