// The packed package against its one source: package.json from Cargo.toml, the manifest and the
// declarations as js/api.mjs generates them, the manifest valid against the Custom Elements
// Manifest schema, docs/element.md's tables up to date, and the source agreeing with the
// element's Rust and CSS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { declarations, disagreements, loadApi, manifest, renderDocs } from '../../scripts/element-api.mjs';
import { SHIPPED_JS, workspacePackage } from '../../scripts/package.mjs';
import { here, repoRoot, sh, tarball } from './support/projects.mjs';

describe('the packed package', () => {
  let api;
  let dir;
  let files;
  const read = (file) => readFileSync(path.join(dir, file), 'utf8');
  before(async () => {
    api = await loadApi();
    dir = mkdtempSync(path.join(tmpdir(), 'task-history-package-'));
    execFileSync('tar', ['xzf', tarball(), '-C', dir]);
    dir = path.join(dir, 'package');
    files = readdirSync(dir).sort();
  });
  after(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('has the version of Cargo.toml and every field a registry and a bundler read', () => {
    const json = JSON.parse(read('package.json'));
    assert.equal(json.name, 'task-history');
    assert.equal(json.version, workspacePackage('version'));
    assert.equal(json.license, 'MIT');
    assert.equal(json.type, 'module');
    assert.equal(json.customElements, 'custom-elements.json');
    assert.equal(json.types, './task-history.d.ts');
    assert.ok(json.description && json.keywords.includes('web-component'));
    assert.deepEqual(json.sideEffects, ['./task-history.js', './react.js']);
    for (const [entry, target] of Object.entries(json.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(files.includes(file.replace(/^\.\//, '')), `exports["${entry}"] names ${file}, which is not in the tarball`);
      }
    }
    assert.equal(path.basename(tarball()), `task-history-${json.version}.tgz`);
  });

  it('holds exactly its files, with the README, LICENSE and CHANGELOG', () => {
    const json = JSON.parse(read('package.json'));
    assert.deepEqual(files, [...json.files, 'package.json', 'README.md', 'LICENSE'].sort());
    assert.match(read('LICENSE'), /^MIT License/);
    assert.equal(read('LICENSE'), readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
    assert.match(read('CHANGELOG.md'), new RegExp(`^## \\[${json.version.replaceAll('.', '\\.')}\\] — \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    assert.match(read('README.md'), new RegExp(`task-history@${json.version.replaceAll('.', '\\.')}/task-history\\.js`));
    assert.doesNotMatch(read('README.md'), /@[A-Z_]+@/, 'every placeholder of package/README.md is filled in');
  });

  it('ships the readable JS of js/, with the glue and the wasm beside it', () => {
    for (const file of SHIPPED_JS) {
      assert.equal(read(file), readFileSync(path.join(repoRoot, 'js', file), 'utf8').replaceAll('"./pkg/', '"./'), file);
    }
    assert.match(read('task-history.js'), /new URL\("\.\/task_history_bg\.wasm", import\.meta\.url\)/, 'the pattern Vite rewrites');
    assert.equal(readFileSync(path.join(dir, 'task_history_bg.wasm')).subarray(0, 4).toString('hex'), '0061736d');
  });

  it('carries the manifest and the declarations generated from js/api.mjs', () => {
    assert.deepEqual(JSON.parse(read('custom-elements.json')), manifest(api));
    for (const [file, text] of Object.entries(declarations(api))) assert.equal(read(file), text, file);
  });

  it('has a manifest valid against the Custom Elements Manifest schema 2.1', () => {
    const schema = JSON.parse(readFileSync(path.join(here, 'node_modules/custom-elements-manifest/schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const parsed = JSON.parse(read('custom-elements.json'));
    assert.ok(validate(parsed), JSON.stringify(validate.errors, null, 2));
    const [element] = parsed.modules[0].declarations;
    assert.deepEqual(element.attributes.map((a) => a.name), api.attributes.map((a) => a.name));
    assert.deepEqual(element.events.map((e) => e.name), api.events.map((e) => e.name));
    assert.deepEqual(element.cssParts.map((p) => p.name), api.cssParts.map((p) => p.name));
    assert.ok(element.cssProperties.every((p) => p.default), 'every custom property has its default');
    assert.match(element.events[0].type.text, /^CustomEvent<\{ leadId: number/);
  });
});

describe('the element API source', () => {
  it('docs/element.md holds the tables js/api.mjs generates (make api-docs rewrites them)', async () => {
    const docs = readFileSync(path.join(repoRoot, 'docs', 'element.md'), 'utf8');
    assert.equal(docs, renderDocs(docs, await loadApi()), 'docs/element.md is stale: run make api-docs');
  });

  it('agrees with the element: attributes, events, marks, parts and custom properties', async () => {
    assert.deepEqual(disagreements(await loadApi()), []);
  });

  it('npm pack --dry-run lists what the tarball holds', async () => {
    const { stdout } = await sh('npm', ['pack', '--dry-run', '--json'], { cwd: path.join(repoRoot, 'pkg') });
    const [{ files }] = JSON.parse(stdout);
    const listed = files.map((f) => f.path).sort();
    const packed = execFileSync('tar', ['tzf', tarball()], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
    assert.deepEqual(listed, packed, 'pkg/ changed since make package packed it');
  });
});
