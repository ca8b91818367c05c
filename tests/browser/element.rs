//! The custom element itself: js/element.js (the class the loader defines) driving real Rust
//! handles, as on a page.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Reflect};
use task_history::element::handle::{TaskHistoryHandle, observed_attributes};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement};

use super::support::{FetchStub, KEPT_PAGE, SEED_EXAMPLE, generated_page, settle};

#[wasm_bindgen(module = "/js/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineTaskHistory)]
    fn define_task_history(handles: &js_sys::Promise, attributes: &Array, name: &str) -> JsValue;
}

thread_local! {
    static HANDLES_MADE: Rc<Cell<u32>> = Rc::default();
}

/// Defines `<test-task-history>` once, counting the handles it makes, and waits until the class
/// has its maker of handles (the loader hands it over in a promise, once the module is ready).
async fn define() -> Rc<Cell<u32>> {
    let made = HANDLES_MADE.with(Rc::clone);
    let counter = Rc::clone(&made);
    let create = Closure::<dyn FnMut(HtmlElement) -> JsValue>::new(move |host: HtmlElement| {
        counter.set(counter.get() + 1);
        JsValue::from(TaskHistoryHandle::new(host))
    });
    let name = "test-task-history";
    let defined = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"customElements".into()).ok())
        .and_then(|registry| {
            let get: Function = Reflect::get(&registry, &"get".into())
                .ok()?
                .dyn_into()
                .ok()?;
            get.call1(&registry, &name.into()).ok()
        })
        .is_some_and(|class| !class.is_undefined());
    if !defined {
        let handles = js_sys::Promise::resolve(create.as_ref());
        define_task_history(&handles, &observed_attributes(), name);
        // The element class keeps calling it for the rest of the page's life.
        create.forget();
        let _ = wasm_bindgen_futures::JsFuture::from(handles).await;
    }
    made
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

fn create_element() -> Element {
    document()
        .create_element("test-task-history")
        .expect("element")
}

/// Appends `element` to the body and lets it connect.
async fn connect(element: &Element) {
    let body = document().body().expect("body");
    body.append_child(element).expect("append");
    settle().await;
}

fn set_property(element: &Element, property: &str, value: &str) {
    Reflect::set(element, &property.into(), &value.into()).expect("property");
}

fn call(element: &Element, method: &str, args: &Array) {
    let function: Function = Reflect::get(element, &method.into())
        .expect("method")
        .dyn_into()
        .expect("function");
    function.apply(element, args).expect("call");
}

fn cards(element: &Element) -> u32 {
    element
        .shadow_root()
        .and_then(|root| {
            root.query_selector_all(&format!("[data-testid=\"task-card\"]:not({KEPT_PAGE} *)"))
                .ok()
        })
        .map_or(0, |list| list.length())
}

#[wasm_bindgen_test]
async fn element_created_from_javascript_loads_and_reflects_its_properties() {
    let made = define().await;
    let fetch = FetchStub::install();
    let element = create_element();
    set_property(&element, "leadId", "12345");
    set_property(&element, "proxyBase", "/api");
    assert_eq!(
        element.get_attribute("lead-id").as_deref(),
        Some("12345"),
        "property reflects"
    );
    let before = made.get();
    connect(&element).await;
    assert_eq!(made.get(), before + 1, "one handle on connect");
    assert_eq!(fetch.count(), 1);
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    assert_eq!(cards(&element), 2);
    element.remove();
    settle().await;
}

#[wasm_bindgen_test]
async fn moving_the_element_keeps_its_state_and_removing_it_disposes_it() {
    let made = define().await;
    let fetch = FetchStub::install();
    let body = document().body().expect("body");
    let element = create_element();
    element
        .set_attribute("lead-id", "12345")
        .expect("attribute");
    element
        .set_attribute("proxy-base", "/api")
        .expect("attribute");
    connect(&element).await;
    fetch.respond(0, 200, SEED_EXAMPLE, &[]);
    settle().await;
    let handles = made.get();

    let elsewhere = document().create_element("div").expect("div");
    body.append_child(&elsewhere).expect("append");
    elsewhere.append_child(&element).expect("move");
    settle().await;
    assert_eq!(made.get(), handles, "moved, not remounted");
    assert_eq!(fetch.count(), 1, "no new request");
    assert_eq!(cards(&element), 2, "still showing its page");

    element
        .set_attribute("lead-id", "20003")
        .expect("attribute");
    settle().await;
    assert_eq!(fetch.count(), 2);
    element.remove();
    settle().await;
    assert!(
        fetch.with(1, |c| c.signal.aborted()),
        "removal aborts the request"
    );
    let root = element.shadow_root().expect("shadow root");
    assert_eq!(root.child_element_count(), 0, "view unmounted");

    elsewhere.append_child(&element).expect("re-add");
    settle().await;
    assert_eq!(made.get(), handles + 1, "re-added: a fresh handle");
    assert_eq!(fetch.count(), 3, "which loads again");
    elsewhere.remove();
    settle().await;
}

#[wasm_bindgen_test]
async fn methods_and_attribute_changes_reach_the_handle() {
    define().await;
    let fetch = FetchStub::install();
    let element = create_element();
    element
        .set_attribute("lead-id", "20003")
        .expect("attribute");
    element
        .set_attribute("proxy-base", "/api")
        .expect("attribute");
    connect(&element).await;
    fetch.respond_page(0, &generated_page(1, 20, 137));
    settle().await;
    call(&element, "goToPage", &Array::of1(&"3".into()));
    settle().await;
    assert!(
        fetch.last_for_page(3).is_some(),
        "goToPage(\"3\") asks for page 3"
    );
    let before = fetch.count();
    call(&element, "refresh", &Array::new());
    settle().await;
    assert_eq!(fetch.count(), before + 1, "refresh() asks again");
    element.set_attribute("page-size", "5").expect("attribute");
    settle().await;
    let url = fetch.url(fetch.count() - 1);
    assert!(url.ends_with("page=1&page_size=5"), "{url}");
    element.remove();
    settle().await;
}
