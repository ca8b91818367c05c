// The element defined only after React has rendered it: React 19 writes camelCase props it
// does not find on the element as attributes, and adds `on` + event name props as listeners.
// The element must still take them.
import type {} from "task-history/react";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

declare global {
  interface Window {
    definedAtFirstRender?: boolean;
  }
}

function Late({ proxyBase }: { proxyBase: string }) {
  const [total, setTotal] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => {
    window.definedAtFirstRender = customElements.get("task-history") !== undefined;
    // Defined now, after the first render.
    void import("task-history");
  }, []);
  return (
    <main>
      <h1>Lead 20003</h1>
      <p data-testid="react-total">{total === null ? "loading" : `${total} tasks`}</p>
      <p data-testid="react-selected">{selected === null ? "none" : `task ${selected}`}</p>
      <task-history
        id="th"
        leadId={20003}
        proxyBase={proxyBase}
        pageSize={5}
        ontask-history-load={(event) => setTotal(event.detail.totalItems)}
        ontask-history-select={(event) => setSelected(event.detail.taskId)}
      />
    </main>
  );
}

const proxyBase = new URLSearchParams(location.search).get("proxy") ?? "/api";
createRoot(document.getElementById("root")!).render(<Late proxyBase={proxyBase} />);
