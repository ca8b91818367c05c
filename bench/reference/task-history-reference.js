// <task-history-reference>: the plain-JS yardstick the bench compares <task-history> against.
// Same request through the same proxy, same markup (classes, parts, data-testids) and the same
// stylesheet, no framework: what a careful hand-written element costs. It is deliberately not
// a product: no error states, skeleton or prefetch, only what the measured paths need
// (first cards, page changes from a small cache of visited pages).
//
// bench/site.mjs replaces the CSS placeholder below with style/task-history.css, so both
// elements paint the same styles and neither needs a second request for them.
const CSS = "/*@TASK_HISTORY_CSS@*/";
const CACHED_PAGES = 8;
const MINUTE = 60_000;
const RELATIVE_STEPS = [
  [60 * MINUTE, MINUTE, "minute"],
  [24 * 60 * MINUTE, 60 * MINUTE, "hour"],
  [7 * 1440 * MINUTE, 1440 * MINUTE, "day"],
  [30 * 1440 * MINUTE, 7 * 1440 * MINUTE, "week"],
  [365 * 1440 * MINUTE, 30 * 1440 * MINUTE, "month"],
  [Infinity, 365 * 1440 * MINUTE, "year"],
];
const KNOWN_TYPES = {
  FOLLOW_UP_CALL: "Follow-up call", FIRST_CALL: "First call", FOLLOW_UP: "Follow-up",
  REMINDER: "Reminder", WHATSAPP: "WhatsApp message", SMS: "SMS", EMAIL: "Email",
};
// The element's type glyphs, by the words in the type (reminders get the drawn bell).
const TYPE_GLYPHS = [[/CALL/, "call", "☎"], [/REMIND/, "reminder", null], [/MEET|DEMO|VISIT/, "meeting", "▦"],
  [/MAIL|SMS|WHATSAPP|MESSAGE/, "message", "✉"], [/(?:)/, "task", "◆"]];
const STATUS = {
  pending: ["Pending", "◷"], completed: ["Completed", "✓"], overdue: ["Overdue", "!"], other: ["", "•"],
};

let sheet;
function sharedSheet() {
  sheet ??= new CSSStyleSheet();
  if (sheet.cssRules.length === 0) sheet.replaceSync(CSS);
  return sheet;
}

function typeGlyph(type) {
  const [, key, glyph] = TYPE_GLYPHS.find(([words]) => words.test(String(type).toUpperCase()));
  return glyph === null ? bell() : h("span", { class: "task-card__icon", "data-icon": key, "aria-hidden": "true" }, glyph);
}

function humanise(raw) {
  const sentence = String(raw).split(/[_\-\s]+/).filter(Boolean).join(" ").toLowerCase();
  return sentence ? sentence[0].toUpperCase() + sentence.slice(1) : "Task";
}

function statusKey(row, now) {
  const raw = String(row.task_status ?? "").trim().toUpperCase();
  if (["COMPLETE", "COMPLETED", "DONE"].includes(raw)) return "completed";
  if (raw !== "PENDING" && raw !== "") return "other";
  const due = Date.parse(row.due_date ?? "");
  return due < now ? "overdue" : "pending";
}

/** Builds an element: h("p", {class: "x", part: "y"}, "text", child…). Text is never parsed as HTML. */
function h(tag, attributes, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) el.setAttribute(name, value);
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

/** The same drawn bell as the element's (many systems have no emoji font). */
function bell() {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  for (const [k, v] of Object.entries({ class: "task-history__icon", viewBox: "0 0 16 16", width: "1em", height: "1em", "aria-hidden": "true", focusable: "false" })) svg.setAttribute(k, v);
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2zm5-5V7a5 5 0 0 0-4-4.9V1a1 1 0 0 0-2 0v1.1A5 5 0 0 0 3 7v4l-1.5 1.5V13h13v-.5z");
  svg.append(path);
  return svg;
}

