// React 19 TSX: "task-history/react" declares <task-history> in React's JSX namespace.
import "task-history/react";
import { useRef } from "react";
import type { TaskHistoryElement, TaskHistoryElementProps } from "task-history/react";

export function History({ lead }: { lead: number }) {
  const ref = useRef<TaskHistoryElement>(null);
  return (
    <section>
      <task-history
        ref={ref}
        id="history"
        className="history"
        style={{ maxWidth: 600 }}
        lead-id={lead}
        proxy-base="/api"
        page-size={5}
        locale="en-GB"
        time-zone="Europe/London"
        theme="auto"
        token="abc.def"
        ontask-history-load={(e) => console.log(e.detail.totalItems)}
        ontask-history-error={(e) => console.log(e.detail.status, e.detail.message)}
        ontask-history-page-change={(e) => console.log(e.detail.page)}
        onClick={() => ref.current?.refresh()}
      />
      {/* @ts-expect-error theme is light, dark or auto */}
      <task-history lead-id={lead} proxy-base="/api" theme="blue" />
      {/* @ts-expect-error the load event's detail has no rows */}
      <task-history lead-id={lead} proxy-base="/api" ontask-history-load={(e) => e.detail.rows} />
    </section>
  );
}

export const props: TaskHistoryElementProps = { "lead-id": 1, "proxy-base": "/api" };
