// Host pages for the element, served on the proxy's own origin. The proxy serves only the demo's
// files, so a test's page is fulfilled by Playwright at `${proxyUrl}/e2e/NAME.html`; everything
// else it loads (the shim, the wasm, the API) comes from the real proxy.

/** Records every event the element fires, in order, before any page script runs. */
const RECORD_EVENTS = () => {
  window.__events = [];
  for (const type of ['task-history-load', 'task-history-error', 'task-history-page-change', 'task-history-select', 'task-history-token-expired']) {
    window.addEventListener(
      type,
      (event) => window.__events.push({ type, id: event.target.id || null, detail: event.detail }),
      true,
    );
  }
};

/** A plain HTML document that loads the element; `head` and `body` are inserted as given. */
export function hostHtml({ body = '', head = '', lang = 'en', dir = 'ltr' } = {}) {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>task-history e2e host</title>
<script type="module" src="/task-history.js"></script>
${head}
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * Opens a fresh page showing `html` at `${stack.proxyUrl}/e2e/${name}.html`, optionally with a
 * Content-Security-Policy header. Extra `files` (path → {body, type}) are served the same way;
 * `beforeGoto(page)` runs before navigation (to listen from the very first request).
 */
export async function openHost(context, stack, { name = 'host', html, csp, files = {}, beforeGoto }) {
  const page = await context.newPage();
  await page.addInitScript(RECORD_EVENTS);
  const url = `${stack.proxyUrl}/e2e/${name}.html`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: csp ? { 'content-security-policy': csp } : {},
      body: html,
    }),
  );
  for (const [path, file] of Object.entries(files)) {
    await page.route(`${stack.proxyUrl}${path}`, (route) =>
      route.fulfill({ status: 200, contentType: file.type, body: file.body }),
    );
  }
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url);
  return page;
}

/** The events recorded so far, optionally of one type. */
export async function events(page, type) {
  const all = await page.evaluate(() => window.__events);
  return type ? all.filter((e) => e.type === type) : all;
}
