//! What the element keeps: the prefetched next page, pages rendered ahead and kept rendered,
//! performance marks per render, and memory across many page changes.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::{
    FetchStub, Fixture, KEPT_PAGE, field, generated_page, iso_from_now, settle, sleep,
};

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
async fn next_page_is_prefetched_when_idle_and_then_served_from_cache() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.hover();
    // requestIdleCallback has a 2 s deadline; a headless page is idle well before that.
    sleep(2_300).await;
    assert_eq!(fetch.count(), 2, "one prefetch");
    assert_eq!(fetch.with(1, |c| c.page()), 2);
    fetch.respond_page(1, &generated_page(2, 20, 137));
    settle().await;
    assert_eq!(
        fixture.text("page-status"),
        "Page 1 of 7",
        "prefetch does not change the page"
    );
    fixture.click("page-next");
    settle().await;
    assert_eq!(fixture.text("page-status"), "Page 2 of 7");
    assert_eq!(fixture.texts("task-title")[0], "Task 20");
    let requested_page_two = (2..fetch.count()).any(|i| fetch.with(i, |c| c.page()) == 2);
    assert!(!requested_page_two, "page 2 came from the prefetch");
}

/// Counts the `<article>` elements (cards) `document.createElement` makes until stopped.
struct CardsBuilt(js_sys::Function);

impl CardsBuilt {
    fn start() -> Self {
        let stop = js_sys::Function::new_no_args(
            "const proto = Document.prototype;
             const original = proto.createElement;
             let cards = 0;
             proto.createElement = function (tag, ...rest) {
               if (String(tag).toLowerCase() === 'article') cards += 1;
               return original.call(this, tag, ...rest);
             };
             return () => { proto.createElement = original; return cards; };",
        )
        .call0(&JsValue::NULL)
        .expect("patch createElement");
        Self(stop.into())
    }

    fn stop(self) -> u32 {
        self.0
            .call0(&JsValue::NULL)
            .expect("restore createElement")
            .as_f64()
            .expect("a count") as u32
    }
}

#[wasm_bindgen_test]
async fn the_prefetched_page_is_rendered_ahead_so_next_only_swaps_it_in() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.hover();
    sleep(2_300).await;
    let two = fetch.last_for_page(2).expect("page 2 prefetched");
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    // Rendered when the browser is next idle (at most two seconds).
    sleep(2_300).await;
    let counter = CardsBuilt::start();
    fixture.click("page-next");
    settle().await;
    let built = counter.stop();
    assert_eq!(fixture.text("page-status"), "Page 2 of 7");
    assert_eq!(fixture.texts("task-title")[0], "Task 20");
    assert_eq!(fixture.all("task-card").len(), 20);
    assert_eq!(
        built, 0,
        "page 2 was rendered ahead; Next only swapped it in"
    );

    // Page 3 is not fetched yet, let alone rendered: Next fetches it and builds its cards.
    let counter = CardsBuilt::start();
    fixture.click("page-next");
    settle().await;
    let three = fetch.last_for_page(3).expect("page 3 requested");
    fetch.respond_page(three, &generated_page(3, 20, 137));
    settle().await;
    let built = counter.stop();
    assert_eq!(fixture.texts("task-title")[0], "Task 40");
    assert_eq!(built, 20, "a page not rendered ahead is built on the click");
}

#[wasm_bindgen_test]
async fn nothing_is_prefetched_until_the_reader_engages() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    sleep(2_300).await;
    assert_eq!(
        fetch.count(),
        1,
        "an untouched element fetches only the page it shows"
    );
    fixture.hover();
    sleep(2_300).await;
    assert_eq!(fetch.count(), 2, "the pointer arriving starts the prefetch");
    assert_eq!(fetch.with(1, |c| c.page()), 2);
}

