// Everything generated from js/api.mjs, the element's API as data: the package's TypeScript
// declarations, its Custom Elements Manifest (schema 2.1) and docs/element.md's API tables.
//
//   node scripts/element-api.mjs docs    rewrite docs/element.md's tables (make api-docs)
//   node scripts/element-api.mjs check   fail if docs/element.md's tables are stale, or if the
//                                        source and the element's own code disagree (attributes,
//                                        events, marks, parts, CSS custom properties)
//
// scripts/package.mjs calls `declarations` and `manifest` when it writes the npm package.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOCS = path.join(repoRoot, 'docs', 'element.md');
export const SCHEMA_VERSION = '2.1.0';

/** lead-id → leadId */
export const propertyName = (attribute) => attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
/** task-history-page-change → TaskHistoryPageChange */
const pascal = (name) => name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
export const detailInterface = (event) => `${pascal(event)}Detail`;
export const eventInterface = (event) => `${pascal(event)}Event`;

export async function loadApi() {
  const { element } = await import(pathToFileURL(path.join(repoRoot, 'js', 'api.mjs')).href);
  return element;
}

/** Markdown to one plain line for a doc comment or manifest summary. */
const plain = (markdown) => markdown.replace(/\\\|/g, '|');
const doc = (text, indent = '') => {
  const lines = plain(text).split('\n');
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
};
const detailType = (event) => `{ ${event.detail.map((f) => `${f.name}: ${f.type}`).join(', ')} }`;
const signature = (method) => `${method.name}(${method.params.map((p) => `${p.name}: ${p.type}`).join(', ')}): ${method.returns}`;
// What an attribute takes in markup or JSX: the property's setter type without null.
const markupType = (attribute) =>
  attribute.set
    .split('|')
    .map((t) => t.trim())
    .filter((t) => t !== 'null')
    .join(' | ');

// ---------------------------------------------------------------------------------------------
// TypeScript declarations

const HEADER = '// Generated from js/api.mjs by scripts/element-api.mjs; edit that file, not this one.\n';

