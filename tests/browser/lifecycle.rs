//! Disconnecting and reconnecting.

use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{FetchStub, Fixture, SEED_EXAMPLE, settle, sleep};

const LEAD: &[(&str, &str)] = &[("lead-id", "12345"), ("proxy-base", "/api")];

#[wasm_bindgen_test]
async fn disconnect_aborts_requests_clears_the_view_and_ignores_late_responses() {
    let fetch = FetchStub::install();
    let mut fixture = Fixture::mount(LEAD);
    settle().await;
    assert_eq!(fetch.count(), 1);
    fixture.disconnect();
    assert!(
        fetch.with(0, |c| c.signal.aborted()),
        "in-flight request aborted"
    );
    let root = fixture.root();
    assert_eq!(root.child_element_count(), 0, "view unmounted");
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    // Past the skeleton delay too: no timer may fire into a disposed widget.
    sleep(400).await;
    assert!(
        fixture.events().is_empty(),
        "nothing dispatched after disconnect"
    );
    assert_eq!(root.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn reconnecting_with_a_new_handle_loads_again() {
    let fetch = FetchStub::install();
    let mut first = Fixture::mount(LEAD);
    settle().await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    first.disconnect();
    let second = Fixture::mount(LEAD);
    settle().await;
    assert_eq!(fetch.count(), 2);
    fetch.respond(1, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert_eq!(second.all("task-card").len(), 2);
}
