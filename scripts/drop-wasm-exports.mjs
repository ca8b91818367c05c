#!/usr/bin/env node
// Drops classes that a dependency exports to JS but the widget never hands out. leptos's
// server_fn brings wasm-streams, whose `#[wasm_bindgen]` classes (IntoUnderlyingSource, …,
// for Rust-backed JS streams) are exported whether used or not: with them go their code in
// the wasm, the imports only they call, and their classes and import shims in the glue
// (about 2.5 KB of gzip).
//
// The wasm loses the classes' exports and is optimized once more (wasm-opt -O), which removes
// what only they reached, imports included. The glue loses each class (`export class X {`
// to the `}` closing it), its `XFinalization` registry and its `Symbol.dispose` line, and the
// import object loses the keys of imports the wasm no longer has. The script fails, leaving
// both files untouched, if the glue does not have that shape or still mentions a class.
//
// usage: node scripts/drop-wasm-exports.mjs <module.wasm> <glue.js> <Class>...

import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";

import { assemble, exportSection, exports, imports, sections } from "./wasm-module.mjs";

const [wasmPath, gluePath, ...classes] = process.argv.slice(2);
if (!wasmPath || !gluePath || classes.length === 0) {
  console.error("usage: drop-wasm-exports.mjs <module.wasm> <glue.js> <Class>...");
  process.exit(2);
}
const fail = (message) => {
  console.error(`drop-wasm-exports: ${message}`);
  process.exit(1);
};

// --- the wasm ---------------------------------------------------------------------------

// wasm-bindgen exports a class `Foo`'s methods as `foo_<method>` and its destructor as
// `__wbg_foo_free`.
const prefixes = classes.map((name) => name.toLowerCase());
const dropped = (field) =>
  prefixes.some((prefix) => field.startsWith(`${prefix}_`) || field === `__wbg_${prefix}_free`);

const original = readFileSync(wasmPath);
const parts = sections(original);
const exportPart = parts.find(({ id }) => id === 7);
const kept = exports(exportPart.body).filter(({ field }) => !dropped(field));
const droppedFields = exports(exportPart.body)
  .map(({ field }) => field)
  .filter(dropped);
if (droppedFields.length === 0) fail(`no exports of ${classes.join(", ")} in ${wasmPath}`);
exportPart.body = exportSection(kept);

const trimmed = `${wasmPath}.trimmed`;
writeFileSync(trimmed, assemble(original, parts));
try {
  execFileSync("wasm-opt", [trimmed, "-O", "-o", trimmed], { stdio: "inherit" });
} catch {
  rmSync(trimmed, { force: true });
  fail("wasm-opt failed");
}
const wasm = readFileSync(trimmed);
rmSync(trimmed);
const importPart = sections(wasm).find(({ id }) => id === 2);
const stillImported = new Set(importPart ? imports(importPart.body).map(({ field }) => field) : []);

// --- the glue ---------------------------------------------------------------------------

let lines = readFileSync(gluePath, "utf8").split("\n");
const cut = (first, isLast, what) => {
  const start = lines.findIndex(first);
  if (start < 0) fail(`${what} not found in ${gluePath}`);
  const end = lines.findIndex((line, i) => i >= start && isLast(line));
  if (end < 0) fail(`the end of ${what} not found in ${gluePath}`);
  lines.splice(start, end - start + 1);
};
for (const name of classes) {
  cut((line) => line === `export class ${name} {`, (line) => line === "}", `class ${name}`);
  cut(
    (line) => line.startsWith(`if (Symbol.dispose) ${name}.prototype`),
    () => true,
    `${name}'s Symbol.dispose`,
  );
  cut(
    (line) => line.startsWith(`const ${name}Finalization = `),
    (line) => line.endsWith(");"),
    `${name}Finalization`,
  );
}

// The import object: one `        name: function(…) {` line starts each entry, which runs up
// to the next such line or the object's closing `    };`.
const key = /^ {8}([\w$]+): function/;
const objectStart = lines.findIndex((line) => line === "    const import0 = {");
const objectEnd = lines.findIndex((line, i) => i > objectStart && line === "    };");
if (objectStart < 0 || objectEnd < 0) fail(`no import object in ${gluePath}`);
const entries = [];
for (let i = objectStart + 1; i < objectEnd; i++) {
  const match = key.exec(lines[i]);
  if (match) entries.push({ field: match[1], start: i });
}
entries.forEach((entry, i) => {
  entry.end = i + 1 < entries.length ? entries[i + 1].start : objectEnd;
});
for (const { field, start, end } of entries.reverse()) {
  if (!stillImported.has(field)) lines.splice(start, end - start);
}

const glue = lines.join("\n");
const left = [...classes, ...droppedFields].filter((name) => glue.includes(name));
if (left.length > 0) fail(`${gluePath} still mentions ${left.join(", ")}`);

writeFileSync(gluePath, glue);
writeFileSync(wasmPath, wasm);