/** The package's .d.ts files: `{ 'types.d.ts': text, … }`. */
export function declarations(api) {
  const { className: cls, tagName } = api;
  let types = HEADER + '\n';
  for (const event of api.events) {
    types += doc(`Detail of \`${event.name}\`: ${event.description}`);
    types += `export interface ${detailInterface(event.name)} {\n`;
    for (const field of event.detail) {
      if (field.description) types += doc(field.description, '  ');
      types += `  ${field.name}: ${field.type};\n`;
    }
    types += '}\n';
    types += `/** \`${event.name}\`: a bubbling, composed \`CustomEvent\`. */\n`;
    types += `export type ${eventInterface(event.name)} = CustomEvent<${detailInterface(event.name)}>;\n\n`;
  }
  types += `/** The events of \`<${tagName}>\` with those of every HTML element. */\n`;
  types += `export interface ${cls}EventMap extends HTMLElementEventMap {\n`;
  for (const event of api.events) types += `  "${event.name}": ${eventInterface(event.name)};\n`;
  types += '}\n\n';

  types += doc(`\`<${tagName}>\`: ${api.summary}\n\n${api.description}`);
  types += `export declare class ${cls} extends HTMLElement {\n`;
  for (const attribute of api.attributes) {
    types += doc(`${attribute.description}\n\nReflects the \`${attribute.name}\` attribute: reads back as a string, or \`null\` when absent; \`null\` removes it.`, '  ');
    types += `  get ${propertyName(attribute.name)}(): string | null;\n`;
    types += `  set ${propertyName(attribute.name)}(value: ${attribute.set});\n`;
  }
  for (const property of api.properties) {
    types += doc(property.description, '  ');
    types += `  ${property.readonly ? 'readonly ' : ''}${property.name}: ${property.type};\n`;
  }
  for (const method of api.methods) {
    const params = method.params.map((p) => `@param ${p.name} ${p.description ?? ''}`.trimEnd());
    types += doc([method.description, ...(params.length ? ['', ...params] : [])].join('\n'), '  ');
    types += `  ${signature(method)};\n`;
  }
  types += `  addEventListener<K extends keyof ${cls}EventMap>(type: K, listener: (this: ${cls}, event: ${cls}EventMap[K]) => any, options?: boolean | AddEventListenerOptions): void;\n`;
  types += '  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;\n';
  types += `  removeEventListener<K extends keyof ${cls}EventMap>(type: K, listener: (this: ${cls}, event: ${cls}EventMap[K]) => any, options?: boolean | EventListenerOptions): void;\n`;
  types += '  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;\n';
  types += '}\n\n';

  types += `/** \`<${tagName}>\`'s attributes as markup and JSX take them. */\n`;
  types += `export interface ${cls}Attributes {\n`;
  for (const attribute of api.attributes) types += `  "${attribute.name}"?: ${markupType(attribute)};\n`;
  types += '}\n\n';

  types += 'declare global {\n';
  types += `  interface HTMLElementTagNameMap {\n    "${tagName}": ${cls};\n  }\n`;
  types += '  // The events bubble and are composed: a listener on an ancestor, the document or the window\n';
  types += '  // gets them typed too.\n';
  types += '  interface GlobalEventHandlersEventMap {\n';
  for (const event of api.events) types += `    "${event.name}": ${eventInterface(event.name)};\n`;
  types += '  }\n}\n';

  const entry = (what) => `${HEADER}${what}\n`;
  const react =
    HEADER +
    '// React 19 JSX: `import "task-history/react"` defines the element (as the package\'s main entry\n' +
    '// does) and declares <task-history> for TSX. Attributes by their names (`lead-id`) or as\n' +
    '// camelCase properties (`leadId`; the element takes them whenever it is defined); properties\n' +
    '// without an attribute by their own; events as `on` + the event name, which React 19 adds as\n' +
    '// listeners.\n' +
    `import type { DetailedHTMLProps, HTMLAttributes } from "react";\n` +
    `import type { ${[cls, `${cls}Attributes`, ...api.events.map((e) => eventInterface(e.name))].join(', ')} } from "./types.js";\n` +
    'export type * from "./types.js";\n' +
    `export { TaskHistory } from "./task-history.js";\n\n` +
    `/** The props of \`<${tagName}>\` in React 19 JSX. */\n` +
    `export interface ${cls}Props extends DetailedHTMLProps<HTMLAttributes<${cls}>, ${cls}>, ${cls}Attributes {\n` +
    api.attributes
      .filter((a) => a.name.includes('-'))
      .map((a) => `  ${a.name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())}?: ${a.set};\n`)
      .join('') +
    api.properties.map((p) => `  ${p.name}?: ${p.type};\n`).join('') +
    api.events.map((e) => `  "on${e.name}"?: (event: ${eventInterface(e.name)}) => void;\n`).join('') +
    '}\n\n' +
    'declare module "react" {\n  namespace JSX {\n    interface IntrinsicElements {\n' +
    `      "${tagName}": ${cls}Props;\n` +
    '    }\n  }\n}\n';

  return {
    'types.d.ts': types,
    'task-history.d.ts': entry(
      `// The package's main entry: importing it defines <${tagName}>.\n` +
        `import type { ${cls} } from "./types.js";\n` +
        'export type * from "./types.js";\n\n' +
        `/** The element's class: <${tagName}> is defined as soon as the module is imported, before its wasm is ready. */\n` +
        `export declare const TaskHistory: typeof ${cls};\n` +
        '/** Resolves with the class once the WebAssembly module is ready (rejects if it cannot load). */\n' +
        `export declare const ready: Promise<typeof ${cls}>;`,
    ),
    'define.d.ts': entry(
      `// Defines <${tagName}> when called, not when imported.\n` +
        `import type { ${cls} } from "./types.js";\n` +
        'export type * from "./types.js";\n\n' +
        '/** Options of `define()`. */\n' +
        'export interface DefineOptions {\n' +
        '  /**\n' +
        '   * Where task_history_bg.wasm is served, for bundlers that do not rewrite\n' +
        '   * `new URL("./task_history_bg.wasm", import.meta.url)`. Default: beside this module.\n' +
        '   */\n' +
        '  wasmUrl?: string | URL;\n' +
        '  /** The compiled module (or a promise of it) instead of a URL. */\n' +
        '  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;\n' +
        `  /** The tag name. Default: "${tagName}". */\n` +
        '  name?: string;\n' +
        '}\n\n' +
        '/**\n' +
        ' * Defines the element at once (once per name) and loads the WebAssembly module (once per\n' +
        ' * page, whoever asks first); resolves with its class once the module is ready. Elements\n' +
        ' * connected before then show loading placeholders and keep what they are given.\n' +
        ' */\n' +
        `export declare function define(options?: DefineOptions): Promise<typeof ${cls}>;`,
    ),
    'react.d.ts': react,
  };
}

