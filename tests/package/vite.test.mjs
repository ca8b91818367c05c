// The package in a Vite + React 19 app: `vite build` bundles it as it is (the wasm emitted
// through `new URL(…, import.meta.url)`), tsc checks the app's TSX, and the built app shows the
// first cards in Chromium, with React receiving the element's events through its props; the
// dev server serves it as it is too.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createServer } from 'vite';
import { Widget, expectText } from '../e2e/support/widget.mjs';
import { errorsOf, host } from './support/hosting.mjs';
import { freshProject, sh, toolBin } from './support/projects.mjs';

const TOOLS = ['vite', '@vitejs/plugin-react', 'react', 'react-dom', 'typescript', '@types/react', '@types/react-dom'];

describe('Vite + React 19 app', () => {
  let dir;
  let hosting;
  let dev;
  before(async () => {
    dir = await freshProject('vite-react', 'vite-react', { link: TOOLS });
  });
  after(async () => {
    await dev?.close();
    await hosting?.end();
  });

  it('type-checks with tsc --strict', async () => {
    await sh(process.execPath, [toolBin('typescript', 'bin/tsc'), '-p', '.', '--strict', '--noEmit'], { cwd: dir });
  });

  it('builds with vite build, emitting the wasm as an asset', async () => {
    await sh(process.execPath, [toolBin('vite', 'bin/vite.js'), 'build'], { cwd: dir });
    const assets = readdirSync(path.join(dir, 'dist', 'assets'));
    assert.equal(assets.filter((f) => /^task_history_bg-[\w-]+\.wasm$/.test(f)).length, 1, `assets: ${assets.join(', ')}`);
  });

  it('shows the first cards, and React gets the load and page-change events', async () => {
    dev = await createServer({ root: dir, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: true } });
    await dev.listen();
    hosting = await host(path.join(dir, 'dist'), { alsoAllow: [new URL(dev.resolvedUrls.local[0]).origin] });
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    const widget = new Widget(page);
    await widget.waitForCards(5);
    await expectText(page.getByTestId('react-total'), '137 tasks');
    await page.getByRole('button', { name: 'Second page' }).click();
    await widget.assertOnPage(2, 28);
    await expectText(page.getByTestId('react-page'), 'page 2');
    const wasm = hosting.site.requests.filter((p) => p.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `one wasm request: ${wasm.join(', ')}`);
    assert.match(wasm[0], /^\/assets\/task_history_bg-[\w-]+\.wasm$/);
    assert.deepEqual(errorsOf(page), []);
  });

  it('takes camelCase props and on-prefixed event props from React when defined after its first render', async () => {
    const page = await hosting.open(`late.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    const widget = new Widget(page);
    await widget.waitForCards(5);
    assert.equal(await page.evaluate(() => window.definedAtFirstRender), false, 'rendered by React before the element was defined');
    await expectText(page.getByTestId('react-total'), '137 tasks');
    const attributes = await page.evaluate(() => {
      const el = document.getElementById('th');
      return { lead: el.getAttribute('lead-id'), proxy: el.getAttribute('proxy-base') !== null, size: el.getAttribute('page-size') };
    });
    assert.deepEqual(attributes, { lead: '20003', proxy: true, size: '5' });
    const first = widget.shownPage().getByTestId('task-select').first();
    const id = await widget.cards().first().getAttribute('data-task-id');
    await first.click();
    await expectText(page.getByTestId('react-selected'), `task ${id}`);
    assert.deepEqual(errorsOf(page), []);
  });

  it('works in the dev server as it is', async () => {
    const page = await hosting.open(`${dev.resolvedUrls.local[0]}?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    await new Widget(page).waitForCards(5);
    await expectText(page.getByTestId('react-total'), '137 tasks');
    assert.deepEqual(errorsOf(page), []);
  });
});
