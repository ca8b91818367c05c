import { useRef, useState } from "react";
import type { TaskHistoryElement, TaskHistoryLoadEvent } from "task-history";

export function App({ proxyBase }: { proxyBase: string }) {
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const history = useRef<TaskHistoryElement>(null);
  const loaded = (event: TaskHistoryLoadEvent) => setTotal(event.detail.totalItems);
  return (
    <main>
      <h1>Lead 20003</h1>
      <p data-testid="react-total">{total === null ? "loading" : `${total} tasks`}</p>
      <p data-testid="react-page">page {page}</p>
      <button type="button" onClick={() => history.current?.goToPage(2)}>
        Second page
      </button>
      <task-history
        ref={history}
        lead-id={20003}
        proxy-base={proxyBase}
        page-size={5}
        theme="light"
        ontask-history-load={loaded}
        ontask-history-page-change={(event) => setPage(event.detail.page)}
      />
    </main>
  );
}
