//! Test fixtures: a stubbed `fetch` whose responses the test controls, and a mounted element
//! with its events recorded. Elements are found by `data-testid`, role or label.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use task_history::element::handle::TaskHistoryHandle;
use task_history::state::Timings;
use task_history_protocol::wire::{Envelope, TaskPage, TaskRow};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Element, HtmlElement, Request, Response, ResponseInit, ShadowRoot};

/// One request the element made.
pub struct Call {
    /// The absolute URL.
    pub url: String,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// The request's abort signal.
    pub signal: AbortSignal,
    resolve: Function,
    reject: Function,
}

impl Call {
    /// The `page` query parameter.
    pub fn page(&self) -> u32 {
        query_value(&self.url, "page")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

fn query_value(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.to_owned())
    })
}

/// Replaces `window.fetch` while alive; every call waits until the test answers it.
pub struct FetchStub {
    calls: Rc<RefCell<Vec<Call>>>,
    original: JsValue,
    _closure: Closure<dyn FnMut(Request) -> Promise>,
}

impl FetchStub {
    /// Installs the stub.
    pub fn install() -> Self {
        let calls: Rc<RefCell<Vec<Call>>> = Rc::default();
        let recorded = Rc::clone(&calls);
        let closure = Closure::<dyn FnMut(Request) -> Promise>::new(move |request: Request| {
            let recorded = Rc::clone(&recorded);
            Promise::new(&mut |resolve, reject| {
                let signal = request.signal();
                // Like real fetch: an abort rejects the pending promise.
                let on_abort_reject = reject.clone();
                let on_abort = Closure::once_into_js(move || {
                    let error = js_sys::Error::new("The operation was aborted.");
                    error.set_name("AbortError");
                    let _ = on_abort_reject.call1(&JsValue::NULL, &error);
                });
                let _ = signal.add_event_listener_with_callback("abort", on_abort.unchecked_ref());
                recorded.borrow_mut().push(Call {
                    url: request.url(),
                    authorization: request.headers().get("authorization").ok().flatten(),
                    signal,
                    resolve,
                    reject,
                });
            })
        });
        let window = web_sys::window().expect("window");
        let original = Reflect::get(&window, &"fetch".into()).expect("fetch");
        Reflect::set(&window, &"fetch".into(), closure.as_ref()).expect("stub fetch");
        Self {
            calls,
            original,
            _closure: closure,
        }
    }

    /// How many requests were made so far.
    pub fn count(&self) -> usize {
        self.calls.borrow().len()
    }

    /// Runs `f` on request `index`.
    pub fn with<T>(&self, index: usize, f: impl FnOnce(&Call) -> T) -> T {
        f(&self.calls.borrow()[index])
    }

    /// The index of the latest request for `page`.
    pub fn last_for_page(&self, page: u32) -> Option<usize> {
        let calls = self.calls.borrow();
        calls.iter().rposition(|call| call.page() == page)
    }

    /// The URL of request `index`.
    pub fn url(&self, index: usize) -> String {
        self.with(index, |call| call.url.clone())
    }

    /// Answers request `index` with a status, body and headers.
    pub fn respond(&self, index: usize, status: u16, body: &str, headers: &[(&str, &str)]) {
        let init = ResponseInit::new();
        init.set_status(status);
        let header_map = web_sys::Headers::new().expect("headers");
        for (name, value) in headers {
            header_map.set(name, value).expect("header");
        }
        init.set_headers(&header_map);
        let response = Response::new_with_opt_str_and_init(Some(body), &init).expect("response");
        self.with(index, |call| {
            let _ = call.resolve.call1(&JsValue::NULL, &response);
        });
    }

    /// Answers request `index` with a List Tasks page.
    pub fn respond_page(&self, index: usize, page: &TaskPage) {
        self.respond(index, 200, &page_body(page), &[]);
    }

    /// Fails request `index` below HTTP, as a dropped connection does.
    pub fn fail_network(&self, index: usize) {
        self.with(index, |call| {
            let error = js_sys::TypeError::new("Failed to fetch");
            let _ = call.reject.call1(&JsValue::NULL, &error);
        });
    }
}

impl Drop for FetchStub {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = Reflect::set(&window, &"fetch".into(), &self.original);
        }
    }
}

/// A page the timeline keeps rendered but does not show.
pub const KEPT_PAGE: &str = ".task-history__page[hidden]";

/// The seed page's example payload, verbatim.
pub const SEED_EXAMPLE: &str = include_str!("../fixtures/seed_example.json");

/// A List Tasks body for `page`.
pub fn page_body(page: &TaskPage) -> String {
    serde_json::to_string(&Envelope {
        data: page.clone(),
        message: "success".into(),
    })
    .expect("encodes")
}

/// The ISO 8601 form of the instant `ms` milliseconds from now.
pub fn iso_from_now(ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + ms))
        .to_iso_string()
        .as_string()
        .expect("iso string")
}