/// The details of the performance marks named `name` set so far, oldest first.
fn marks(name: &str) -> Vec<JsValue> {
    let performance =
        js_sys::Reflect::get(&js_sys::global(), &"performance".into()).expect("performance");
    let lookup: js_sys::Function = js_sys::Reflect::get(&performance, &"getEntriesByName".into())
        .expect("getEntriesByName")
        .into();
    let entries: js_sys::Array = lookup
        .call1(&performance, &name.into())
        .expect("entries")
        .into();
    entries
        .iter()
        .map(|entry| js_sys::Reflect::get(&entry, &"detail".into()).expect("detail"))
        .collect()
}

#[wasm_bindgen_test]
async fn renders_set_performance_marks_with_the_load_detail() {
    let (first_before, pages_before) = (
        marks("task-history:first-render").len(),
        marks("task-history:page-render").len(),
    );
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let first = marks("task-history:first-render");
    assert_eq!(first.len(), first_before + 1, "one first render");
    let detail = first.last().expect("a mark");
    assert_eq!(field(detail, "leadId").as_f64(), Some(20003.0));
    assert_eq!(field(detail, "page").as_f64(), Some(1.0));
    assert_eq!(field(detail, "totalItems").as_f64(), Some(137.0));
    assert_eq!(marks("task-history:page-render").len(), pages_before);

    fixture.click("page-next");
    settle().await;
    let two = fetch.last_for_page(2).expect("page 2 requested");
    assert_eq!(
        marks("task-history:page-render").len(),
        pages_before,
        "no mark before the page is on screen"
    );
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    fixture.click("page-previous");
    settle().await;
    let pages = marks("task-history:page-render");
    assert_eq!(pages.len(), pages_before + 2, "one per page shown");
    assert_eq!(field(&pages[pages.len() - 1], "page").as_f64(), Some(1.0));
    assert_eq!(field(&pages[pages.len() - 2], "page").as_f64(), Some(2.0));
    assert_eq!(marks("task-history:first-render").len(), first_before + 1);
}

/// `property` of `element`'s computed style.
fn computed(element: &web_sys::Element, property: &str) -> String {
    web_sys::window()
        .and_then(|window| window.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value(property).ok())
        .unwrap_or_default()
}

