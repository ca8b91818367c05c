// Loads <task-history>: one script include per page. The element is defined as soon as its
// JS is in, before the wasm. The wasm module is fetched and compiled
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

// The element is defined now, before the wasm is ready: a framework rendering meanwhile finds
// its properties, and elements already on the page show loading placeholders until then.
/** Resolves with the element's class once its WebAssembly module is ready. */
export const ready = define({ wasmModule: compiled });
/** The element's class, defined already. */
export const TaskHistory = customElements.get("task-history");
// An unhandled rejection would say nothing more than define() has said in the console.
ready.catch(() => {});
