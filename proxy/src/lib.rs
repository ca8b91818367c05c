//! Reference backend proxy for `<task-history>` (work in progress: see the proxy issue).
