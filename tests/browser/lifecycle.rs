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

#[wasm_bindgen_test]
async fn offscreen_element_fetches_only_once_scrolled_near_the_viewport() {
    let fetch = FetchStub::install();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let spacer = document.create_element("div").expect("spacer");
    spacer
        .set_attribute("style", "height: 5000px")
        .expect("style");
    document
        .body()
        .expect("body")
        .append_child(&spacer)
        .expect("append");
    let fixture = Fixture::mount(LEAD);
    sleep(200).await;
    assert_eq!(fetch.count(), 0, "below the fold: no request yet");
    fixture.host.scroll_into_view();
    sleep(300).await;
    assert_eq!(fetch.count(), 1, "scrolled into view: one request");
    spacer.remove();
    web_sys::window()
        .expect("window")
        .scroll_to_with_x_and_y(0.0, 0.0);
}

#[wasm_bindgen_test]
async fn a_host_without_a_shadow_root_still_loads_and_reports() {
    use wasm_bindgen::JsCast;
    let fetch = FetchStub::install();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    // <input> cannot hold a shadow root: no view, but requests and events must still work.
    let host: web_sys::HtmlElement = document
        .create_element("input")
        .expect("input")
        .dyn_into()
        .expect("html element");
    host.set_attribute("lead-id", "12345").expect("attribute");
    host.set_attribute("proxy-base", "/api").expect("attribute");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let loads = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = std::rc::Rc::clone(&loads);
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        counter.set(counter.get() + 1);
    });
    host.add_event_listener_with_callback("task-history-load", listener.as_ref().unchecked_ref())
        .expect("listen");
    let handle = task_history::element::handle::TaskHistoryHandle::new(host.clone());
    settle().await;
    assert!(host.shadow_root().is_none());
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert_eq!(loads.get(), 1, "task-history-load dispatched");
    handle.dispose();
    host.remove();
}
