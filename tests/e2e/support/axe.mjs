// axe-core on the element: WCAG 2.x A and AA and best practices, as violation summaries.
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core on the element `#th` (or `selector`); returns one line per violation. */
export async function axeViolations(page, selector = '#th') {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((target) =>
    window.axe.run(document.querySelector(target), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }), selector);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
