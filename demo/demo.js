// The demo page's controls and event log. Kept out of index.html so the page runs under a
// strict Content-Security-Policy (no inline scripts).
const widget = document.getElementById("widget");
const slot = widget.parentElement;
const log = document.getElementById("log");
const byId = (id) => document.getElementById(id);

const MAX_LOG_ENTRIES = 200;

function record(event) {
  const item = document.createElement("li");
  const time = document.createElement("time");
  time.textContent = new Date().toLocaleTimeString();
  const kind = document.createElement("strong");
  kind.textContent = event.type;
  const detail = document.createElement("code");
  detail.textContent = JSON.stringify(event.detail);
  item.append(time, " ", kind, " ", detail);
  log.prepend(item);
  while (log.children.length > MAX_LOG_ENTRIES) log.lastElementChild.remove();
}

// The element's events bubble and are composed, so the document sees them.
for (const type of ["task-history-load", "task-history-error", "task-history-page-change"]) {
  document.addEventListener(type, record);
}

// Each control sets the attribute of the same name.
for (const attribute of ["lead", "locale", "time-zone", "theme", "page-size"]) {
  byId(attribute).addEventListener("change", (event) => {
    const name = attribute === "lead" ? "lead-id" : attribute;
    const value = event.target.value;
    if (value === "") widget.removeAttribute(name);
    else widget.setAttribute(name, value);
  });
}

// Settings may also come from the URL, e.g. ?lead=20003&theme=dark, so a view can be linked.
const params = new URLSearchParams(location.search);
for (const [param, control] of [
  ["lead", "lead"],
  ["locale", "locale"],
  ["time-zone", "time-zone"],
  ["theme", "theme"],
  ["page-size", "page-size"],
]) {
  const value = params.get(param);
  const select = byId(control);
  if (value !== null && [...select.options].some((option) => option.value === value)) {
    select.value = value;
    select.dispatchEvent(new Event("change"));
  }
}

byId("refresh").addEventListener("click", () => widget.refresh());
byId("go").addEventListener("click", () => widget.goToPage(Number(byId("page").value)));
document.addEventListener("task-history-page-change", (event) => {
  byId("page").value = String(event.detail.page);
});

const toggle = byId("toggle");
toggle.addEventListener("click", () => {
  // Removing the element aborts its requests and disposes it; adding it back remounts it.
  if (widget.isConnected) {
    widget.remove();
    toggle.textContent = "Reconnect element";
    toggle.setAttribute("aria-pressed", "false");
  } else {
    slot.append(widget);
    toggle.textContent = "Disconnect element";
    toggle.setAttribute("aria-pressed", "true");
  }
});

byId("clear-log").addEventListener("click", () => log.replaceChildren());
byId("controls").addEventListener("submit", (event) => event.preventDefault());
