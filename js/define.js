// Defines <task-history> when asked rather than when imported: the npm package's
// "task-history/define" entry, and what the loader (task-history.js) calls. One WebAssembly
// instance per page, whoever asks first; `wasmUrl` is for bundlers that do not rewrite
// `new URL("./pkg/task_history_bg.wasm", import.meta.url)` into the URL they emit the file at.
import init, { TaskHistoryHandle, observedAttributes } from "./pkg/task_history.js";
import { defineTaskHistory } from "./element.js";

let loading = null;

/**
 * Loads the wasm (once) and defines the element (once per name); resolves with its class.
 * @param {{ wasmUrl?: string | URL, wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>, name?: string }} [options]
 */
export async function define({ wasmUrl, wasmModule, name = "task-history" } = {}) {
  loading ??= (async () => {
    let source = wasmUrl ?? new URL("./pkg/task_history_bg.wasm", import.meta.url);
    try {
      source = (await wasmModule) ?? source;
      await init({ module_or_path: source });
    } catch (error) {
      loading = null;
      const what = source instanceof WebAssembly.Module ? "the compiled module given" : source;
      console.error(`<task-history>: could not load its WebAssembly module (${what})`, error);
      throw error;
    }
    addEventListener("task-history-error", hintAtCors, true);
  })();
  await loading;
  return defineTaskHistory((host) => new TaskHistoryHandle(host), observedAttributes(), name);
}

// When a proxy on another origin does not list the page's origin in its CORS origins, the
// browser hides every response and the element can only say it could not reach the service.
// Say once per proxy origin what to check (the browser's own CORS error is beside it).
const hinted = new Set();
function hintAtCors(event) {
  if (event.detail?.code !== "error.network") return;
  let proxy;
  try {
    proxy = new URL(event.composedPath()[0].getAttribute("proxy-base"), document.baseURI).origin;
  } catch {
    return;
  }
  if (proxy === location.origin || hinted.has(proxy)) return;
  hinted.add(proxy);
  console.warn(
    `<task-history>: no response from the proxy at ${proxy}. It is on another origin than this page (${location.origin}): ` +
      "if the proxy does not list this page's origin in its CORS origins (--cors-origins or PROXY_CORS_ORIGINS; " +
      "CORS_ORIGINS for the nginx config), the browser blocks every answer. Otherwise check that the proxy is running and reachable.",
  );
}
