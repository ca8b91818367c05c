// Shipped bytes of one element: everything a page downloads to show <task-history>, raw, gzip -9
// and brotli (quality 11), as a CDN would serve them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The element's files in the demo dir: the loader, the wasm-bindgen JS and wasm, its CSS. */
export function elementFiles(demoDir) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(demoDir);
  const rel = (f) => path.relative(demoDir, f).split(path.sep).join('/');
  return files.filter((f) => {
    const r = rel(f);
    if (r.startsWith('pkg/')) return /\.(js|wasm)$/.test(r) && !r.endsWith('.d.ts');
    if (r.startsWith('style/')) return r.endsWith('.css') && !r.includes('demo');
    return /^task-history.*\.js$/.test(r);
  });
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
  if (files.length === 0) throw new Error(`no element files under ${demoDir}: build the demo first`);
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) for (const k of Object.keys(total)) total[k] += f[k];
  return { files, total };
}
