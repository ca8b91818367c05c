// Loads <task-history>: one script include per page. The wasm module is fetched and compiled
// once per page, however many elements there are; the download and compilation start at once,
// in parallel with the JS glue and the element class, rather than after them.
const wasmUrl = new URL("./pkg/task_history_bg.wasm", import.meta.url);
// Where streaming compilation is refused (a server without the application/wasm type), the
// glue's own loader gets the URL and falls back by itself.
const compiled = WebAssembly.compileStreaming(fetch(wasmUrl)).catch(() => wasmUrl);

// define.js imports the glue and the element class; asking for all three here fetches them
// side by side instead of one after the other.
const [{ define }] = await Promise.all([
  import("./define.js"),
  import("./pkg/task_history.js"),
  import("./element.js"),
]);

export const TaskHistory = await define({ wasmModule: compiled });