/// The first card's due date as shown (its `<time>`).
fn first_due_text(fixture: &Fixture) -> String {
    fixture
        .root()
        .query_selector(&format!(".task-card__due time:not({KEPT_PAGE} *)"))
        .ok()
        .flatten()
        .and_then(|time| time.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_visited_page_comes_back_as_rendered_until_its_rows_or_locale_change() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    let first_card = fixture.find("task-card").expect("a card");
    fixture.click("page-next");
    settle().await;
    let two = fetch.last_for_page(2).expect("page 2 requested");
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    let kept = first_card
        .closest(KEPT_PAGE)
        .expect("query")
        .expect("page 1's cards are kept in a hidden page");
    assert_eq!(
        computed(&kept, "content-visibility"),
        "hidden",
        "a kept page keeps its layout without showing"
    );
    let kept: web_sys::HtmlElement = kept.dyn_into().expect("html element");
    assert_eq!(kept.offset_height(), 0, "a kept page takes no room");
    let hidden_toggle: web_sys::HtmlElement = kept
        .query_selector("[data-testid=\"details-toggle\"]")
        .expect("query")
        .expect("a details button in the kept page")
        .dyn_into()
        .expect("html element");
    hidden_toggle.focus().expect("focus");
    assert!(
        fixture.root().active_element().is_none(),
        "nothing in a kept page takes focus"
    );
    assert_eq!(
        fixture.all("task-card").len(),
        20,
        "only page 2's cards show"
    );
    assert_eq!(fixture.texts("task-title")[0], "Task 20");

    fixture.click("page-previous");
    settle().await;
    let back = fixture.find("task-card").expect("a card");
    assert!(
        back.is_same_node(Some(&first_card)),
        "page 1 is moved back in, not rendered again"
    );
    assert_eq!(fixture.all("task-card").len(), 20);
    assert_eq!(fixture.texts("task-title")[0], "Task 0");

    // New rows for the same page (a refresh) are rendered anew.
    fixture.handle().refresh();
    settle().await;
    let refreshed = fetch.last_for_page(1).expect("page 1 requested again");
    let mut changed = generated_page(1, 20, 137);
    changed.rows[0].title = Some("Renamed".into());
    fetch.respond_page(refreshed, &changed);
    settle().await;
    assert_eq!(fixture.texts("task-title")[0], "Renamed");

    // Another locale re-renders whatever is shown, including a page kept from before.
    let english = first_due_text(&fixture);
    assert!(english.contains("2099"), "{english}");
    fixture.click("page-next");
    settle().await;
    let two = fetch
        .last_for_page(2)
        .expect("page 2 requested after the refresh");
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    fixture
        .handle()
        .attribute_changed("locale", Some("de-DE".into()));
    settle().await;
    fixture.click("page-previous");
    settle().await;
    let german = first_due_text(&fixture);
    assert!(german.contains("01.01.2099"), "{english} -> {german}");
    assert_eq!(fixture.texts("task-title")[0], "Renamed");
}

#[wasm_bindgen_test]
async fn a_page_shown_again_catches_up_with_the_clock() {
    let fetch = FetchStub::install();
    let fixture = Fixture::mount(&[
        ("lead-id", "20003"),
        ("proxy-base", "/api"),
        ("locale", "en-US"),
    ]);
    settle().await;
    let mut first = generated_page(1, 20, 137);
    first.rows[0].due_date = Some(iso_from_now(61_500.0));
    fetch.respond_page(0, &first);
    settle().await;
    assert_eq!(fixture.texts("due-relative")[0], "in 1 minute");
    fixture.click("page-next");
    settle().await;
    let two = fetch.last_for_page(2).expect("page 2 requested");
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    sleep(2_100).await;
    fixture.click("page-previous");
    settle().await;
    assert_eq!(
        fixture.texts("due-relative")[0],
        "now",
        "page 1's hint is as current as the page on screen was"
    );
}

fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |buffer| f64::from(buffer.byte_length()))
}

#[wasm_bindgen_test]
async fn memory_stays_flat_across_many_page_changes() {
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.handle().go_to_page(2.0);
    settle().await;
    let two = fetch.last_for_page(2).expect("page 2");
    fetch.respond_page(two, &generated_page(2, 20, 137));
    settle().await;
    let flip = |i: u32| if i.is_multiple_of(2) { 1.0 } else { 2.0 };
    // Warm up: caches and memos fill, the allocator settles.
    for i in 0..40 {
        fixture.handle().go_to_page(flip(i));
        sleep(1).await;
    }
    let start = wasm_memory_bytes();
    for i in 0..300 {
        fixture.handle().go_to_page(flip(i));
        sleep(1).await;
    }
    let grown_kb = (wasm_memory_bytes() - start) / 1024.0;
    // Leaking even 2 KB per change (a few dozen bytes per card) would pass 600 KB here.
    assert!(
        grown_kb <= 256.0,
        "wasm memory grew {grown_kb} KB over 300 cached page changes"
    );
}

#[wasm_bindgen_test]
async fn next_page_is_prefetched_where_request_idle_callback_is_missing() {
    let window = web_sys::window().expect("window");
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into()).expect("get");
    assert!(idle.is_function());
    // As in Safari: shadow the prototype's function with an own `undefined`.
    js_sys::Reflect::set(&window, &"requestIdleCallback".into(), &JsValue::UNDEFINED)
        .expect("hide");
    let fetch = FetchStub::install();
    let fixture = first_page_shown(&fetch).await;
    fixture.hover();
    sleep(400).await;
    let prefetched = fetch.last_for_page(2).is_some();
    js_sys::Reflect::set(&window, &"requestIdleCallback".into(), &idle).expect("restore");
    assert!(prefetched, "page 2 prefetched after the fallback delay");
    assert_eq!(fixture.text("page-status"), "Page 1 of 7");
}
