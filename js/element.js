// The <task-history> custom element: registration apart from behaviour. wasm-bindgen cannot
// extend HTMLElement, so this class only forwards lifecycle callbacks, attributes and methods
// to a Rust handle; everything else is Rust. The class is defined before the WebAssembly
// module is ready, so frameworks find its properties at their first render: until then each
// element shows loading placeholders and keeps what it is given.

/** Properties with no attribute: objects and functions a host hands over. */
const PROPERTIES_ONLY = ["users", "strings"];

/** The placeholders' look until the element's own stylesheet (inside the wasm) arrives. */
const WAITING_CSS = `:host{display:block}
.waiting{display:grid;gap:8px;padding:var(--task-history-gap,12px);border:1px solid var(--task-history-border,#d9dee7);border-radius:var(--task-history-radius,8px);background:var(--task-history-bg,#fff)}
.waiting div{height:72px;border-radius:var(--task-history-radius,8px);background:var(--task-history-skeleton,#e6e9ef)}
.failed{padding:var(--task-history-gap,12px);border:1px solid var(--task-history-overdue-fg,#a62116);border-radius:var(--task-history-radius,8px);color:var(--task-history-overdue-fg,#a62116);font-family:var(--task-history-font-family,system-ui,sans-serif)}`;

/** What the reader is told when the module cannot load, unless the error says more. */
const NOT_LOADED = "The task history could not be loaded. Reload the page to try again.";
/** What the reader is told when the module has trapped. */
const STOPPED = "The task history stopped working. Reload the page to try again.";

/**
 * Set once the WebAssembly module traps (it is shared by every element on the page): its
 * memory can no longer be trusted, so nothing calls into it again, and every element says so.
 */
let crashed = false;
/** Every element with a handle → how it says the module stopped. */
const live = new Map();

function onTrap(error) {
  if (crashed || !(error instanceof WebAssembly.RuntimeError)) return;
  crashed = true;
  console.error("<task-history>: its WebAssembly module stopped (a trap); every element on the page says so", error);
  for (const stop of live.values()) stop();
  live.clear();
}
addEventListener("error", (event) => onTrap(event.error));
addEventListener("unhandledrejection", (event) => onTrap(event.reason));

let waitingSheet = null;
function waitingStyles() {
  if (!waitingSheet && "adoptedStyleSheets" in Document.prototype) {
    waitingSheet = new CSSStyleSheet();
    waitingSheet.replaceSync(WAITING_CSS);
  }
  return waitingSheet;
}

/**
 * Defines the element (once) and returns its class at once.
 * @param {Promise<(host: HTMLElement) => object>} handles resolves with the maker of the Rust
 *   handle for one element, once the WebAssembly module is ready (rejects if it cannot load)
 * @param {string[]} attributes the attribute names the handle observes
 * @param {string} [name] the tag name
 */
