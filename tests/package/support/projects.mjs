// Fresh host projects under target/package-tests/: a template from hosts/, the packed tarball
// installed with `npm install <tarball>` as a user would, and the test tools (Vite, React,
// TypeScript, pinned in this folder's package-lock.json) linked in rather than downloaded again.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(here, '../..');
const tools = path.join(here, 'node_modules');
const packDir = path.join(repoRoot, 'target', 'package');
export const projectsDir = path.join(repoRoot, 'target', 'package-tests');

/** The tarball `make package` packed. */
export function tarball() {
  const found = existsSync(packDir) ? readdirSync(packDir).filter((f) => f.endsWith('.tgz')) : [];
  if (found.length !== 1) throw new Error(`expected one tarball in target/package, found ${found.length}: run make package`);
  return path.join(packDir, found[0]);
}

/** Runs a command, failing with its output. */
export async function sh(command, args, { cwd, timeout = 120_000 } = {}) {
  try {
    return await run(command, args, { cwd, timeout, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  }
}

/**
 * A new project `name` from hosts/`template`, with the package installed from its tarball and
 * `link`ed tools (package names from this folder's node_modules). Returns its directory.
 */
export async function freshProject(name, template, { link = [] } = {}) {
  const dir = path.join(projectsDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(projectsDir, { recursive: true });
  cpSync(path.join(here, 'hosts', template), dir, { recursive: true });
  // --offline: a tarball needs no registry, and the package has no dependencies.
  await sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball()], { cwd: dir });
  for (const tool of link) {
    const target = path.join(dir, 'node_modules', tool);
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.join(tools, tool), target, 'dir');
  }
  return dir;
}

/** A pinned tool's command-line script, run with this node. */
export const toolBin = (tool, script) => path.join(tools, tool, script);