// ---------------------------------------------------------------------------------------------
// Custom Elements Manifest

/** custom-elements.json (schema 2.1) for the package whose main entry is task-history.js. */
export function manifest(api) {
  const { className: cls, tagName } = api;
  const description = (text) => plain(text);
  const declaration = {
    kind: 'class',
    customElement: true,
    tagName,
    name: cls,
    summary: api.summary,
    description: api.description,
    superclass: { name: 'HTMLElement', package: 'global:' },
    attributes: api.attributes.map((a) => ({
      name: a.name,
      type: { text: markupType(a) },
      ...(a.default !== undefined && { default: a.default }),
      description: description(a.description),
      fieldName: propertyName(a.name),
    })),
    members: [
      ...api.attributes.map((a) => ({
        kind: 'field',
        name: propertyName(a.name),
        type: { text: 'string | null' },
        description: description(a.description),
        attribute: a.name,
        reflects: true,
      })),
      ...api.properties.map((p) => ({
        kind: 'field',
        name: p.name,
        type: { text: p.type },
        ...(p.default !== undefined && { default: p.default }),
        ...(p.readonly && { readonly: true }),
        description: description(p.description),
      })),
      ...api.methods.map((m) => ({
        kind: 'method',
        name: m.name,
        description: description(m.description),
        parameters: m.params.map((p) => ({ name: p.name, type: { text: p.type }, ...(p.description && { description: description(p.description) }) })),
        return: { type: { text: m.returns } },
      })),
    ],
    events: api.events.map((e) => ({
      name: e.name,
      type: { text: `CustomEvent<${detailType(e)}>` },
      description: description(e.description),
    })),
    slots: api.slots.map((s) => ({ name: s.name, description: description(s.description) })),
    cssParts: api.cssParts.map((p) => ({ name: p.name, description: description(p.description) })),
    cssProperties: api.cssProperties.map((p) => ({ name: p.name, default: p.default, description: description(p.description) })),
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'task-history.js',
        description: `Defines <${tagName}> when imported.`,
        declarations: [declaration],
        exports: [
          { kind: 'js', name: 'TaskHistory', declaration: { name: cls, module: 'task-history.js' } },
          { kind: 'custom-element-definition', name: tagName, declaration: { name: cls, module: 'task-history.js' } },
        ],
      },
      {
        kind: 'javascript-module',
        path: 'define.js',
        description: `Defines <${tagName}> when \`define()\` is called.`,
        declarations: [
          {
            kind: 'function',
            name: 'define',
            description: 'Defines the element at once (once per name) and loads the WebAssembly module (once per page); resolves with its class once the module is ready.',
            parameters: [
              {
                name: 'options',
                optional: true,
                type: { text: '{ wasmUrl?: string | URL; wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>; name?: string }' },
                description: '`wasmUrl`: where task_history_bg.wasm is served (default: beside the module); `wasmModule`: the compiled module instead; `name`: the tag name.',
              },
            ],
            return: { type: { text: `Promise<typeof ${cls}>` } },
          },
        ],
        exports: [{ kind: 'js', name: 'define', declaration: { name: 'define', module: 'define.js' } }],
      },
    ],
  };
}

/** One paragraph naming the whole API, for the package's README. */
export function apiSummary(api) {
  const list = (items) => items.map((x) => `\`${x}\``).join(', ');
  const attrs = api.attributes.map((a) => `\`${a.name}\`${/required/.test(a.defaultDoc ?? '') ? ' (required)' : ''}`).join(', ');
  const parts = [`Attributes (each also a camelCase property): ${attrs}`];
  if (api.properties.length) parts.push(`properties ${list(api.properties.map((p) => p.name))}`);
  parts.push(`methods ${list(api.methods.map((m) => `${m.name}(${m.params.map((p) => p.name).join(', ')})`))}`);
  parts.push(`events ${list(api.events.map((e) => e.name))}`);
  if (api.slots.length) parts.push(`slots ${list(api.slots.map((s) => s.name || '(default)'))}`);
  return `${parts.join('; ')}; ${api.cssParts.length} CSS parts and ${api.cssProperties.length} custom properties.`;
}

