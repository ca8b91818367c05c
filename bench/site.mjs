// Assembles the bench's static site in target/bench-site/: the element's shipped files (as
// `make demo-dist` laid them out), the plain-JS reference element with the element's own CSS
// inlined, the probe, and one HTML page per scenario. Pages point at the proxy by absolute URL
// (it runs on another port: the API is cross-origin, as for a CRM page using a separate proxy).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementFiles } from './sizes.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');

/** The two elements the bench compares: tag, and the module that defines it. */
export const ELEMENTS = {
  ours: { tag: 'task-history', script: './task-history.js', preload: ['./pkg/task_history.js', './element.js', './define.js'] },
  reference: { tag: 'task-history-reference', script: './task-history-reference.js', preload: [] },
};

/** The element's script include, with the `modulepreload` links docs/element.md recommends. */
const include = (kind) => [
  ...ELEMENTS[kind].preload.map((href) => `<link rel="modulepreload" href="${href}">`),
  `<script type="module" src="${ELEMENTS[kind].script}"></script>`,
].join('\n  ');

/** Leads of the mock used by the pages (README: 20003 has 137 tasks, 20004 has 10,000). */
export const MANY_LEADS = [20003, 20005, 20002, 20006, 12345];
export const MANY_COUNT = 50;
/** Each of the 50 elements sits in a box this tall, so a 900 px viewport shows 5 of them. */
export const MANY_BOX_PX = 180;

const html = (title, head, body) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <script src="./probe.js"></script>
  ${head}
</head>
<body style="margin:0;font-family:system-ui,sans-serif">
${body}
</body>
</html>
`;

/** One element for one lead, embedded as the README says (script include + tag). */
function singlePage(kind, lead, apiBase) {
  const { tag } = ELEMENTS[kind];
  return html(
    `${tag} ${lead}`,
    include(kind),
    `<main style="max-width:720px;margin:0 auto"><${tag} data-bench-target lead-id="${lead}" proxy-base="${apiBase}"></${tag}></main>`,
  );
}

/** 50 of our elements in fixed-height scrolling boxes: only the first 5 are on screen. */
function manyPage(apiBase) {
  const boxes = Array.from({ length: MANY_COUNT }, (_, i) => {
    const lead = MANY_LEADS[i % MANY_LEADS.length];
    return `<div style="height:${MANY_BOX_PX}px;overflow:auto;box-sizing:border-box;border-bottom:1px solid #ccc">` +
      `<task-history lead-id="${lead}" proxy-base="${apiBase}"></task-history></div>`;
  });
  return html('50 elements', include('ours'), boxes.join('\n'));
}

/** Page file name for a single-element page. */
export const singlePageName = (kind, lead) => `${kind}-${lead}.html`;
export const MANY_PAGE = 'many.html';

/**
 * Copies the element's shipped files, with the compressed copies the build writes beside them
 * (which the proxy serves), and the probe from `demoDir` into a fresh `outDir`.
 */
function freshSiteWithElement(demoDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  for (const file of elementFiles(demoDir)) {
    const target = path.join(outDir, path.relative(demoDir, file));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
    for (const suffix of ['.br', '.gz']) {
      if (existsSync(file + suffix)) copyFileSync(file + suffix, target + suffix);
    }
  }
  copyFileSync(path.join(benchDir, 'pages', 'probe.js'), path.join(outDir, 'probe.js'));
}

/**
 * A static dir for the proxy's own file serving (`--static-dir`): our element on lead `lead` as
 * `index.html`, calling the API on the same origin, as `make demo` serves the demo.
 */
export function buildProxySite({ demoDir, outDir, lead }) {
  freshSiteWithElement(demoDir, outDir);
  writeFileSync(path.join(outDir, 'index.html'), singlePage('ours', lead, '/api'));
  return outDir;
}

/**
 * Writes the site into `outDir` and returns it. `demoDir` holds the built element
 * (`make demo-dist`); `apiBase` is the proxy's API base URL, e.g. http://127.0.0.1:PORT/api.
 */
export function buildSite({ demoDir, outDir, apiBase, leads }) {
  freshSiteWithElement(demoDir, outDir);
  const css = readFileSync(path.join(repoRoot, 'style', 'task-history.css'), 'utf8');
  const reference = readFileSync(path.join(benchDir, 'reference', 'task-history-reference.js'), 'utf8');
  const placeholder = '"/*@TASK_HISTORY_CSS@*/"';
  if (!reference.includes(placeholder)) throw new Error('reference element lost its CSS placeholder');
  writeFileSync(path.join(outDir, 'task-history-reference.js'), reference.replace(placeholder, () => JSON.stringify(css)));
  for (const kind of Object.keys(ELEMENTS)) {
    for (const lead of leads) writeFileSync(path.join(outDir, singlePageName(kind, lead)), singlePage(kind, lead, apiBase));
  }
  writeFileSync(path.join(outDir, MANY_PAGE), manyPage(apiBase));
  return outDir;
}
