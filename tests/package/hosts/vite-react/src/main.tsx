// "task-history/react" defines the element and declares it for TSX.
import "task-history/react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const proxyBase = new URLSearchParams(location.search).get("proxy") ?? "/api";
createRoot(document.getElementById("root")!).render(<App proxyBase={proxyBase} />);