/// Page `number` of a lead with `total_items` pending tasks titled "Task <n>".
pub fn generated_page(number: u32, page_size: u32, total_items: u64) -> TaskPage {
    let start = u64::from(number - 1) * u64::from(page_size);
    let end = (start + u64::from(page_size)).min(total_items);
    let rows = (start..end)
        .map(|n| TaskRow {
            id: 1_000 + n,
            org_id: Some(42),
            customer_id: 12345,
            title: Some(format!("Task {n}")),
            task_type: "FOLLOW_UP_CALL".into(),
            due_date: Some("2099-01-01T10:00:00.000Z".into()),
            notify_at: None,
            notify: false,
            task_status: "PENDING".into(),
            status: Some("ACTIVE".into()),
            assignee_user_id: None,
            created_by: Some(1),
            updated_by: None,
            created_at: "2026-05-19T08:30:00.000Z".into(),
            updated_at: Some("2026-05-19T08:30:00.000Z".into()),
        })
        .collect();
    TaskPage {
        rows,
        total_pages: total_items.div_ceil(u64::from(page_size)),
        current_page: u64::from(number),
        page_size: u64::from(page_size),
        total_items,
    }
}

/// A mounted element and the events it dispatched.
pub struct Fixture {
    /// The host element.
    pub host: HtmlElement,
    /// The Rust handle, as the shim would hold it.
    pub handle: Option<TaskHistoryHandle>,
    events: Rc<RefCell<Vec<(String, JsValue)>>>,
    _listeners: Vec<Closure<dyn FnMut(web_sys::CustomEvent)>>,
}

impl Fixture {
    /// Mounts an element with `attributes` into the document.
    pub fn mount(attributes: &[(&str, &str)]) -> Self {
        Self::mount_with_timings(attributes, Timings::DEFAULT)
    }

    /// Mounts an element whose delays (request deadline, skeleton delay, clock) are `timings`.
    pub fn mount_with_timings(attributes: &[(&str, &str)], timings: Timings) -> Self {
        let document = web_sys::window()
            .expect("window")
            .document()
            .expect("document");
        let host: HtmlElement = document
            .create_element("div")
            .expect("element")
            .dyn_into()
            .expect("html element");
        for (name, value) in attributes {
            host.set_attribute(name, value).expect("attribute");
        }
        document
            .body()
            .expect("body")
            .append_child(&host)
            .expect("append");
        let events: Rc<RefCell<Vec<(String, JsValue)>>> = Rc::default();
        let mut listeners = Vec::new();
        for name in [
            "task-history-load",
            "task-history-error",
            "task-history-page-change",
            "task-history-select",
            "task-history-token-expired",
        ] {
            let log = Rc::clone(&events);
            let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
                move |event: web_sys::CustomEvent| {
                    // Recorded only if it can reach listeners outside the shadow tree.
                    if event.bubbles() && event.composed() {
                        log.borrow_mut().push((event.type_(), event.detail()));
                    }
                },
            );
            host.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
                .expect("listen");
            listeners.push(listener);
        }
        let handle = TaskHistoryHandle::with_timings(host.clone(), timings);
        Self {
            host,
            handle: Some(handle),
            events,
            _listeners: listeners,
        }
    }

    /// Moves a pointer onto the element, as a reader about to use it does.
    pub fn hover(&self) {
        let event = web_sys::Event::new("pointerenter").expect("event");
        self.host.dispatch_event(&event).expect("dispatch");
    }

    /// The handle (panics in the test if it was disposed).
    pub fn handle(&self) -> &TaskHistoryHandle {
        self.handle.as_ref().expect("handle alive")
    }

    /// The element's shadow root.
    pub fn root(&self) -> ShadowRoot {
        self.host.shadow_root().expect("open shadow root")
    }

    /// Every element with `data-testid` the reader can see: not inside a kept page (the
    /// timeline keeps pages it has shown, and the next one, hidden).
    pub fn all(&self, testid: &str) -> Vec<Element> {
        let list = self
            .root()
            .query_selector_all(&format!("[data-testid=\"{testid}\"]:not({KEPT_PAGE} *)"))
            .expect("query");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into().ok())
            .collect()
    }

    /// The one element with `data-testid`, if present.
    pub fn find(&self, testid: &str) -> Option<Element> {
        self.all(testid).into_iter().next()
    }

    /// Text of the element with `data-testid` ("" when absent).
    pub fn text(&self, testid: &str) -> String {
        self.find(testid)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// Text of every element with `data-testid`.
    pub fn texts(&self, testid: &str) -> Vec<String> {
        self.all(testid)
            .iter()
            .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
            .collect()
    }

    /// Clicks the element with `data-testid`.
    pub fn click(&self, testid: &str) {
        let element: HtmlElement = self
            .find(testid)
            .unwrap_or_else(|| panic!("no {testid}"))
            .dyn_into()
            .expect("html element");
        element.click();
    }

    /// Whether the button with `data-testid` is disabled.
    pub fn disabled(&self, testid: &str) -> bool {
        self.find(testid)
            .is_some_and(|e| e.has_attribute("disabled"))
    }

    /// Events dispatched so far, as `(type, detail)`.
    pub fn events(&self) -> Vec<(String, JsValue)> {
        self.events.borrow().clone()
    }

    /// Details of the events of one type.
    pub fn details(&self, name: &str) -> Vec<JsValue> {
        self.events()
            .into_iter()
            .filter(|(kind, _)| kind == name)
            .map(|(_, detail)| detail)
            .collect()
    }

    /// Disposes the handle as the shim's `disconnectedCallback` does, and detaches the host.
    pub fn disconnect(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.dispose();
            drop(handle);
        }
        self.host.remove();
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.disconnect();
    }
}

/// A field of an event detail.
pub fn field(detail: &JsValue, key: &str) -> JsValue {
    Reflect::get(detail, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Lets queued tasks, microtasks and reactive effects run.
pub async fn settle() {
    sleep(20).await;
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}
