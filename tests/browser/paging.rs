//! Paging: controls, events, announcements, races, aborts, lead changes.

use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{FetchStub, Fixture, field, generated_page, settle};

const LEAD: &[(&str, &str)] = &[("lead-id", "20003"), ("proxy-base", "/api")];

/// Mounts lead 20003 (137 tasks, 7 pages of 20) and answers page 1.
async fn first_page_shown(fetch: &FetchStub) -> Fixture {
    let fixture = Fixture::mount(LEAD);
    settle().await;
    fetch.respond_page(0, &generated_page(1, 20, 137));
    settle().await;
    fixture
}

#[wasm_bindgen_test]
async fn next_and_previous_move_pages_and_announce_them() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    assert_eq!(fixture.text("page-status"), "Page 1 of 7");
    assert!(fixture.disabled("page-first") && fixture.disabled("page-previous"));
    assert!(!fixture.disabled("page-next") && !fixture.disabled("page-last"));
    let status = fixture.find("page-status").expect("status");
    assert_eq!(
        status.get_attribute("aria-current").as_deref(),
        Some("page")
    );
    let nav = status.closest("nav").ok().flatten().expect("inside a nav");
    assert_eq!(
        nav.get_attribute("aria-label").as_deref(),
        Some("Task pages")
    );

    fixture.click("page-next");
    settle().await;
    let page_two = fetch.last_for_page(2).expect("page 2 requested");
    fetch.respond_page(page_two, &generated_page(2, 20, 137));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 2 of 7");
    assert_eq!(fixture.texts("task-title")[0], "Task 20");
    assert_eq!(
        fixture.text("announcer"),
        "Page 2 of 7, tasks 21 to 40 of 137"
    );
    let changes = fixture.details("task-history-page-change");
    assert_eq!(changes.len(), 1);
    assert_eq!(field(&changes[0], "page").as_f64(), Some(2.0));

    fixture.click("page-previous");
    settle().await;
    assert_eq!(
        fixture.text("page-status"),
        "Page 1 of 7",
        "page 1 comes from the cache"
    );
    assert_eq!(fixture.texts("task-title")[0], "Task 0");
}

#[wasm_bindgen_test]
async fn last_page_button_and_go_to_page_clamp_to_existing_pages() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.handle().go_to_page(99.0);
    settle().await;
    let last = fetch.last_for_page(7).expect("clamped to page 7");
    fetch.respond_page(last, &generated_page(7, 20, 137));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 7 of 7");
    assert_eq!(fixture.all("task-card").len(), 17);
    assert!(fixture.disabled("page-next") && fixture.disabled("page-last"));
}

#[wasm_bindgen_test]
async fn stale_page_response_never_replaces_newer() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let before = fetch.count();
    fixture.handle().go_to_page(3.0);
    fixture.handle().go_to_page(4.0);
    settle().await;
    let find = |page| {
        (before..fetch.count())
            .rev()
            .find(|&i| fetch.with(i, |c| c.page()) == page)
    };
    let (three, four) = (find(3).expect("page 3"), find(4).expect("page 4"));
    fetch.respond_page(four, &generated_page(4, 20, 137));
    settle().await;
    // The slow, superseded page 3 answers last.
    fetch.respond_page(three, &generated_page(3, 20, 137));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 4 of 7");
    assert_eq!(fixture.texts("task-title")[0], "Task 60");
    let loads = fixture.details("task-history-load");
    assert_eq!(
        field(loads.last().expect("load"), "page").as_f64(),
        Some(4.0)
    );
}

#[wasm_bindgen_test]
async fn superseded_request_is_aborted() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let before = fetch.count();
    fixture.handle().go_to_page(5.0);
    settle().await;
    let five = (before..fetch.count())
        .find(|&i| fetch.with(i, |c| c.page()) == 5)
        .expect("page 5");
    assert!(!fetch.with(five, |c| c.signal.aborted()));
    fixture.handle().go_to_page(6.0);
    settle().await;
    assert!(
        fetch.with(five, |c| c.signal.aborted()),
        "page 5's request was aborted"
    );
}

