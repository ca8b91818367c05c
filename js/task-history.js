// Registers <task-history>. wasm-bindgen cannot extend HTMLElement, so this class only forwards
// lifecycle callbacks, attributes and methods to the Rust TaskHistoryHandle; all behaviour is
// in Rust. The wasm module is fetched and compiled once per page, however many elements exist.
import init, { TaskHistoryHandle, observedAttributes } from "./pkg/task_history.js";

try {
  await init();
} catch (error) {
  console.error("<task-history>: could not load its WebAssembly module (pkg/task_history_bg.wasm)", error);
  throw error;
}

const ATTRIBUTES = observedAttributes();
// attribute name → property name: lead-id → leadId.
const PROPERTIES = Object.fromEntries(
  ATTRIBUTES.map((name) => [name, name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())]),
);

export class TaskHistory extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  #handle = null;

  constructor() {
    super();
    if (!this.shadowRoot) this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    // A property set before the element was upgraded shadows the accessor; replay it.
    for (const property of Object.values(PROPERTIES)) {
      if (Object.prototype.hasOwnProperty.call(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    if (!this.#handle) this.#handle = new TaskHistoryHandle(this);
  }

  disconnectedCallback() {
    // Decided after the current task: a node moved within the page (disconnected and
    // reconnected at once, as frameworks do when reordering) keeps its handle, its page and
    // its cache; one that stays out is disposed. Deferring also means a listener of our own
    // event may remove the element safely.
    queueMicrotask(() => {
      if (this.isConnected || !this.#handle) return;
      const handle = this.#handle;
      this.#handle = null;
      handle.dispose();
      handle.free();
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue !== newValue) this.#handle?.attributeChanged(name, newValue);
  }

  /** Reloads the current page from the network. */
  refresh() {
    this.#handle?.refresh();
  }

  /** Shows page `n` (clamped to the pages that exist). */
  goToPage(n) {
    this.#handle?.goToPage(Number(n));
  }
}

for (const [attribute, property] of Object.entries(PROPERTIES)) {
  Object.defineProperty(TaskHistory.prototype, property, {
    get() {
      return this.getAttribute(attribute);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
    configurable: true,
    enumerable: true,
  });
}

if (!customElements.get("task-history")) customElements.define("task-history", TaskHistory);
