#!/usr/bin/env node
// Trusted Types for the wasm-bindgen glue. The one HTML string the element's module assigns is
// Leptos's own static markup (tachys clones a view's fixed parts from a <template> it fills
// with innerHTML); on a page enforcing `require-trusted-types-for 'script'` a plain string
// there is refused. This routes that one assignment through a policy named "task-history", so
// such a page needs only to allow that name (`trusted-types task-history`), and exports
// `trustedTypesBlocked()`, true where the page enforces Trusted Types but does not allow the
// policy, so the loader can say so instead of leaving the element empty.
//
// The script fails, leaving the glue untouched, unless it finds exactly one innerHTML
// assignment written the way wasm-bindgen writes it.
//
// usage: node scripts/trusted-html-glue.mjs <glue.js>

import { readFileSync, writeFileSync } from "node:fs";

const [gluePath] = process.argv.slice(2);
if (!gluePath) {
  console.error("usage: trusted-html-glue.mjs <glue.js>");
  process.exit(2);
}
const glue = readFileSync(gluePath, "utf8");
const assignment = /(\w+)\.innerHTML = (getStringFromWasm0\(\w+, \w+\));/g;
const found = glue.match(assignment) ?? [];
if (found.length !== 1) {
  console.error(`trusted-html-glue: expected one innerHTML assignment in ${gluePath}, found ${found.length}`);
  process.exit(1);
}

const helpers = `
// Trusted Types (scripts/trusted-html-glue.mjs): the module's own static markup goes through the
// "task-history" policy where the page allows it.
const taskHistoryPolicy = (() => {
  try {
    return globalThis.trustedTypes?.createPolicy("task-history", { createHTML: (html) => html }) ?? null;
  } catch {
    return null;
  }
})();
function trustedHTML(html) {
  return taskHistoryPolicy ? taskHistoryPolicy.createHTML(html) : html;
}
/** Whether the page enforces Trusted Types without allowing the "task-history" policy. */
export function trustedTypesBlocked() {
  if (taskHistoryPolicy || !globalThis.trustedTypes) return false;
  try {
    document.createElement("template").innerHTML = "";
    return false;
  } catch {
    return true;
  }
}
`;
writeFileSync(gluePath, helpers + glue.replace(assignment, "$1.innerHTML = trustedHTML($2);"));
