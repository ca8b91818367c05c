import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { elementFiles, measureSizes } from '../sizes.mjs';

function demoDir(files) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sizes-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('element files are what the loader imports and the assets its modules load, nothing else', () => {
  const dir = demoDir({
    'task-history.js': 'import init from "./pkg/task_history.js";\nimport { define } from "./element.js";\n',
    'element.js': 'export function define() {}\n',
    'pkg/task_history.js': "const url = new URL('task_history_bg.wasm', import.meta.url);\nconst m = import('./snippets/a.js');\n",
    'pkg/task_history_bg.wasm': 'wasm',
    'pkg/snippets/a.js': 'export {};\n',
    'demo.js': 'import "./task-history.js";\n',
    'index.html': '<script type="module" src="./task-history.js"></script>',
  });
  try {
    const names = elementFiles(dir).map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(names, ['element.js', 'pkg/snippets/a.js', 'pkg/task_history.js', 'pkg/task_history_bg.wasm', 'task-history.js']);
    const { files, total } = measureSizes(dir);
    assert.equal(total.raw, files.reduce((sum, f) => sum + f.raw, 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a module the loader references but the build lacks is an error, not a smaller figure', () => {
  const dir = demoDir({ 'task-history.js': 'import "./element.js";\n' });
  try {
    assert.throws(() => elementFiles(dir), /element\.js is referenced but missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
