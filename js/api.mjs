// The <task-history> element's public API, as data: the one source the package's TypeScript
// declarations and Custom Elements Manifest are generated from, and docs/element.md's API
// tables too (scripts/element-api.mjs; `make api-docs` rewrites the tables, `make test-package`
// fails while any of them is stale). Not shipped to browsers.
//
// Adding to the API is one entry here, then `make api-docs`:
// - an attribute: `attributes` (its property is derived: lead-id → leadId);
// - a property without an attribute: `properties`;
// - a method: `methods`; an event: `events` (its detail interface is named from the event:
//   task-history-select → TaskHistorySelectDetail, the event TaskHistorySelectEvent);
// - a slot, a CSS part, a CSS custom property, a performance mark: the list of that name.
// `type`s are TypeScript; descriptions are Markdown.

export const element = {
  tagName: 'task-history',
  className: 'TaskHistoryElement',
  summary: "One sales lead's task history: a paginated timeline of task cards.",
  description:
    "Reads the List Tasks API through the task-history proxy (`proxy-base`), one page at a time, " +
    'and renders it in an open shadow root. Rust and Leptos compiled to WebAssembly.',

  // Every attribute is also a property; the property reflects the attribute, so it reads back
  // as a string or `null` and takes `set` (null removes the attribute).
  attributes: [
    {
      name: 'lead-id',
      set: 'string | number | null',
      type: 'digits',
      defaultDoc: '— (required)',
      description:
        "The lead's numeric ID. Not digits → a message, no request. A new value starts again at page 1.",
    },
    {
      name: 'proxy-base',
      set: 'string | null',
      type: 'path or `http(s)` URL',
      defaultDoc: '— (required)',
      description:
        'Base URL of the task-history proxy; requests go to `{proxy-base}/enterprise/api/lead/{lead-id}/task?page=…&page_size=…`. ' +
        'A same-origin path (`/api`, `./api`, `../api`) or an absolute `http://`/`https://` URL, without `?` or `#`. ' +
        'Anything else (`//host`, `javascript:`) → a message, no request.',
    },
    {
      name: 'page-size',
      set: 'string | number | null',
      type: 'integer 1–20',
      default: '20',
      description: 'Tasks per page. Out of range is clamped; unreadable means 20.',
    },
    {
      name: 'locale',
      set: 'string | null',
      type: 'BCP 47 tag',
      defaultDoc: "nearest `lang` attribute, else the browser's",
      description:
        "Language of every word, number and date. The words come from the built-in language with the tag's language subtag " +
        '(English, Hindi, Arabic, Spanish, French, German, Portuguese (Brazil); `pt-PT` reads Brazilian Portuguese), else English; ' +
        "numbers, dates and plural forms come from the browser's `Intl` for the tag itself. Arabic lays the element out right to left. " +
        "An unknown tag falls back to English words and the browser's formats.",
    },
    {
      name: 'time-zone',
      set: 'string | null',
      type: 'IANA zone',
      defaultDoc: "the browser's",
      description: "Zone for dates and for grouping tasks by day. An unknown zone falls back to the browser's.",
    },
    {
      name: 'theme',
      set: '"light" | "dark" | "auto" | null',
      type: '`light` \\| `dark` \\| `auto`',
      default: 'auto',
      description: '`auto` follows `prefers-color-scheme`.',
    },
    {
      name: 'density',
      set: '"comfortable" | "compact" | null',
      type: '`comfortable` \\| `compact`',
      default: 'comfortable',
      description:
        '`compact` sets each card in two or three short lines, for narrow CRM sidebars (eight or more cards in 400 × 800 px at the default font); targets stay at least 24 px.',
    },
    {
      name: 'token',
      set: 'string | null',
      type: 'bearer token (token68)',
      defaultDoc: 'none',
      description:
        "Short-lived per-lead token minted by your CRM backend for the proxy's authorisation; " +
        'sent as `Authorization: Bearer …`, never in a URL, never logged. Set it before `lead-id`, or in the same task: ' +
        'a lead set without its token sends one request the proxy refuses. A new token for the same lead keeps the page, ' +
        'the cache and what is on screen; if the last request failed (the proxy refused the old token, say), it is tried once more with the new one.',
    },
  ],

  // Properties with no attribute: { name, type, default?, readonly?, description }.
  properties: [
    {
      name: 'users',
      type: 'Record<number | string, string | { name: string; avatarUrl?: string }> | Map<number | string, string | { name: string; avatarUrl?: string }> | null | undefined',
      typeDoc: 'object or `Map`: user ID → name, or → `{ name, avatarUrl }`',
      defaultDoc: 'none',
      description:
        "Your CRM's people. Their names replace the \"User #678\" fallback for the assignee on each card and for the creator and last updater in the details; " +
        '`avatarUrl` (an `http(s):`, `data:image/` or relative URL) shows as a small picture beside the assignee\'s name. ' +
        'Unknown IDs keep the fallback; an entry that is not a name or `{ name }` is skipped. Setting a new object or `Map` shows the new names at once, ' +
        'without a request (mutating the one already set does not: set it again).',
    },
    {
      name: 'strings',
      type: 'Record<string, string | Partial<Record<"zero" | "one" | "two" | "few" | "many" | "other", string>> | Record<string, string | Partial<Record<"zero" | "one" | "two" | "few" | "many" | "other", string>>>> | null | undefined',
      typeDoc: 'object: message id → text; or language tag → { message id → text }',
      defaultDoc: 'none',
      description:
        'Your own wording over the built-in text. At the top level, a message id (see [Messages](#messages)) and its text, for every language; ' +
        'under a language tag (`"hi"`, `"pt-BR"`), messages for that language only (the exact tag wins over its language, which wins over every language). ' +
        'A text uses the message\'s `{placeholders}`; `count` may give plural forms, `{ one: "{count} activity", other: "{count} activities" }`. ' +
        'An entry with an unknown id or placeholder, an unclosed brace, or plural forms without `other` is left out (one console warning names them) and the built-in text shows. ' +
        'Setting a new object re-words the element at once, without a request.',
    },
  ],

  methods: [
    {
      name: 'refresh',
      params: [],
      returns: 'void',
      description:
        'Reloads the current page from the network (the cache is dropped). The page on screen stays until the new one arrives.',
    },
    {
      name: 'goToPage',
      params: [{ name: 'n', type: 'number', description: 'the page, clamped to `1…totalPages`' }],
      returns: 'void',
      description:
        'Shows page `n`, clamped to `1…totalPages`. Visited pages come from a cache of 8 pages, kept rendered in the shadow root but hidden ' +
        '(`hidden` attribute, `content-visibility: hidden`: out of the accessibility tree, the tab order and find-in-page, their layout kept): ' +
        'going back to one shows its cards again (open details stay open) instead of rendering or laying them out again. ' +
        'The next page, prefetched once the reader engages, is rendered and laid out ahead when the browser is idle. ' +
        'Scripts that query the shadow root should skip `.task-history__page[hidden]`.',
    },
  ],

  // All are CustomEvents with bubbles and composed, dispatched on the element.
  events: [
    {
      name: 'task-history-load',
      detail: [
        { name: 'leadId', type: 'number' },
        { name: 'page', type: 'number' },
        { name: 'totalPages', type: 'number' },
        { name: 'totalItems', type: 'number' },
      ],
      description:
        'A page is shown (from the network or the cache); dispatched once its cards are in the shadow root.',
    },
    {
      name: 'task-history-error',
      detail: [
        { name: 'status', type: 'number' },
        { name: 'code', type: 'string' },
        { name: 'message', type: 'string' },
        { name: 'cause', type: 'string' },
      ],
      description:
        'A request failed, or an attribute is set to something unusable (a `lead-id` or `proxy-base` not set yet is not an error: the element waits quietly). ' +
        '`status` is the HTTP status, or `0` when no response arrived (network, offline, our 15 s timeout, invalid attributes). ' +
        '`code` is the id of the message shown (`error.not_found`, …; see [Messages](#messages)), `message` the text the element shows, in the reader\'s language, ' +
        "and `cause` an English description for your logs, with the status and the service's own words. " +
        'Two codes come from the loader, in English: `load.failed` (the WebAssembly module could not be loaded, or the page\'s Trusted Types policy blocks it) and `crashed` (the module trapped; every element on the page says so).',
    },
    {
      name: 'task-history-page-change',
      detail: [{ name: 'page', type: 'number' }],
      description: 'The page changed through the controls or `goToPage`.',
    },
    {
      name: 'task-history-select',
      detail: [
        { name: 'taskId', type: 'number' },
        { name: 'leadId', type: 'number' },
        { name: 'task', type: 'Record<string, unknown>' },
      ],
      description:
        "The reader activated a card's title (a button named by the title: click, Enter or Space), e.g. to open the task in the CRM's own view. " +
        '`task` is the row as the API sent it, every field included (a fresh object each time). Cancelable; the card\'s other controls (Details) do not fire it.',
    },
    {
      name: 'task-history-token-expired',
      detail: [
        { name: 'leadId', type: 'number' },
        { name: 'message', type: 'string' },
      ],
      description:
        'The proxy refused the `token` as expired or invalid (a 401 saying so; `message` is its words, e.g. `Authorization token expired`). ' +
        'Mint a new token and set `token`: the element waits for it and then tries the refused request once more, on the same page. `task-history-error` fires too.',
    },
  ],

  // { name ('' for the default slot), description }.
  slots: [
    { name: 'header-actions', description: 'in the header, between the count and the refresh button: your own controls (`<button slot="header-actions">Add task</button>`)' },
    { name: 'empty', description: 'the body when the lead has no tasks: your own empty state; default the `empty` message ("No tasks for this lead yet.")' },
  ],

  cssParts: [
    { name: 'base', description: "the widget's root box" },
    { name: 'header', description: 'the header row' },
    { name: 'heading', description: 'the "Tasks" heading' },
    { name: 'count', description: 'the total count' },
    { name: 'refresh-button', description: 'the refresh button' },
    { name: 'body', description: 'the area holding the timeline or a state' },
    { name: 'day', description: "one day's group" },
    { name: 'day-heading', description: "a day's heading (the day the tasks under it were created)" },
    { name: 'marker', description: "a task's marker on the timeline's rail: its type icon in its status colour (`task-history__marker--pending`, … inside)" },
    { name: 'card', description: 'a task card (`task-card--pending`, `--completed`, `--overdue`, `--other` inside)' },
    { name: 'type', description: "the card's type label" },
    { name: 'title', description: "the card's title" },
    { name: 'badge', description: 'the status badge (`data-status="pending|completed|overdue|other"`)' },
    { name: 'due', description: 'the due line' },
    { name: 'reminder', description: 'the reminder line' },
    { name: 'assignee', description: 'the assignee line' },
    { name: 'details', description: 'the created/updated disclosure' },
    { name: 'pagination', description: 'the pagination `<nav>`' },
    { name: 'page-button', description: 'each of First, Previous, Next, Last' },
    { name: 'page-status', description: '"Page X of Y"' },
    { name: 'card-pending', description: 'a pending card, beside `card`' },
    { name: 'card-completed', description: 'a completed card, beside `card`' },
    { name: 'card-overdue', description: 'an overdue card, beside `card` (`task-history::part(card-overdue) { … }`)' },
    { name: 'card-other', description: 'a card of an unknown status, beside `card`' },
    { name: 'badge-pending', description: 'a Pending badge, beside `badge`' },
    { name: 'badge-completed', description: 'a Completed badge, beside `badge`' },
    { name: 'badge-overdue', description: 'an Overdue badge, beside `badge`' },
    { name: 'badge-other', description: 'the badge of an unknown status, beside `badge`' },
    { name: 'select', description: "the card title's button that fires `task-history-select`" },
    { name: 'avatar', description: "the assignee's picture, when `users` gives one" },
    { name: 'skeleton', description: 'the loading placeholders' },
    { name: 'empty', description: 'the empty state' },
    { name: 'waiting', description: 'the placeholder while `lead-id` or `proxy-base` is not set yet' },
    { name: 'error', description: 'the error panel' },
    { name: 'retry-button', description: 'its Retry button' },
  ],

  // `default` is the value in style/task-history.css (colours as light-dark(light, dark)).
  cssProperties: [
    { name: '--task-history-font-family', default: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', description: 'font of all text' },
    { name: '--task-history-font-size', default: '14px', description: 'base font size' },
    { name: '--task-history-bg', default: 'light-dark(#ffffff, #151922)', description: "the widget's background" },
    { name: '--task-history-fg', default: 'light-dark(#1d2330, #e7eaf0)', description: 'text colour' },
    { name: '--task-history-muted', default: 'light-dark(#5b6475, #a3acbd)', description: 'secondary text' },
    { name: '--task-history-border', default: 'light-dark(#d9dee7, #2e3544)', description: 'borders of the box, cards and buttons' },
    { name: '--task-history-card-bg', default: 'light-dark(#f8f9fb, #1c2230)', description: 'card and button background' },
    { name: '--task-history-accent', default: 'light-dark(#2f5bd3, #8fb0ff)', description: 'accent colour, for host pages to match (the stylesheet itself does not use it yet)' },
    { name: '--task-history-radius', default: '8px', description: 'corner radius' },
    { name: '--task-history-gap', default: '12px', description: 'spacing' },
    { name: '--task-history-pending-bg', default: 'light-dark(#e8effe, #1f2f57)', description: 'Pending badge background' },
    { name: '--task-history-pending-fg', default: 'light-dark(#1e46b4, #b9cdff)', description: 'Pending badge text, marker and card edge' },
    { name: '--task-history-completed-bg', default: 'light-dark(#e3f4e8, #17382a)', description: 'Completed badge background' },
    { name: '--task-history-completed-fg', default: 'light-dark(#19693a, #9fe0b8)', description: 'Completed badge text, marker and card edge' },
    { name: '--task-history-overdue-bg', default: 'light-dark(#fde8e6, #4a1f1c)', description: 'Overdue badge and error panel background' },
    { name: '--task-history-overdue-fg', default: 'light-dark(#a62116, #ffb7ae)', description: 'Overdue badge, marker and error panel text and edge' },
    { name: '--task-history-skeleton', default: 'light-dark(#e6e9ef, #2a3140)', description: 'loading placeholders' },
    { name: '--task-history-focus-ring', default: '0 0 0 3px rgb(47 91 211 / 45%)', description: '`box-shadow` of the focus ring' },
    { name: '--task-history-rail-color', default: 'light-dark(#d9dee7, #2e3544)', description: "the timeline's rail" },
    { name: '--task-history-rail-width', default: '2px', description: "the rail's width" },
    { name: '--task-history-marker-size', default: '28px', description: "the markers on the rail (24px in `density=\"compact\"`)" },
  ],

  // User Timing marks, set just before `task-history-load` with its detail.
  marks: [
    { name: 'task-history:first-render', description: 'The first page this element shows.' },
    { name: 'task-history:page-render', description: 'Every page it shows after that (page changes, refreshes, a new `lead-id`).' },
  ],
};
