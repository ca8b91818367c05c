// The second entry point: define() with a wasm URL, resolving with the class.
import { define, type DefineOptions } from "task-history/define";
import type { TaskHistoryElement } from "task-history/define";

const options: DefineOptions = { wasmUrl: new URL("/assets/task_history_bg.wasm", location.href) };
const Element = await define(options);
const el: TaskHistoryElement = new Element();
el.leadId = 1;
await define({ wasmUrl: "/assets/task_history_bg.wasm", name: "task-history" });
await define();
// @ts-expect-error wasmUrl is a string or a URL
await define({ wasmUrl: 42 });

export { el };
