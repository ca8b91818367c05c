// The tools and the source behind the figures, printed in the report's header so two reports
// can be compared.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath } from '../tests/e2e/support/browser.mjs';
import { repoRoot } from '../tests/e2e/support/stack.mjs';

/** The first line a tool prints about itself, on stdout or stderr (nginx and wrk use stderr). */
function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const text = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
  return result.error ? 'not found' : text.split('\n')[0].trim();
}

export function toolVersions() {
  // The build's wasm-opt is the one scripts/ensure-tools.sh puts in .tools/, not Debian's.
  const localWasmOpt = path.join(repoRoot, '.tools', 'node_modules', '.bin', 'wasm-opt');
  return {
    rustc: firstLine('rustc', ['--version']),
    wasmOpt: firstLine(existsSync(localWasmOpt) ? localWasmOpt : 'wasm-opt', ['--version']),
    wasmBindgen: firstLine('wasm-bindgen', ['--version']),
    chromium: firstLine(chromiumPath, ['--version']),
    nginx: firstLine(process.env.NGINX ?? '/usr/sbin/nginx', ['-v']),
    wrk: firstLine('wrk', ['-v']),
    node: process.version,
  };
}

/** The commit measured, marked when the working tree had uncommitted changes (they were built). */
export function sourceRevision() {
  const head = spawnSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown (not a git checkout)';
  const dirty = spawnSync('git', ['-C', repoRoot, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' with uncommitted changes' : ''}`;
}
