// One test file's world: the real stack, Debian's Chromium, and a key-leak watcher on every page
// it opens. `end()` stops everything and proves the key never reached a page or a log line.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';
import { hostHtml, openHost } from './host.mjs';
import { watchForKey } from './leaks.mjs';
import { repoRoot, startStack } from './stack.mjs';

export const artifactsDir = path.join(repoRoot, 'tests', 'e2e', 'artifacts');

/** The instant every date-sensitive journey sees as "now" (Date only; timers run normally). */
export const FROZEN_NOW = new Date('2026-06-01T12:00:00Z');

export async function startSession({ locale = 'en-US', timezoneId = 'UTC', colorScheme = 'light', stack: stackOptions } = {}) {
  const stack = await startStack(stackOptions);
  const browser = await launch({ locale, timezoneId, colorScheme });
  const watchers = [];
  return {
    stack,
    context: browser.context,
    /** Opens a host page; `body` goes in <body> unless full `html` is given. */
    async open({ body, html, head, lang, dir, csp, name, files, beforeGoto, frozen = true } = {}) {
      if (frozen) await browser.context.clock.setFixedTime(FROZEN_NOW);
      const page = await openHost(browser.context, stack, {
        name,
        csp,
        files,
        beforeGoto,
        html: html ?? hostHtml({ body, head, lang, dir }),
      });
      watchers.push(watchForKey(page));
      return page;
    },
    /** Closes the browser, stops the servers, and checks nothing saw the key. */
    async end() {
      for (const watcher of watchers) await watcher.assertNoKey(stack.apiKey);
      await browser.close();
      await stack.stop();
      assert.ok(!stack.output().includes(stack.apiKey), 'the API key never appears in a server log line');
    },
  };
}

/** Saves a screenshot of `locator` under tests/e2e/artifacts/. */
export async function screenshot(locator, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await locator.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}
