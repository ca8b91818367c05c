// Loads <task-history>: one script include per page. Imports the wasm-pack output once (one
// fetch and compile however many elements there are) and defines the element.
import init, { TaskHistoryHandle, observedAttributes } from "./pkg/task_history.js";
import { defineTaskHistory } from "./element.js";

try {
  await init();
} catch (error) {
  console.error("<task-history>: could not load its WebAssembly module (pkg/task_history_bg.wasm)", error);
  throw error;
}

export const TaskHistory = defineTaskHistory((host) => new TaskHistoryHandle(host), observedAttributes());
