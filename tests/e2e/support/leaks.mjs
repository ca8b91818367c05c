// Watches everything a page can see for the API key: response bodies and headers, console lines,
// the DOM (shadow roots included) and storage. The key must appear in none of them.
import assert from 'node:assert/strict';

export function watchForKey(page) {
  const seen = [];
  page.on('console', (message) => seen.push({ where: 'console', text: message.text() }));
  page.on('pageerror', (error) => seen.push({ where: 'pageerror', text: String(error) }));
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
    seen.push({ where: `headers of ${response.url()}`, text: headers });
    const body = await response.body().catch(() => Buffer.alloc(0));
    seen.push({ where: `body of ${response.url()}`, text: body.toString('latin1') });
  });
  return {
    /** Fails if the key shows up anywhere the page could see it. */
    async assertNoKey(apiKey) {
      const dom = page.isClosed() ? '' : await page.evaluate(() => {
        const parts = [document.documentElement.outerHTML];
        const walk = (root) => {
          for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) {
              parts.push(el.shadowRoot.innerHTML);
              walk(el.shadowRoot);
            }
          }
        };
        walk(document);
        const storage = [localStorage, sessionStorage].map((s) => JSON.stringify(Object.entries(s)));
        return parts.concat(storage, [document.cookie]).join('\n');
      });
      seen.push({ where: 'dom and storage', text: dom });
      const cookies = await page.context().cookies();
      seen.push({ where: 'cookies', text: JSON.stringify(cookies) });
      const leaks = seen.filter((entry) => entry.text.includes(apiKey)).map((entry) => entry.where);
      assert.deepEqual(leaks, [], 'the API key must never reach the page');
      assert.ok(seen.length > 0, 'the watcher saw something');
    },
    consoleErrors: () => seen.filter((e) => e.where === 'pageerror').map((e) => e.text),
  };
}