export function defineTaskHistory(handles, attributes, name = "task-history") {
  const existing = customElements.get(name);
  if (existing) return existing;

  // attribute name → property name: lead-id → leadId.
  const properties = Object.fromEntries(
    attributes.map((attribute) => [attribute, attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase())]),
  );
  // A framework that wrote a camelCase prop as an attribute before the element was defined
  // (React 19 does) left it lower-cased: leadid for lead-id.
  const lowerCased = Object.fromEntries(
    attributes.filter((a) => a.includes("-")).map((attribute) => [properties[attribute].toLowerCase(), attribute]),
  );

  /** The maker of handles once ready; `null` before, an Error if the module cannot load. */
  let createHandle = null;
  /** Connected elements waiting for it. */
  const waiting = new Set();

  class TaskHistory extends HTMLElement {
    static get observedAttributes() {
      return attributes;
    }

    static {
      handles.then(
        (create) => {
          createHandle = create;
          for (const element of waiting) element.#start();
          waiting.clear();
        },
        (error) => {
          createHandle = error instanceof Error ? error : new Error(String(error));
          for (const element of waiting) element.#fail(createHandle.readerMessage ?? NOT_LOADED, "load.failed");
          waiting.clear();
        },
      );
    }

    #handle = null;
    /** `users`: user ID → name or `{ name, avatarUrl }` (plain object or Map). */
    #users = undefined;
    /** `strings`: message id → text, for every language or under a language tag. */
    #strings = undefined;
    /** A `goToPage(n)` asked for before the handle existed. */
    #page = undefined;
    /** What the shadow root shows until the handle mounts its view. */
    #placeholder = null;

    constructor() {
      super();
      if (!this.shadowRoot) this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      // A property set before the element was upgraded shadows the accessor; replay it.
      for (const property of [...Object.values(properties), ...PROPERTIES_ONLY]) {
        if (Object.prototype.hasOwnProperty.call(this, property)) {
          const value = this[property];
          delete this[property];
          this[property] = value;
        }
      }
      for (const [lower, attribute] of Object.entries(lowerCased)) {
        if (this.hasAttribute(lower) && !this.hasAttribute(attribute)) {
          this.setAttribute(attribute, this.getAttribute(lower));
        }
      }
      if (crashed) {
        this.#fail(STOPPED, "crashed");
        return;
      }
      if (this.#handle) return;
      if (typeof createHandle === "function") this.#start();
      else if (createHandle instanceof Error) this.#fail(createHandle.readerMessage ?? NOT_LOADED, "load.failed");
      else {
        this.#showWaiting();
        waiting.add(this);
      }
    }

    #start() {
      if (!this.isConnected || this.#handle) return;
      this.#clearPlaceholder();
      this.#handle = createHandle(this);
      live.set(this, () => this.#fail(STOPPED, "crashed"));
      if (this.#users !== undefined) this.#handle.setUsers(this.#users);
      if (this.#strings !== undefined) this.#handle.setStrings(this.#strings);
      if (this.#page !== undefined) this.#handle.goToPage(this.#page);
      this.#page = undefined;
    }

    #showWaiting() {
      if (this.#placeholder) return;
      const box = document.createElement("div");
      box.className = "waiting";
      box.setAttribute("part", "skeleton");
      box.setAttribute("data-testid", "skeleton");
      box.setAttribute("aria-busy", "true");
      for (let i = 0; i < 3; i += 1) box.append(document.createElement("div"));
      this.#setPlaceholder(box);
    }

    /**
     * Says `text` in place of the view, and fires `task-history-error` with `code`: the module
     * did not load, or it stopped. The module's words are inside it, so these are English.
     */
    #fail(text, code) {
      if (this.#placeholder?.classList.contains("failed")) return;
      this.#clearPlaceholder();
      for (const child of this.shadowRoot.children) child.hidden = true;
      const message = document.createElement("p");
      message.className = "failed";
      message.setAttribute("part", "error");
      message.setAttribute("role", "alert");
      message.setAttribute("data-testid", "error-state");
      message.textContent = text;
      this.#setPlaceholder(message);
      this.dispatchEvent(
        new CustomEvent("task-history-error", {
          bubbles: true,
          composed: true,
          detail: { status: 0, code, message: text, cause: code === "crashed" ? "the WebAssembly module trapped" : "the WebAssembly module could not be loaded" },
        }),
      );
    }

    #setPlaceholder(node) {
      const sheet = waitingStyles();
      if (sheet) this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, sheet];
      this.shadowRoot.append(node);
      this.#placeholder = node;
    }

    #clearPlaceholder() {
      if (!this.#placeholder) return;
      this.#placeholder.remove();
      this.#placeholder = null;
      if (waitingSheet) {
        this.shadowRoot.adoptedStyleSheets = this.shadowRoot.adoptedStyleSheets.filter((s) => s !== waitingSheet);
      }
    }

    /** The host's names for user IDs; a new map re-renders the names without a request. */
    get users() {
      return this.#users;
    }

    set users(value) {
      this.#users = value;
      if (!crashed) this.#handle?.setUsers(value ?? null);
    }

    /** The host's own wording over the built-in text; a new object re-words the element. */
    get strings() {
      return this.#strings;
    }

    set strings(value) {
      this.#strings = value;
      if (!crashed) this.#handle?.setStrings(value ?? null);
    }

    disconnectedCallback() {
      waiting.delete(this);
      if (crashed) return;
      // Decided after the current task: a node moved within the page (disconnected and
      // reconnected at once, as frameworks do when reordering) keeps its handle, its page and
      // its cache; one that stays out is disposed. Deferring also means a listener of our own
      // event may remove the element safely.
      queueMicrotask(() => {
        if (this.isConnected || !this.#handle || crashed) return;
        const handle = this.#handle;
        this.#handle = null;
        live.delete(this);
        handle.dispose();
        handle.free();
      });
    }

    attributeChangedCallback(attribute, oldValue, newValue) {
      if (oldValue !== newValue && !crashed) this.#handle?.attributeChanged(attribute, newValue);
    }

    /** Reloads the current page from the network. */
    refresh() {
      // Before the module is ready there is nothing to reload: the first load is fresh.
      if (!crashed) this.#handle?.refresh();
    }

    /** Shows page `n` (clamped to the pages that exist). */
    goToPage(n) {
      if (crashed) return;
      if (this.#handle) this.#handle.goToPage(Number(n));
      else this.#page = Number(n);
    }
  }

  for (const [attribute, property] of Object.entries(properties)) {
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

  customElements.define(name, TaskHistory);
  return TaskHistory;
}