#[wasm_bindgen_test]
async fn new_lead_id_starts_at_page_one() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.handle().go_to_page(3.0);
    settle().await;
    let three = fetch.last_for_page(3).expect("page 3");
    fetch.respond_page(three, &generated_page(3, 20, 137));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 3 of 7");

    fixture
        .host
        .set_attribute("lead-id", "20004")
        .expect("attribute");
    fixture
        .handle()
        .attribute_changed("lead-id", Some("20004".into()));
    settle().await;
    let latest = fetch.count() - 1;
    let url = fetch.url(latest);
    assert!(
        fetch.with(three, |c| !c.signal.aborted()),
        "page 3 had completed"
    );
    assert!(url.contains("/lead/20004/task?page=1&"), "{url}");
    assert_eq!(
        fixture.all("task-card").len(),
        0,
        "the old lead's tasks are not shown as the new one's"
    );
    fetch.respond_page(latest, &generated_page(1, 20, 10_000));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 1 of 500");
}

#[wasm_bindgen_test]
async fn page_buttons_are_native_named_and_keep_focus_in_the_nav() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    for (testid, name) in [
        ("page-first", "First"),
        ("page-previous", "Previous"),
        ("page-next", "Next"),
        ("page-last", "Last"),
    ] {
        let button = fixture.find(testid).expect(testid);
        assert_eq!(button.tag_name(), "BUTTON", "{testid} is a native button");
        assert!(
            fixture.text(testid).contains(name),
            "{testid} is named {name}"
        );
    }
    // Keyboard activation of a native button is a click; focus it and press it.
    let next: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(fixture.find("page-next").expect("next")).expect("html");
    next.focus().expect("focus");
    let active = fixture.root().active_element().expect("focused");
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("page-next")
    );

    // Reaching the last page disables Last; focus moves to the status instead of being lost.
    let last: web_sys::HtmlElement =
        wasm_bindgen::JsCast::dyn_into(fixture.find("page-last").expect("last")).expect("html");
    last.focus().expect("focus");
    last.click();
    settle().await;
    let seven = fetch.last_for_page(7).expect("page 7");
    fetch.respond_page(seven, &generated_page(7, 20, 137));
    settle().await;
    assert!(fixture.disabled("page-last"));
    let active = fixture
        .root()
        .active_element()
        .expect("focus kept in the widget");
    assert_eq!(
        active.get_attribute("data-testid").as_deref(),
        Some("page-status")
    );
}

#[wasm_bindgen_test]
async fn a_page_past_the_end_falls_back_to_the_last_page() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(LEAD);
    // Before any response the total is unknown, so page 9 is asked for as is.
    fixture.handle().go_to_page(9.0);
    settle().await;
    let nine = fetch.last_for_page(9).expect("page 9 requested");
    let mut beyond = generated_page(9, 20, 137);
    assert!(beyond.rows.is_empty(), "137 tasks end on page 7");
    beyond.current_page = 9;
    fetch.respond_page(nine, &beyond);
    settle().await;
    let seven = fetch.last_for_page(7).expect("then the last page");
    fetch.respond_page(seven, &generated_page(7, 20, 137));
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 7 of 7");
    assert!(fixture.find("empty-state").is_none());
    let changes = fixture.details("task-history-page-change");
    assert_eq!(
        field(changes.last().expect("page change"), "page").as_f64(),
        Some(7.0)
    );
}

#[wasm_bindgen_test]
async fn attribute_change_then_go_to_page_in_one_task_sends_one_request() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let before = fetch.count();
    fixture
        .handle()
        .attribute_changed("lead-id", Some("20004".into()));
    fixture.handle().go_to_page(2.0);
    settle().await;
    assert_eq!(fetch.count(), before + 1, "one request, not one per call");
    let url = fetch.url(before);
    assert!(url.contains("/lead/20004/task?page=2&"), "{url}");
}

#[wasm_bindgen_test]
async fn fixing_an_invalid_lead_id_in_the_same_task_still_loads() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let before = fetch.count();
    fixture
        .handle()
        .attribute_changed("lead-id", Some("abc".into()));
    fixture.handle().go_to_page(2.0);
    fixture
        .handle()
        .attribute_changed("lead-id", Some("20001".into()));
    settle().await;
    assert_eq!(fetch.count(), before + 1);
    let url = fetch.url(before);
    assert!(url.contains("/lead/20001/task?page=1&"), "{url}");
    fetch.respond_page(before, &generated_page(1, 20, 0));
    settle().await;
    assert!(
        fixture.find("error-state").is_none(),
        "the lead-id error is gone"
    );
    assert!(fixture.find("empty-state").is_some());
}
