// `make package`: turns pkg/ (wasm-pack's glue and wasm, built by `make build-widget`) into the
// npm package, then packs it into target/package/. Everything in it comes from the repository:
// the version from Cargo.toml's [workspace.package], the declarations and the Custom Elements
// Manifest from js/api.mjs (scripts/element-api.mjs), the JS from js/ as it is, README from
// package/README.md, LICENSE and CHANGELOG.md from the root.
//
//   node scripts/package.mjs [--no-pack]
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiSummary, declarations, loadApi, manifest, repoRoot } from './element-api.mjs';

const pkg = path.join(repoRoot, 'pkg');
const packDir = path.join(repoRoot, 'target', 'package');
const fail = (message) => {
  console.error(`package: ${message}`);
  process.exit(1);
};

/** A key of Cargo.toml's [workspace.package] (a plain string value), or undefined. */
export function workspacePackage(key, cargoToml = readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8')) {
  const section = /^\[workspace\.package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cargoToml)?.[1] ?? '';
  return new RegExp(`^${key}\\s*=\\s*"([^"]*)"\\s*$`, 'm').exec(section)?.[1];
}

// The JS the package ships: js/'s readable files as they are, with the glue and the wasm beside
// them instead of in pkg/ (in the demo's layout the loader sits one level above pkg/).
export const SHIPPED_JS = ['task-history.js', 'define.js', 'element.js'];
const relocate = (source) => source.replaceAll('"./pkg/', '"./');

// Relative specifiers a module loads: static and dynamic imports, re-exports, and files resolved
// against import.meta.url (the pattern Vite rewrites).
const REFERENCES = [
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.[^'"]+)['"]/g,
  /(?:^|[\s;])import\s*['"](\.[^'"]+)['"]/g,
  /import\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g,
  /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];
export const references = (source) => REFERENCES.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]));

export function packageJson({ version, repository }) {
  return {
    name: 'task-history',
    version,
    description: "<task-history>: one sales lead's task history as a web component (Rust + Leptos compiled to WebAssembly), read through a backend proxy so the API key never reaches a browser.",
    keywords: ['web-component', 'custom-element', 'task-history', 'crm', 'webassembly', 'wasm', 'leptos', 'timeline'],
    license: 'MIT',
    ...(repository && { repository: { type: 'git', url: repository } }),
    type: 'module',
    main: './task-history.js',
    types: './task-history.d.ts',
    exports: {
      '.': { types: './task-history.d.ts', default: './task-history.js' },
      './define': { types: './define.d.ts', default: './define.js' },
      './react': { types: './react.d.ts', default: './react.js' },
      './task_history_bg.wasm': './task_history_bg.wasm',
      './custom-elements.json': './custom-elements.json',
      './package.json': './package.json',
    },
    // Importing these defines the element; everything else can be left out when unused.
    sideEffects: ['./task-history.js', './react.js'],
    customElements: 'custom-elements.json',
    files: [
      ...SHIPPED_JS,
      'react.js',
      'task-history.d.ts',
      'define.d.ts',
      'react.d.ts',
      'types.d.ts',
      'task_history.js',
      'task_history_bg.wasm',
      'custom-elements.json',
      'CHANGELOG.md',
    ],
  };
}

async function main() {
  const pack = !process.argv.includes('--no-pack');
  for (const built of ['task_history.js', 'task_history_bg.wasm']) {
    if (!existsSync(path.join(pkg, built))) fail(`pkg/${built} is missing: run make build-widget first`);
  }
  const version = workspacePackage('version');
  if (!version) fail('no version in [workspace.package] of Cargo.toml');
  // Only from Cargo.toml: a clone's git remote may be a local path.
  const repository = workspacePackage('repository');

  const api = await loadApi();
  for (const file of SHIPPED_JS) writeFileSync(path.join(pkg, file), relocate(readFileSync(path.join(repoRoot, 'js', file), 'utf8')));
  writeFileSync(
    path.join(pkg, 'react.js'),
    '// "task-history/react": defines <task-history> like the main entry; its declarations add the\n' +
      '// element to React 19\'s JSX.\nexport * from "./task-history.js";\n',
  );
  for (const [file, text] of Object.entries(declarations(api))) writeFileSync(path.join(pkg, file), text);
  writeFileSync(path.join(pkg, 'custom-elements.json'), `${JSON.stringify(manifest(api), null, 2)}\n`);
  writeFileSync(path.join(pkg, 'README.md'), readFileSync(path.join(repoRoot, 'package', 'README.md'), 'utf8').replaceAll('@VERSION@', version).replaceAll('@API_SUMMARY@', apiSummary(api)));
  copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(pkg, 'LICENSE'));
  copyFileSync(path.join(repoRoot, 'CHANGELOG.md'), path.join(pkg, 'CHANGELOG.md'));
  const manifestJson = packageJson({ version, repository });
  writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify(manifestJson, null, 2)}\n`);

  // Every file a shipped module loads must ship too.
  for (const file of [...SHIPPED_JS, 'react.js']) {
    for (const specifier of references(readFileSync(path.join(pkg, file), 'utf8'))) {
      const target = path.normalize(path.join(path.dirname(file), specifier));
      if (!manifestJson.files.includes(target)) fail(`${file} loads ${specifier}, which the package does not ship`);
    }
  }
  if (!repository) console.warn('package: no repository in [workspace.package] of Cargo.toml; package.json has none');

  if (pack) {
    rmSync(packDir, { recursive: true, force: true });
    mkdirSync(packDir, { recursive: true });
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: pkg, encoding: 'utf8' });
    const [{ filename, files, size }] = JSON.parse(out);
    console.log(`package: target/package/${filename} (${files.length} files, ${size} bytes)`);
  } else {
    console.log(`package: pkg/ holds task-history ${version}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
