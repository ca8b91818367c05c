// The element from TypeScript: the main entry, properties, methods, typed events.
import { TaskHistory } from "task-history";
import type {
  TaskHistoryElement,
  TaskHistoryErrorDetail,
  TaskHistoryLoadEvent,
  TaskHistoryPageChangeEvent,
} from "task-history";

const created: TaskHistoryElement = document.createElement("task-history");
const found: TaskHistoryElement | null = document.querySelector("task-history");
const constructed: TaskHistoryElement = new TaskHistory();

created.leadId = 12345;
created.leadId = "12345";
created.proxyBase = "/api";
created.pageSize = 10;
created.locale = "de-DE";
created.timeZone = "Europe/Berlin";
created.theme = "dark";
created.token = null;
const lead: string | null = created.leadId;
const size: string | null = created.pageSize;

created.refresh();
created.goToPage(3);

created.addEventListener("task-history-load", (e) => e.detail.totalItems);
created.addEventListener("task-history-load", (e) => {
  const total: number = e.detail.totalItems;
  const pages: number = e.detail.totalPages;
  const at: number = e.detail.page;
  const id: number = e.detail.leadId;
  console.log(total, pages, at, id);
});
created.addEventListener("task-history-error", (e) => {
  const detail: TaskHistoryErrorDetail = e.detail;
  console.log(detail.status.toFixed(0), detail.message.toUpperCase());
});
created.addEventListener("task-history-page-change", function (e: TaskHistoryPageChangeEvent) {
  const self: TaskHistoryElement = this;
  console.log(self.leadId, e.detail.page);
});
// The events bubble and are composed: typed on the document too.
document.addEventListener("task-history-load", (e: TaskHistoryLoadEvent) => console.log(e.detail.leadId));
// Ordinary events still have their own types.
created.addEventListener("click", (e) => console.log(e.clientX));
// Any other name falls back to Event.
created.addEventListener("something-else", (e: Event) => console.log(e.type));

// @ts-expect-error goToPage takes a number
created.goToPage("3");
// @ts-expect-error theme is light, dark or auto
created.theme = "blue";
// @ts-expect-error the load event's detail has no such field
created.addEventListener("task-history-load", (e) => e.detail.rows);
// @ts-expect-error no such method
created.reload();
// @ts-expect-error the class is a value of the main entry only as TaskHistory
import("task-history").then((m) => new m.TaskHistoryElement());

export { constructed, found, lead, size };
