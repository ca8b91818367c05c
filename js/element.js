// The <task-history> custom element: registration apart from behaviour. wasm-bindgen cannot
// extend HTMLElement, so this class only forwards lifecycle callbacks, attributes and methods
// to a Rust handle made by `createHandle(host)`; everything else is Rust.

/** Properties with no attribute: objects and functions a host hands over. */
const PROPERTIES_ONLY = ["users", "strings"];

/**
 * Defines the element (once) and returns its class.
 * @param {(host: HTMLElement) => object} createHandle makes the Rust handle for one element
 * @param {string[]} attributes the attribute names the handle observes
 * @param {string} [name] the tag name
 */

export function defineTaskHistory(createHandle, attributes, name = "task-history") {
  const existing = customElements.get(name);
  if (existing) return existing;

  // attribute name → property name: lead-id → leadId.
  const properties = Object.fromEntries(
    attributes.map((attribute) => [attribute, attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase())]),
  );

  class TaskHistory extends HTMLElement {
    static get observedAttributes() {
      return attributes;
    }

    #handle = null;
    /** `users`: user ID → name or `{ name, avatarUrl }` (plain object or Map). */
    #users = undefined;
    /** `strings`: message id → text, for every language or under a language tag. */
    #strings = undefined;

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
      if (!this.#handle) {
        this.#handle = createHandle(this);
        if (this.#users !== undefined) this.#handle.setUsers(this.#users);
        if (this.#strings !== undefined) this.#handle.setStrings(this.#strings);
      }
    }

    /** The host's names for user IDs; a new map re-renders the names without a request. */
    get users() {
      return this.#users;
    }

    set users(value) {
      this.#users = value;
      this.#handle?.setUsers(value ?? null);
    }

    /** The host's own wording over the built-in text; a new object re-words the element. */
    get strings() {
      return this.#strings;
    }

    set strings(value) {
      this.#strings = value;
      this.#handle?.setStrings(value ?? null);
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

    attributeChangedCallback(attribute, oldValue, newValue) {
      if (oldValue !== newValue) this.#handle?.attributeChanged(attribute, newValue);
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
