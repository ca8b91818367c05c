// Failing loudly: a page enforcing Trusted Types, with and without the element's policy allowed,
// and a WebAssembly trap, which must leave every element on the page saying so, not blank.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSession } from './support/session.mjs';
import { Widget, expectText } from './support/widget.mjs';

const lead = (id, elementId = 'th') => `<task-history id="${elementId}" lead-id="${id}" proxy-base="/api"></task-history>`;
const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'";

/** The console errors of a page, collected from the start. */
function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('Trusted Types', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('works where the page allows the task-history policy', async () => {
    let errors = [];
    const page = await session.open({
      body: lead(12345),
      csp: `${STRICT}; require-trusted-types-for 'script'; trusted-types task-history`,
      beforeGoto: (p) => {
        errors = consoleErrors(p);
      },
    });
    const widget = new Widget(page);
    await widget.waitForCards(2);
    await widget.shownPage().getByTestId('details-toggle').first().click();
    assert.deepEqual(errors, []);
  });

  it('says why where the page allows no policy, and fires its error', async () => {
    let errors = [];
    const page = await session.open({
      body: lead(12345),
      csp: `${STRICT}; require-trusted-types-for 'script'; trusted-types 'none'`,
      beforeGoto: (p) => {
        errors = consoleErrors(p);
      },
    });
    const widget = new Widget(page);
    await expectText(widget.errorState(), "blocked by this page's security policy");
    const events = await page.evaluate(() => window.__events.filter((e) => e.type === 'task-history-error').map((e) => e.detail.code));
    assert.deepEqual(events, ['load.failed']);
    assert.ok(errors.some((e) => e.includes('"task-history"') && e.includes('trusted-types')), errors.join('\n'));
  });
});

describe('a WebAssembly trap', () => {
  let session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.end());

  it('leaves every element on the page saying it stopped, with an error event each', async () => {
    const page = await session.open({
      body: `${lead(12345, 'one')}${lead(20002, 'two')}`,
      beforeGoto: (p) =>
        p.addInitScript(() => {
          // The test's way into the module: keep its instance when the loader instantiates it.
          const instantiate = WebAssembly.instantiate;
          WebAssembly.instantiate = async function (...args) {
            const result = await instantiate.apply(this, args);
            window.__instance = result instanceof WebAssembly.Instance ? result : result.instance;
            return result;
          };
        }),
    });
    await new Widget(page, '#one').waitForCards(2);
    await new Widget(page, '#two').waitForCards(8);
    // Wreck the module's memory, then give it work: the next call into it traps.
    await page.evaluate(() => {
      new Uint8Array(window.__instance.exports.memory.buffer).fill(0xff);
      document.getElementById('two').shadowRoot.querySelector('[data-testid="refresh"]').click();
    });
    for (const id of ['one', 'two']) {
      await expectText(new Widget(page, `#${id}`).errorState(), 'stopped working');
    }
    const crashes = await page.evaluate(() =>
      window.__events.filter((e) => e.type === 'task-history-error' && e.detail.code === 'crashed').map((e) => e.id));
    assert.deepEqual(crashes.sort(), ['one', 'two']);
    // Nothing calls into the wrecked module again: removing an element is quiet.
    await page.evaluate(() => document.getElementById('one').remove());
    await page.waitForTimeout(100);
  });
});
