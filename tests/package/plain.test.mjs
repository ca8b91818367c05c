// The package in a page with no build step: its entry loaded as a module from node_modules,
// define({ wasmUrl }) with the wasm copied elsewhere, and the CORS hint on an origin the proxy
// does not allow. The element the browser defines must have exactly the API the manifest lists.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Widget, expectText } from '../e2e/support/widget.mjs';
import { serveStatic } from './support/static-server.mjs';
import { errorsOf, host } from './support/hosting.mjs';
import { freshProject } from './support/projects.mjs';

/** The `typeof` of each detail field the manifest lists for event `name` (`Record<…>` is an object). */
function detailTypes(element, name) {
  const text = element.events.find((e) => e.name === name).type.text;
  return Object.fromEntries([...text.matchAll(/(\w+): (\w+)/g)].map((m) => [m[1], m[2] === 'Record' ? 'object' : m[2]]));
}

/** An HS256 JWT of `claims`, as any CRM backend's JWT library would sign it. */
function hs256(claims, secret) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

describe('plain HTML page', () => {
  let dir;
  let hosting;
  let manifest;
  before(async () => {
    dir = await freshProject('plain', 'plain');
    const installed = path.join(dir, 'node_modules', 'task-history');
    manifest = JSON.parse(readFileSync(path.join(installed, 'custom-elements.json'), 'utf8'));
    mkdirSync(path.join(dir, 'assets'));
    copyFileSync(path.join(installed, 'task_history_bg.wasm'), path.join(dir, 'assets', 'task-history.wasm'));
    hosting = await host(dir);
  });
  after(() => hosting.end());

  it('loads the entry from node_modules as a module and shows the first cards', async () => {
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    const widget = new Widget(page);
    await widget.waitForCards(5);
    await widget.assertOnPage(1, 28);
    assert.deepEqual(errorsOf(page), []);
  });

  it('is defined before its wasm arrives: placeholders first, then what was set meanwhile', async () => {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`, {
      beforeGoto: (p) => p.route('**/*.wasm', async (route) => {
        await held;
        await route.continue();
      }),
    });
    await page.waitForFunction(() => customElements.get('task-history') && document.getElementById('th')?.shadowRoot);
    const meanwhile = await page.evaluate(() => {
      const el = document.getElementById('th');
      el.users = { 678: 'Asha Rao', 679: 'Dev Mehta', 680: 'Ira Sen', 681: 'Om Das' };
      el.goToPage(2);
      const root = el.shadowRoot;
      return {
        properties: ['leadId', 'proxyBase', 'users', 'goToPage'].every((name) => name in el),
        placeholder: root.querySelector('[data-testid="skeleton"]')?.getAttribute('aria-busy'),
        cards: root.querySelectorAll('[data-testid="task-card"]').length,
      };
    });
    assert.deepEqual(meanwhile, { properties: true, placeholder: 'true', cards: 0 });
    release();
    const widget = new Widget(page);
    await widget.assertOnPage(2, 28);
    await widget.waitForCards(5);
    const after = await page.evaluate(() => {
      const root = document.getElementById('th').shadowRoot;
      return { placeholders: root.querySelectorAll('.waiting').length, named: /Asha Rao|Dev Mehta|Ira Sen|Om Das/.test(root.textContent) };
    });
    assert.deepEqual(after, { placeholders: 0, named: true });
    assert.deepEqual(errorsOf(page), []);
  });

  it('says so, instead of staying empty, when its wasm cannot be loaded', async () => {
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`, {
      beforeGoto: (p) => p.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not here' })),
    });
    await expectText(new Widget(page).errorState(), 'could not be loaded');
    assert.ok(page.consoleLines.some((l) => l.type === 'error' && l.text.includes('could not load its WebAssembly module')));
  });

  it('defines an element with exactly the attributes, properties and methods of the manifest', async () => {
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    await new Widget(page).waitForCards(5);
    const [element] = manifest.modules[0].declarations;
    const real = await page.evaluate(() => {
      const TaskHistory = customElements.get('task-history');
      const lifecycle = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback', 'adoptedCallback'];
      return {
        observed: TaskHistory.observedAttributes,
        members: Object.getOwnPropertyNames(TaskHistory.prototype).filter((name) => !lifecycle.includes(name)).sort(),
        methods: Object.getOwnPropertyNames(TaskHistory.prototype).filter((name) => typeof Object.getOwnPropertyDescriptor(TaskHistory.prototype, name).value === 'function' && !lifecycle.includes(name)).sort(),
      };
    });
    assert.deepEqual([...real.observed].sort(), element.attributes.map((a) => a.name).sort());
    assert.deepEqual(real.members, element.members.map((m) => m.name).sort());
    assert.deepEqual(real.methods, element.members.filter((m) => m.kind === 'method').map((m) => m.name).sort());
  });

  it('fires the manifest events with the detail fields and types it lists, and renders only its parts and slots', async () => {
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    const widget = new Widget(page);
    await widget.waitForCards(5);
    const [element] = manifest.modules[0].declarations;
    const seen = await page.evaluate(async () => {
      const el = document.getElementById('th');
      const events = {};
      const record = (e) => {
        events[e.type] = Object.fromEntries(Object.entries(e.detail).map(([k, v]) => [k, typeof v]));
      };
      for (const type of ['task-history-load', 'task-history-page-change', 'task-history-error', 'task-history-select']) el.addEventListener(type, record);
      el.shadowRoot.querySelector('[data-testid="task-select"]').click();
      const loaded = new Promise((resolve) => el.addEventListener('task-history-load', resolve, { once: true }));
      el.goToPage(2);
      await loaded;
      const failed = new Promise((resolve) => el.addEventListener('task-history-error', resolve, { once: true }));
      el.leadId = 'not-digits';
      await failed;
      return events;
    });
    const refusedToken = 'task-history-token-expired';
    assert.deepEqual(
      element.events.map((e) => e.name).filter((name) => !(name in seen)),
      [refusedToken],
      'every other event of the manifest fired here (a refused token needs a proxy checking tokens: the next test)',
    );
    for (const name of Object.keys(seen)) assert.deepEqual(seen[name], detailTypes(element, name), name);

    await page.evaluate(() => {
      document.getElementById('th').leadId = 20005;
    });
    await widget.waitForCards(5);
    const rendered = await page.evaluate(() => {
      const names = new Set();
      for (const node of document.getElementById('th').shadowRoot.querySelectorAll('[part]')) for (const name of node.part) names.add(name);
      return [...names];
    });
    const documented = element.cssParts.map((p) => p.name);
    assert.deepEqual(rendered.filter((name) => !documented.includes(name)), [], 'every rendered part is in the manifest');
    assert.ok(rendered.length >= 15, `rendered ${rendered.length} parts`);
    const slots = await page.evaluate(() => [...document.getElementById('th').shadowRoot.querySelectorAll('slot')].map((s) => s.name));
    const declared = (element.slots ?? []).map((s) => s.name);
    assert.deepEqual(slots.filter((name) => !declared.includes(name)), [], 'every slot is in the manifest');
  });

  it('fires task-history-token-expired with the manifest detail when a proxy checking tokens refuses an expired one', async () => {
    const secret = randomBytes(32).toString('hex');
    const checking = await host(dir, { proxyEnv: { PROXY_TOKEN_SECRET: secret } });
    try {
      const expired = hs256({ lead_id: 20003, sub: 'user-678', exp: Math.floor(Date.now() / 1000) - 600 }, secret);
      const page = await checking.open(`index.html?proxy=${encodeURIComponent(checking.proxyBase)}&token=${expired}`, {
        init: () => {
          document.addEventListener('task-history-token-expired', (e) => {
            window.refused = { types: Object.fromEntries(Object.entries(e.detail).map(([k, v]) => [k, typeof v])), detail: e.detail };
          });
        },
      });
      await page.waitForFunction(() => window.refused, null, { timeout: 10_000 });
      const detail = await page.evaluate(() => window.refused);
      const [element] = manifest.modules[0].declarations;
      assert.deepEqual(detail.types, detailTypes(element, 'task-history-token-expired'));
      assert.deepEqual(detail.detail, { leadId: 20003, message: 'Authorization token expired' });
    } finally {
      await checking.end();
    }
  });

  it('has the CSS custom properties with the defaults the manifest lists', async () => {
    const page = await hosting.open(`index.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    await new Widget(page).waitForCards(5);
    const [element] = manifest.modules[0].declarations;
    const names = element.cssProperties.map((p) => p.name);
    const values = await page.evaluate((list) => {
      const style = getComputedStyle(document.getElementById('th'));
      return Object.fromEntries(list.map((name) => [name, style.getPropertyValue(name).trim()]));
    }, names);
    const squeeze = (value) => value.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ', ');
    for (const p of element.cssProperties) assert.equal(squeeze(values[p.name]), squeeze(p.default), p.name);
  });

  it('define({ wasmUrl }) loads the wasm from the URL given, for bundlers that leave import.meta.url alone', async () => {
    const from = hosting.site.requests.length;
    const page = await hosting.open(`define.html?proxy=${encodeURIComponent(hosting.proxyBase)}`);
    await new Widget(page).waitForCards(5);
    const asked = hosting.site.requests.slice(from).filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(asked, ['/assets/task-history.wasm']);
    assert.ok(await page.evaluate(() => window.TaskHistoryClass === customElements.get('task-history')), 'define() resolves with the class');
    assert.deepEqual(errorsOf(page), []);
  });

  it('on an origin the proxy does not allow, says it could not reach the service and hints at CORS in the console, in any language', async () => {
    const elsewhere = await serveStatic(dir);
    try {
      const page = await hosting.open(`${elsewhere.url}index.html?proxy=${encodeURIComponent(hosting.proxyBase)}&locale=de-DE`);
      await expectText(new Widget(page).errorState(), 'Der Aufgabendienst ist nicht erreichbar');
      const hint = () => page.consoleLines.filter((l) => l.type === 'warning' && l.text.startsWith('<task-history>'));
      const deadline = Date.now() + 5000;
      while (!hint().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      assert.equal(hint().length, 1, 'one hint');
      assert.match(hint()[0].text, new RegExp(`no response from the proxy at ${hosting.stack.proxyUrl}`));
      assert.match(hint()[0].text, /--cors-origins or PROXY_CORS_ORIGINS/);
      assert.ok(hint()[0].text.includes(elsewhere.origin), 'names the page origin');
    } finally {
      await elsewhere.close();
    }
  });
});