class Formatters {
  constructor() {
    this.dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    this.dayHeading = new Intl.DateTimeFormat(undefined, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
    this.dayKey = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric" });
    this.relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  }

  relativeHint(at, now) {
    const diff = at - now;
    if (Math.abs(diff) < MINUTE) return this.relative.format(0, "second");
    const [, size, unit] = RELATIVE_STEPS.find(([below]) => Math.abs(diff) < below);
    return this.relative.format(Math.trunc(diff / size), unit);
  }
}

class TaskHistoryReference extends HTMLElement {
  #pages = new Map();
  #page = 1;
  #totalPages = 0;
  #abort = null;
  #rendered = false;
  #format = new Formatters();

  connectedCallback() {
    if (!this.shadowRoot) {
      this.attachShadow({ mode: "open" }).adoptedStyleSheets = [sharedSheet()];
    }
    this.#show(1);
  }

  disconnectedCallback() {
    this.#abort?.abort();
  }

  goToPage(n) {
    this.#show(Math.min(Math.max(1, Number(n)), Math.max(1, this.#totalPages)));
  }

  async #show(page) {
    let data = this.#pages.get(page);
    if (!data) {
      this.#abort?.abort();
      this.#abort = new AbortController();
      const base = this.getAttribute("proxy-base");
      const lead = this.getAttribute("lead-id");
      const size = this.getAttribute("page-size") ?? "20";
      const url = `${base}/enterprise/api/lead/${lead}/task?page=${page}&page_size=${size}`;
      try {
        const response = await fetch(url, { signal: this.#abort.signal });
        data = (await response.json()).data;
      } catch (error) {
        if (error.name !== "AbortError") console.error(error);
        return;
      }
      this.#pages.set(page, data);
      if (this.#pages.size > CACHED_PAGES) this.#pages.delete(this.#pages.keys().next().value);
    }
    this.#page = page;
    this.#totalPages = data.total_pages;
    this.#render(data);
    const detail = { leadId: Number(this.getAttribute("lead-id")), page, totalPages: data.total_pages, totalItems: data.total_items };
    // The same User Timing marks as <task-history>, so the bench reads both the same way.
    performance.mark(this.#rendered ? "task-history:page-render" : "task-history:first-render", { detail });
    this.#rendered = true;
    this.dispatchEvent(new CustomEvent("task-history-load", { detail, bubbles: true, composed: true }));
  }

  #render(data) {
    const now = Date.now();
    const count = data.total_items === 1 ? "1 task" : `${data.total_items.toLocaleString()} tasks`;
    const refresh = h("button", { type: "button", class: "task-history__refresh", part: "refresh-button", "aria-label": "Refresh tasks", "data-testid": "refresh" },
      h("span", { class: "task-history__refresh-icon", "aria-hidden": "true" }, "↻"));
    refresh.addEventListener("click", () => {
      this.#pages.delete(this.#page);
      this.#show(this.#page);
    });
    const header = h("header", { class: "task-history__header", part: "header" },
      h("h2", { class: "task-history__heading", part: "heading" }, "Tasks"),
      h("span", { class: "task-history__count", part: "count", "data-testid": "total-count" }, count), refresh);
    const body = h("div", { class: "task-history__body", part: "body" }, ...this.#days(data.rows, now));
    const announcer = h("p", { class: "task-history__sr-only", "aria-live": "polite", "aria-atomic": "true", "data-testid": "announcer" });
    const root = h("div", { class: "task-history", part: "base" }, header, body, this.#pagination(), announcer);
    this.shadowRoot.replaceChildren(root);
  }

  #days(rows, now) {
    const groups = new Map();
    for (const row of rows) {
      const created = Date.parse(row.created_at);
      const key = Number.isNaN(created) ? "unknown" : this.#format.dayKey.format(created);
      if (!groups.has(key)) groups.set(key, { created, rows: [] });
      groups.get(key).rows.push(row);
    }
    return [...groups.values()].map(({ created, rows: members }) => {
      const heading = Number.isNaN(created) ? "Date unknown" : this.#format.dayHeading.format(created);
      const cards = members.map((row) => h("li", { class: "task-history__item" }, this.#card(row, now)));
      return h("section", { class: "task-history__day", part: "day", "data-testid": "day-group" },
        h("h3", { class: "task-history__day-heading", part: "day-heading" }, heading),
        h("ol", { class: "task-history__list", role: "list" }, ...cards));
    });
  }

  #card(row, now) {
    const label = KNOWN_TYPES[String(row.type).trim().toUpperCase()] ?? humanise(row.type ?? "");
    const title = row.title?.trim() ? row.title : label;
    const status = statusKey(row, now);
    const [statusLabel, icon] = STATUS[status];
    const due = Date.parse(row.due_date ?? "");
    const dueLine = Number.isNaN(due)
      ? h("p", { class: "task-card__due", part: "due" }, "No due date")
      : h("p", { class: "task-card__due", part: "due" }, "Due ",
        h("time", { datetime: row.due_date }, this.#format.dateTime.format(due)), " ",
        h("span", { class: "task-card__relative", "data-testid": "due-relative" }, `(${this.#format.relativeHint(due, now)})`));
    const notifyAt = Date.parse(row.notify_at ?? "");
    const reminder = row.notify && !Number.isNaN(notifyAt)
      ? h("p", { class: "task-card__reminder", part: "reminder", "data-testid": "reminder" },
        bell(), " Reminder ", h("time", { datetime: row.notify_at }, this.#format.dateTime.format(notifyAt)))
      : null;
    const stamp = (raw) => (Number.isNaN(Date.parse(raw ?? "")) ? "Unknown" : this.#format.dateTime.format(Date.parse(raw)));
    return h("article", { class: `task-card task-card--${status}`, part: "card", "data-testid": "task-card", "data-task-id": String(row.id) },
      h("p", { class: "task-card__type", part: "type" },
        typeGlyph(row.type), " ",
        h("span", { class: "task-card__type-label", "data-testid": "type-label" }, label)),
      h("h4", { class: "task-card__title", part: "title", "data-testid": "task-title", dir: "auto" }, title),
      h("span", { class: `task-card__badge task-card__badge--${status}`, part: "badge", "data-testid": "status-badge", "data-status": status },
        h("span", { class: "task-card__badge-icon", "aria-hidden": "true" }, icon), " ",
        status === "other" ? humanise(row.task_status) : statusLabel),
      dueLine,
      reminder,
      h("p", { class: "task-card__assignee", part: "assignee", "data-testid": "assignee" },
        row.assignee_user_id == null ? "Unassigned" : `User #${row.assignee_user_id}`),
      this.#details(row, stamp));
  }

  /** Created/updated, built the first time the disclosure opens (as the element does). */
  #details(row, stamp) {
    const details = h("details", { class: "task-card__details", part: "details" }, h("summary", {}, "Details"));
    details.addEventListener("toggle", () => {
      if (!details.open || details.querySelector("dl")) return;
      details.append(h("dl", {}, h("dt", {}, "Created"), h("dd", {}, h("time", { datetime: row.created_at }, stamp(row.created_at))),
        h("dt", {}, "Updated"), h("dd", {}, h("time", { datetime: row.updated_at ?? "" }, stamp(row.updated_at)))));
    });
    return details;
  }

  #pagination() {
    const page = this.#page;
    const last = Math.max(1, this.#totalPages);
    const arrow = (glyph) => h("span", { "aria-hidden": "true" }, glyph);
    const button = (testid, label, target, enabled) => {
      const el = h("button", { type: "button", class: "task-history__page-button", part: "page-button", "data-testid": testid }, ...label);
      el.disabled = !enabled;
      el.addEventListener("click", () => this.#show(target));
      return el;
    };
    const nav = h("nav", { class: "task-history__pagination", part: "pagination", "aria-label": "Task pages" },
      button("page-first", [arrow("«"), "First"], 1, page > 1),
      button("page-previous", [arrow("‹"), "Previous"], page - 1, page > 1),
      h("span", { class: "task-history__page-status", part: "page-status", "aria-current": "page", tabindex: "-1", "data-testid": "page-status" }, `Page ${page} of ${last}`),
      button("page-next", ["Next", arrow("›")], page + 1, page < last),
      button("page-last", ["Last", arrow("»")], last, page < last));
    nav.hidden = last <= 1;
    return nav;
  }
}

if (!customElements.get("task-history-reference")) customElements.define("task-history-reference", TaskHistoryReference);
