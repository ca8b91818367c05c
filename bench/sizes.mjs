// Shipped bytes of one element: everything a page downloads to show <task-history>, raw, gzip -9
// and brotli (quality 11), as a CDN would serve them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The file a page includes to get the element; everything else is found from it. */
export const ENTRY = 'task-history.js';

// Relative module specifiers (static and dynamic imports, re-exports) and assets a module
// resolves against its own URL (wasm-bindgen's `new URL('…_bg.wasm', import.meta.url)`).
const REFERENCES = [
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g,
  /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
  /import\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/**
 * The element's files in the demo dir: what a page downloads to show <task-history>, found by
 * following the loader's imports (and the assets they load) rather than by listing names, so
 * a new module or asset is counted the day it is added.
 */
export function elementFiles(demoDir) {
  const found = new Set();
  const visit = (file) => {
    if (found.has(file)) return;
    if (!existsSync(file)) throw new Error(`${path.relative(demoDir, file)} is referenced but missing from ${demoDir}`);
    found.add(file);
    if (!file.endsWith('.js')) return;
    const source = readFileSync(file, 'utf8');
    for (const pattern of REFERENCES) {
      for (const [, specifier] of source.matchAll(pattern)) {
        if (specifier.startsWith('.') || !/^[a-z]+:/i.test(specifier)) visit(path.resolve(path.dirname(file), specifier));
      }
    }
  };
  const entry = path.join(demoDir, ENTRY);
  if (!existsSync(entry)) throw new Error(`no ${ENTRY} in ${demoDir}: build the demo first (make demo-dist)`);
  visit(entry);
  return [...found].sort();
}

/** `{ files: [{name, raw, gzip, brotli}], total: {raw, gzip, brotli} }`. */
export function measureSizes(demoDir) {
  const files = elementFiles(demoDir).map((file) => {
    const bytes = readFileSync(file);
    return {
      name: path.relative(demoDir, file),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}
