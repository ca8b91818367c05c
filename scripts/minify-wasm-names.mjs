#!/usr/bin/env node
// Shortens the import names the wasm module and its wasm-bindgen glue share. Each of the
// ~160 imports is written twice, in the wasm and as a key of the glue's import object, with a
// hash suffix that does not compress (`__wbg_addEventListener_847fd86b8c33ec43`); as `a`,
// `b`, … `ab` they cost about 4 KB less gzip. The import module (`./task_history_bg.js`)
// becomes `a` too. Exports keep their names: the glue's `default()` hands them to callers.
//
// The glue's import object must look as wasm-bindgen writes it, one `name: function` key per
// line; the script fails, leaving both files untouched, when a name is not found that way.
//
// usage: node scripts/minify-wasm-names.mjs pkg/task_history_bg.wasm pkg/task_history.js

import { readFileSync, writeFileSync } from "node:fs";

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
  let name = "";
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

// --- the wasm: rewrite the names in the import section (id 2), copy everything else ---------

const wasm = readFileSync(wasmPath);
let at = 0;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = wasm[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
};
const leb = (value) => {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
};
const utf8 = (text) => Buffer.concat([leb(Buffer.byteLength(text)), Buffer.from(text)]);
const readName = () => {
  const length = u32();
  const name = wasm.toString("utf8", at, at + length);
  at += length;
  return name;
};
const limits = () => {
  const flags = wasm[at++];
  u32();
  if (flags & 1) u32();
};

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);
const parts = [wasm.subarray(0, 8)];
const renamed = new Map(); // old import name → short name
const modules = new Set();
at = 8;
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  const size = u32();
  const end = at + size;
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    at = end;
    continue;
  }
  const count = u32();
  const body = [leb(count)];
  for (let i = 0; i < count; i++) {
    const module = readName();
    const name = readName();
    const describedFrom = at;
    const kind = wasm[at++];
    if (kind === 0x00) u32(); // function: type index
    else if (kind === 0x01) (at++, limits()); // table: element type, limits
    else if (kind === 0x02) limits(); // memory
    else if (kind === 0x03) at += 2; // global: value type, mutability
    else fail(`import ${module}.${name} has a kind (${kind}) this script does not know`);
    if (renamed.has(name)) fail(`import name ${name} appears twice`);
    renamed.set(name, shortName(renamed.size));
    modules.add(module);
    body.push(utf8("a"), utf8(renamed.get(name)), wasm.subarray(describedFrom, at));
  }
  if (at !== end) fail("the import section is longer than its imports");
  const content = Buffer.concat(body);
  parts.push(Buffer.from([2]), leb(content.length), content);
}

// --- the glue: the import object's keys and the module it is registered under --------------

let glue = readFileSync(gluePath, "utf8");
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
for (const module of modules) {
  const pattern = new RegExp(`"${escape(module)}"(?=\\s*:)`, "g");
  if (!pattern.test(glue)) fail(`import module ${module} not found in ${gluePath}`);
  glue = glue.replace(pattern, '"a"');
}
for (const [name, short] of renamed) {
  const pattern = new RegExp(`^(\\s*)${escape(name)}(?=:)`, "m");
  if (!pattern.test(glue)) fail(`import ${name} is not a key in ${gluePath}`);
  glue = glue.replace(pattern, `$1${short}`);
}
const left = [...renamed.keys()].filter((name) => glue.includes(name));
if (left.length > 0) fail(`${gluePath} still uses ${left.join(", ")} outside its import object`);

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(gluePath, glue);