// ---------------------------------------------------------------------------------------------
// docs/element.md

const code = (text) => `\`${text}\``;
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
// `light-dark(#fff, #000)` → `#fff` / `#000`
const cssDefault = (value) => {
  const pair = /^light-dark\(\s*([^,]+?)\s*,\s*([^)]+?)\s*\)$/.exec(value);
  return pair ? `${code(pair[1])} / ${code(pair[2])}` : code(value);
};

/** The generated blocks of docs/element.md, by marker name. */
export function docBlocks(api) {
  const blocks = {};
  blocks.attributes = table(
    ['Attribute', 'Property', 'Type', 'Default', 'Meaning'],
    api.attributes.map((a) => [code(a.name), code(propertyName(a.name)), a.type, a.defaultDoc ?? code(a.default), a.description]),
  );
  if (api.properties.length) {
    blocks.attributes +=
      '\n\nProperties without an attribute:\n\n' +
      table(
        ['Property', 'Type', 'Default', 'Meaning'],
        api.properties.map((p) => [code(p.name), code(p.type.replace(/\|/g, '\\|')), p.default === undefined ? '—' : code(p.default), p.description]),
      );
  }
  blocks.methods = table(
    ['Method', 'Meaning'],
    api.methods.map((m) => [code(`${m.name}(${m.params.map((p) => p.name).join(', ')})`), m.description]),
  );
  blocks.events = table(
    ['Event', '`detail`', 'When'],
    api.events.map((e) => [code(e.name), code(detailType(e)), e.description]),
  );
  blocks.slots = api.slots.length
    ? table(['Slot', 'Content'], api.slots.map((s) => [s.name ? code(s.name) : '(default)', s.description]))
    : 'None: everything the element shows is in its shadow root, and children of the element are not shown.';
  blocks['css-properties'] = table(
    ['Property', 'Default (light / dark)', 'Used for'],
    api.cssProperties.map((p) => [code(p.name), cssDefault(p.default), p.description]),
  );
  blocks.parts = table(['Part', 'Element'], api.cssParts.map((p) => [code(p.name), p.description]));
  blocks.marks = table(['Mark', 'When'], api.marks.map((m) => [code(m.name), m.description]));
  return blocks;
}

const MARKER = /(<!-- api:([a-z-]+) [^>]*-->)\n([\s\S]*?)\n?(<!-- \/api:\2 -->)/g;

