#!/usr/bin/env node
// Shortens the names the wasm module and its wasm-bindgen glue share. Each of the ~150 imports
// is written twice, in the wasm and as a key of the glue's import object, with a hash suffix
// that does not compress (`__wbg_addEventListener_847fd86b8c33ec43`); so are the exports the
// glue calls (`wasm_bindgen__convert__closures_____invoke__h…`). As `a`, `b`, … `ab` they
// cost about 5 KB less gzip. The import module (`./task_history_bg.js`) becomes `a` too. The
// `memory` export keeps its name: the glue's `default()` hands the exports to callers, who
// may read it. Custom sections (producers, target features) go: browsers ignore them.
//
// In the glue, imports are the keys of the import object, one `name: function` per line as
// wasm-bindgen writes it, and exports are read as `wasm.<name>`; the script fails, leaving
// both files untouched, when a name is not found that way or an export is read otherwise.
//
// usage: node scripts/minify-wasm-names.mjs <module.wasm> <glue.js>

import { readFileSync, writeFileSync } from "node:fs";

import {
  assemble,
  exportSection,
  exports,
  importSection,
  imports,
  sections,
} from "./wasm-module.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
if (!wasmPath || !gluePath) {
  console.error("usage: minify-wasm-names.mjs <module.wasm> <glue.js>");
  process.exit(2);
}
const fail = (message) => {
  console.error(`minify-wasm-names: ${message}`);
  process.exit(1);
};

/** `a` … `z`, `A` … `Z`, `aa`, `ab`, …: the `n`th short name. */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let short = "";
  do {
    short = letters[n % letters.length] + short;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return short;
}

const original = readFileSync(wasmPath);
const parts = sections(original).filter(({ id }) => id !== 0);
const importPart = parts.find(({ id }) => id === 2);
if (!importPart) fail(`${wasmPath} has no imports`);
const renamed = new Map(); // old import name → short name
const modules = new Set();
const entries = imports(importPart.body).map(({ module, field, descriptor }) => {
  if (renamed.has(field)) fail(`import name ${field} appears twice`);
  renamed.set(field, shortName(renamed.size));
  modules.add(module);
  return { module: "a", field: renamed.get(field), descriptor };
});
importPart.body = importSection(entries);

const exportPart = parts.find(({ id }) => id === 7);
const exported = new Map(); // old export name → short name
exportPart.body = exportSection(
  exports(exportPart.body).map(({ field, descriptor }) => {
    const short = field === "memory" ? field : shortName(exported.size);
    exported.set(field, short);
    return { field: short, descriptor };
  }),
);

let glue = readFileSync(gluePath, "utf8");
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
for (const module of modules) {
  // The object the glue's `__wbg_get_imports` returns: `"./task_history_bg.js": import0`.
  const pattern = new RegExp(`"${escape(module)}"(?=\\s*:)`, "g");
  if (!pattern.test(glue)) fail(`import module ${module} not found in ${gluePath}`);
  glue = glue.replace(pattern, '"a"');
}
for (const [field, short] of renamed) {
  const pattern = new RegExp(`^(\\s*)${escape(field)}(?=:)`, "m");
  if (!pattern.test(glue)) fail(`import ${field} is not a key in ${gluePath}`);
  glue = glue.replace(pattern, `$1${short}`);
}
glue = glue.replace(/\bwasm\.([\w$]+)/g, (read, field) => {
  if (!exported.has(field)) fail(`${gluePath} reads ${read}, which the wasm does not export`);
  return `wasm.${exported.get(field)}`;
});
const left = [...renamed.keys()].filter((field) => glue.includes(field));
if (left.length > 0) fail(`${gluePath} still uses ${left.join(", ")} outside its import object`);

writeFileSync(wasmPath, assemble(original, parts));
writeFileSync(gluePath, glue);
