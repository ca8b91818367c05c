//! The element's DOM events: `CustomEvent`s that bubble and cross the shadow boundary.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{CustomEvent, CustomEventInit, EventTarget};

#[wasm_bindgen]
extern "C" {
    /// `performance.mark(name, options)`; web-sys has the options form only behind its unstable
    /// APIs flag.
    #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str, options: &Object) -> Result<JsValue, JsValue>;
}

/// A page loaded: `{leadId, page, totalPages, totalItems}`.
pub const LOAD: &str = "task-history-load";
/// A request failed or the element is misconfigured: `{status, message}`.
pub const ERROR: &str = "task-history-error";
/// The page changed: `{page}`.
pub const PAGE_CHANGE: &str = "task-history-page-change";
/// The reader activated a card: `{taskId, leadId, task}`; cancelable.
pub const SELECT: &str = "task-history-select";
/// The proxy refused the token as expired or invalid: `{leadId, message}`.
pub const TOKEN_EXPIRED: &str = "task-history-token-expired";

/// An event to dispatch, with its detail.
#[derive(Debug, Clone, PartialEq)]
pub enum Emit {
    /// [`LOAD`].
    Load {
        /// The lead's ID.
        lead_id: u64,
        /// The page shown.
        page: u32,
        /// Total pages.
        total_pages: u64,
        /// Total tasks.
        total_items: u64,
    },
    /// [`ERROR`]; `status` 0 when no HTTP response arrived.
    Error {
        /// The HTTP status, or 0.
        status: u16,
        /// The id of the message shown, e.g. `error.not_found`.
        code: &'static str,
        /// The message shown, in the reader's language.
        message: String,
        /// An English description for developers, with the service's own words.
        cause: String,
    },
    /// [`PAGE_CHANGE`].
    PageChange {
        /// The new page.
        page: u32,
    },
    /// [`TOKEN_EXPIRED`].
    TokenExpired {
        /// The lead whose request was refused.
        lead_id: u64,
        /// The proxy's message, e.g. "Authorization token expired".
        message: String,
    },
    /// [`SELECT`].
    Select {
        /// The task's ID.
        task_id: u64,
        /// The lead it belongs to.
        lead_id: u64,
        /// The row as the API sent it (`undefined` if it cannot be read back).
        task: JsValue,
    },
}

/// Performance marks (User Timing) set when cards are on screen, with the `task-history-load`
/// detail: the first page an element renders, and every page after it.
pub const FIRST_RENDER_MARK: &str = "task-history:first-render";
/// See [`FIRST_RENDER_MARK`].
pub const PAGE_RENDER_MARK: &str = "task-history:page-render";

impl Emit {
    /// Dispatches the event on `target`. Listeners run synchronously, so callers must hold no
    /// borrow of widget state (a listener may call `refresh()` or remove the element).
    pub fn dispatch(self, target: &EventTarget) {
        let (name, detail) = self.into_parts();
        dispatch_event(target, name, &detail);
    }

    /// Whether the host may cancel the event. The element takes no default action after any
    /// of them; a cancelable one lets the host mark it handled (`defaultPrevented`).
    fn cancelable(name: &str) -> bool {
        name == SELECT
    }

    /// Sets the performance mark `mark` with the event's detail (so a page can time the element
    /// with `PerformanceObserver` or `performance.getEntriesByName`), then dispatches the event
    /// as [`Emit::dispatch`] does. One detail object serves both: the mark keeps its own copy.
    pub fn dispatch_marked(self, target: &EventTarget, mark: &str) {
        let (name, detail) = self.into_parts();
        let options = Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &"detail".into(), &detail);
        // Marks are diagnostics: a browser without User Timing loses nothing else.
        let _ = performance_mark(mark, &options);
        dispatch_event(target, name, &detail);
    }

    /// The event name and its detail object.
    fn into_parts(self) -> (&'static str, Object) {
        let detail = Object::new();
        let set = |key: &str, value: JsValue| {
            // Setting a property on a fresh plain object cannot fail.
            let _ = Reflect::set(&detail, &key.into(), &value);
        };
        let name = match self {
            Self::Load {
                lead_id,
                page,
                total_pages,
                total_items,
            } => {
                // Lead IDs are JSON numbers upstream; a JS number is what a listener expects.
                set("leadId", JsValue::from_f64(lead_id as f64));
                set("page", page.into());
                set("totalPages", JsValue::from_f64(total_pages as f64));
                set("totalItems", JsValue::from_f64(total_items as f64));
                LOAD
            }
            Self::Error {
                status,
                code,
                message,
                cause,
            } => {
                set("status", status.into());
                set("code", code.into());
                set("message", message.into());
                set("cause", cause.into());
                ERROR
            }
            Self::PageChange { page } => {
                set("page", page.into());
                PAGE_CHANGE
            }
            Self::TokenExpired { lead_id, message } => {
                set("leadId", JsValue::from_f64(lead_id as f64));
                set("message", message.into());
                TOKEN_EXPIRED
            }
            Self::Select {
                task_id,
                lead_id,
                task,
            } => {
                set("taskId", JsValue::from_f64(task_id as f64));
                set("leadId", JsValue::from_f64(lead_id as f64));
                set("task", task);
                SELECT
            }
        };
        (name, detail)
    }
}

fn dispatch_event(target: &EventTarget, name: &str, detail: &Object) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(Emit::cancelable(name));
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws is reported by the browser; it is not our failure.
        let _ = target.dispatch_event(&event);
    }
}

/// Row `index` of the List Tasks `body`, as the API sent it: `JSON.parse(body).data.rows[i]`,
/// a fresh object each time, so a host that changes it changes nothing of the element's.
pub fn raw_row(body: &str, index: usize) -> JsValue {
    let read = || -> Result<JsValue, JsValue> {
        let envelope = js_sys::JSON::parse(body)?;
        let rows = Reflect::get(&Reflect::get(&envelope, &"data".into())?, &"rows".into())?;
        Reflect::get_u32(&rows, u32::try_from(index).unwrap_or(u32::MAX))
    };
    read().unwrap_or(JsValue::UNDEFINED)
}