/** docs/element.md with every generated block rewritten; throws on a missing or unknown block. */
export function renderDocs(text, api) {
  const blocks = docBlocks(api);
  const seen = new Set();
  const out = text.replace(MARKER, (_, open, name, __, close) => {
    if (!(name in blocks)) throw new Error(`docs/element.md: unknown generated block api:${name}`);
    seen.add(name);
    return `${open}\n${blocks[name]}\n${close}`;
  });
  const missing = Object.keys(blocks).filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`docs/element.md lacks the generated block(s) ${missing.join(', ')}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The source against the element's own code

const read = (...parts) => readFileSync(path.join(repoRoot, ...parts), 'utf8');
const filesUnder = (dir) =>
  readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.rs'))
    .map((e) => path.relative(repoRoot, path.join(e.parentPath ?? e.path, e.name)));

/** What the Rust and CSS say the API is, next to what js/api.mjs says: a list of disagreements. */
export function disagreements(api) {
  const problems = [];
  const compare = (what, source, code, where) => {
    const missing = source.filter((x) => !code.includes(x));
    const extra = code.filter((x) => !source.includes(x));
    if (missing.length) problems.push(`${what} in js/api.mjs but not in ${where}: ${missing.join(', ')}`);
    if (extra.length) problems.push(`${what} in ${where} but not in js/api.mjs: ${extra.join(', ')}`);
  };

  const observed = /OBSERVED_ATTRIBUTES: \[&str; \d+\] = \[([^\]]*)\]/.exec(read('src', 'attributes.rs'));
  if (!observed) problems.push('src/attributes.rs: OBSERVED_ATTRIBUTES not found');
  else compare('attributes', api.attributes.map((a) => a.name), [...observed[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]), 'src/attributes.rs');

  // The loader defines the element before the module can list its attributes.
  const loader = /const OBSERVED_ATTRIBUTES = \[([^\]]*)\]/.exec(read('js', 'define.js'));
  if (!loader) problems.push('js/define.js: OBSERVED_ATTRIBUTES not found');
  else compare('attributes', api.attributes.map((a) => a.name), [...loader[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]), 'js/define.js');

  const events = read('src', 'dom', 'events.rs');
  const constants = [...events.matchAll(/pub const \w+: &str = "([^"]+)";/g)].map((m) => m[1]);
  compare('events', api.events.map((e) => e.name), constants.filter((c) => !c.includes(':')), 'src/dom/events.rs');
  compare('performance marks', api.marks.map((m) => m.name), constants.filter((c) => c.includes(':')), 'src/dom/events.rs');

  // `part="a b"`, `part=format!("card card-{}", …)`, `part=move || format!(…)`: literal names must
  // be documented; each documented name must be a literal or fit a formatted one.
  const literal = new Set();
  const patterns = [];
  for (const file of filesUnder(path.join('src', 'view'))) {
    for (const [, value] of read(file).matchAll(/\bpart=(?:move \|\| )?(?:format!\()?"([^"]*)"/g)) {
      for (const token of value.split(/\s+/).filter(Boolean)) {
        if (token.includes('{')) patterns.push(new RegExp(`^${token.replace(/\{[^}]*\}/g, '[a-z0-9-]+')}$`));
        else literal.add(token);
      }
    }
  }
  const documented = api.cssParts.map((p) => p.name);
  const undocumented = [...literal].filter((p) => !documented.includes(p));
  if (undocumented.length) problems.push(`CSS parts in src/view but not in js/api.mjs: ${undocumented.join(', ')}`);
  const absent = documented.filter((p) => !literal.has(p) && !patterns.some((re) => re.test(p)));
  if (absent.length) problems.push(`CSS parts in js/api.mjs but not in src/view: ${absent.join(', ')}`);

  // Slots: every <slot> in the views, by name ('' for the default one).
  const slots = filesUnder(path.join('src', 'view')).flatMap((file) =>
    [...read(file).matchAll(/<slot\b([^>]*)>/g)].map((m) => /\bname="([^"]*)"/.exec(m[1])?.[1] ?? ''),
  );
  compare('slots', api.slots.map((s) => s.name), [...new Set(slots)], 'src/view');

  // The custom properties and their defaults: the declarations in the stylesheet's first :host rule.
  const host = /:host\s*\{([^}]*)\}/.exec(read('style', 'task-history.css').replace(/\/\*[\s\S]*?\*\//g, ''));
  const declared = new Map([...(host?.[1] ?? '').matchAll(/(--task-history-[a-z0-9-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  compare('CSS custom properties', api.cssProperties.map((p) => p.name), [...declared.keys()], 'style/task-history.css');
  for (const p of api.cssProperties) {
    if (declared.has(p.name) && declared.get(p.name) !== p.default) {
      problems.push(`${p.name}: default ${JSON.stringify(p.default)} in js/api.mjs, ${JSON.stringify(declared.get(p.name))} in style/task-history.css`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const api = await loadApi();
  const command = process.argv[2];
  const current = readFileSync(DOCS, 'utf8');
  if (command === 'docs') {
    const next = renderDocs(current, api);
    if (next !== current) writeFileSync(DOCS, next);
    console.log(`docs/element.md: API tables ${next === current ? 'already up to date' : 'rewritten'} from js/api.mjs`);
  } else if (command === 'check') {
    const problems = disagreements(api);
    if (renderDocs(current, api) !== current) problems.push('docs/element.md: the API tables differ from js/api.mjs (run make api-docs)');
    if (problems.length) {
      console.error(problems.map((p) => `element API: ${p}`).join('\n'));
      process.exit(1);
    }
    console.log('element API: js/api.mjs, docs/element.md and the element agree');
  } else {
    console.error('usage: node scripts/element-api.mjs docs|check');
    process.exit(2);
  }
}
