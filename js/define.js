// Defines <task-history> when asked rather than when imported: the npm package's
// "task-history/define" entry, and what the loader (task-history.js) calls. One WebAssembly
// instance per page, whoever asks first; `wasmUrl` is for bundlers that do not rewrite
// `new URL("./pkg/task_history_bg.wasm", import.meta.url)` into the URL they emit the file at.
import init, { TaskHistoryHandle, observedAttributes, trustedTypesBlocked } from "./pkg/task_history.js";
import { defineTaskHistory } from "./element.js";

/**
 * The attributes the element observes, known before the module is (the element is defined
 * first); `make test-package` checks them against the element's Rust and its manifest.
 */
const OBSERVED_ATTRIBUTES = ["lead-id", "proxy-base", "page-size", "locale", "time-zone", "theme", "density", "token"];

let loading = null;

/**
 * Defines the element (once per name) at once, and loads the wasm (once); resolves with the
 * class once the module is ready. Elements on the page before then show loading placeholders
 * and keep their attributes, properties and `goToPage` calls until it is.
 * @param {{ wasmUrl?: string | URL, wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>, name?: string }} [options]
 */
export function define({ wasmUrl, wasmModule, name = "task-history" } = {}) {
  loading ??= (async () => {
    if (trustedTypesBlocked()) {
      const error = new Error(
        '<task-history>: the page enforces Trusted Types (require-trusted-types-for \'script\') without allowing the policy "task-history": add it to the trusted-types directive of its Content-Security-Policy',
      );
      error.readerMessage = "The task history is blocked by this page's security policy.";
      console.error(error.message);
      throw error;
    }
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
    const observed = [...observedAttributes()];
    if (observed.join() !== OBSERVED_ATTRIBUTES.join()) {
      console.error(`<task-history>: this loader and its module disagree on the attributes (${observed.join(", ")}): serve the files of one release together`);
    }
    addEventListener("task-history-error", hintAtCors, true);
    return (host) => new TaskHistoryHandle(host);
  })();
  const TaskHistory = defineTaskHistory(loading, OBSERVED_ATTRIBUTES, name);
  return loading.then(() => TaskHistory);
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
