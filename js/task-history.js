// Loads <task-history>: one script include per page. The wasm module is fetched and compiled
// once per page, however many elements there are; the download and compilation start at once,
// in parallel with the JS glue and the element class, rather than after them.
const wasmUrl = new URL("./pkg/task_history_bg.wasm", import.meta.url);
// Where streaming compilation is refused (a server without the application/wasm type), the
// glue's own loader gets the URL and falls back by itself.
const compiled = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => wasmUrl);

const [glue, { defineTaskHistory }] = await Promise.all([
  import("./pkg/task_history.js"),
  import("./element.js"),
]);

try {
  await glue.default({ module_or_path: await compiled });
} catch (error) {
  console.error("<task-history>: could not load its WebAssembly module (pkg/task_history_bg.wasm)", error);
  throw error;
}

export const TaskHistory = defineTaskHistory(
  (host) => new glue.TaskHistoryHandle(host),
  glue.observedAttributes(),
);
