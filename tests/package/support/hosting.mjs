// A host project in Chromium against the real stack: the project's files served by a static
// server of their own (another origin than the proxy, as a CRM page with a separate proxy is),
// the proxy allowing that origin, every page watched for the API key.
import assert from 'node:assert/strict';
import { launch } from '../../e2e/support/browser.mjs';
import { watchForKey } from '../../e2e/support/leaks.mjs';
import { startStack } from '../../e2e/support/stack.mjs';
import { serveStatic } from './static-server.mjs';

/**
 * Serves `root` and starts the stack allowing its origin (and `alsoAllow`, more origins;
 * `proxyEnv`, more of the proxy's environment); `open(path)` opens a page of it.
 */
export async function host(root, { alsoAllow = [], proxyEnv = {} } = {}) {
  const site = await serveStatic(root);
  const stack = await startStack({ staticDir: null, proxyArgs: ['--cors-origins', [site.origin, ...alsoAllow].join(',')], proxyEnv });
  const browser = await launch();
  const watchers = [];
  return {
    site,
    stack,
    proxyBase: `${stack.proxyUrl}/api`,
    /**
     * Opens `url` (a path of the site, or a full URL), running `init` (a function) before the
     * page's own scripts and `beforeGoto(page)` before navigating (to route requests, say);
     * `consoleLines` collects its console lines.
     */
    async open(url, { init, beforeGoto } = {}) {
      const page = await browser.context.newPage();
      if (init) await page.addInitScript(init);
      if (beforeGoto) await beforeGoto(page);
      const lines = [];
      page.on('console', (message) => lines.push({ type: message.type(), text: message.text() }));
      page.on('pageerror', (error) => lines.push({ type: 'pageerror', text: String(error) }));
      watchers.push(watchForKey(page));
      await page.goto(new URL(url, site.url).href);
      page.consoleLines = lines;
      return page;
    },
    async end() {
      for (const watcher of watchers) await watcher.assertNoKey(stack.apiKey);
      await browser.close();
      await stack.stop();
      await site.close();
      assert.ok(!stack.output().includes(stack.apiKey), 'the API key never appears in a server log line');
    },
  };
}

/** Console errors and uncaught exceptions of a page (warnings and logs are fine). */
export const errorsOf = (page) => page.consoleLines.filter((l) => l.type === 'error' || l.type === 'pageerror');
