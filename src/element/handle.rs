//! `TaskHistoryHandle`: the Rust side of one `<task-history>` element. The JS shim creates one
//! on `connectedCallback`, forwards attribute changes and method calls, and disposes it on
//! `disconnectedCallback`. Dropping it cleans up everything it started.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use super::strings::overrides_from_js;
use super::styles;
use super::users::people_from_js;
use crate::attributes::{Attributes, OBSERVED_ATTRIBUTES};
use crate::dom::listener::Listener;
use crate::dom::visibility::{Visibility, near_viewport};
use crate::i18n::Overrides;
use crate::intl::Formatters;
use crate::state::Timings;
use crate::state::controller::Controller;
use crate::state::ui::{Action, Ui};
use crate::view::app::App;

/// The attribute names the element observes, for the shim's `observedAttributes`.
#[wasm_bindgen(js_name = observedAttributes)]
pub fn observed_attributes() -> js_sys::Array {
    OBSERVED_ATTRIBUTES
        .iter()
        .map(|name| JsValue::from_str(name))
        .collect()
}

struct Mounted {
    owner: Owner,
    // Unmounts the view when dropped; its type depends on the view, hence `Any`.
    view: Box<dyn Any>,
    container: Element,
}

/// One element's widget: its reactive owner, mounted view and controller.
#[wasm_bindgen]
pub struct TaskHistoryHandle {
    host: HtmlElement,
    controller: Controller,
    /// The host's wording (`strings`), which every new set of formatters carries.
    overrides: RefCell<Arc<Overrides>>,
    mounted: RefCell<Option<Mounted>>,
    visibility: RefCell<Option<Visibility>>,
    online: RefCell<Option<Listener>>,
    visible_again: RefCell<Option<Listener>>,
    engage: RefCell<[Option<Listener>; 2]>,
}

impl std::fmt::Debug for TaskHistoryHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskHistoryHandle").finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl TaskHistoryHandle {
    /// Mounts the widget into `host`'s open shadow root (attaching one if needed), reads its
    /// attributes and starts loading.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement) -> TaskHistoryHandle {
        Self::with_timings(host, Timings::DEFAULT)
    }

    /// Forwards `attributeChangedCallback`; `value` is `null` when the attribute was removed.
    #[wasm_bindgen(js_name = attributeChanged)]
    pub fn attribute_changed(&self, name: &str, value: Option<String>) {
        let host = self.host.clone();
        let overrides = Arc::clone(&self.overrides.borrow());
        self.controller
            .attribute_changed(name, value, |attrs| formatters_for(&host, attrs, overrides));
    }

    /// `element.strings = …`: the host's own wording, message id → text, for every language or
    /// per language. What cannot be used is named in one console warning and left out.
    #[wasm_bindgen(js_name = setStrings)]
    pub fn set_strings(&self, strings: JsValue) {
        let overrides = Arc::new(overrides_from_js(&strings));
        *self.overrides.borrow_mut() = Arc::clone(&overrides);
        let host = self.host.clone();
        self.controller
            .reformat(|attrs| formatters_for(&host, attrs, overrides));
    }

    /// `element.users = …`: the host's names for user IDs; a new map re-renders the names on
    /// screen without a request.
    #[wasm_bindgen(js_name = setUsers)]
    pub fn set_users(&self, users: JsValue) {
        self.controller.set_people(people_from_js(&users));
    }

    /// `element.refresh()`: reloads the current page from the network.
    pub fn refresh(&self) {
        self.controller.refresh();
    }

    /// `element.goToPage(n)`: shows page `n`, clamped to the pages that exist.
    #[wasm_bindgen(js_name = goToPage)]
    pub fn go_to_page(&self, page: f64) {
        self.controller.go_to_page(page);
    }

    /// Aborts requests, clears timers, unmounts the view and disposes the reactive owner.
    /// Idempotent; the shim calls it from `disconnectedCallback`.
    pub fn dispose(&self) {
        self.controller.dispose();
        self.visibility.borrow_mut().take();
        self.online.borrow_mut().take();
        self.visible_again.borrow_mut().take();
        self.engage
            .borrow_mut()
            .iter_mut()
            .for_each(|listener| drop(listener.take()));
        let mounted = self.mounted.borrow_mut().take();
        if let Some(Mounted {
            owner,
            view,
            container,
        }) = mounted
        {
            drop(view);
            owner.cleanup();
            container.remove();
        }
    }
}

impl TaskHistoryHandle {
    /// [`TaskHistoryHandle::new`] with the element's delays given: tests shorten them.
    pub fn with_timings(host: HtmlElement, timings: Timings) -> TaskHistoryHandle {
        // There should be no panic; if a test meets one, the console must at least say where.
        // Release builds leave the hook out: its formatting is almost 1 KB of the wasm, and
        // there a panic still stops with a `RuntimeError: unreachable` in the console.
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let mut attrs = Attributes::default();
        for name in OBSERVED_ATTRIBUTES {
            attrs.set(name, host.get_attribute(name));
        }
        let root = shadow_root(&host);
        if let Some(root) = &root {
            styles::adopt(root);
        }
        let owner = Owner::new();
        let ui = owner.with(|| {
            Ui::new(
                formatters_for(&host, &attrs, Arc::default()),
                attrs.theme(),
                attrs.density(),
                js_sys::Date::now(),
            )
        });
        let controller = Controller::new(host.clone().into(), attrs, ui, timings);
        let mounted = root.and_then(|root| {
            let document = web_sys::window()?.document()?;
            let container = document.create_element("div").ok()?;
            root.append_child(&container).ok()?;
            let target: HtmlElement = container.clone().dyn_into().ok()?;
            let for_view = controller.clone();
            let view = owner.with(move || {
                let actions =
                    StoredValue::new_local(
                        Rc::new(move |action: Action| for_view.act(action)) as Rc<dyn Fn(Action)>
                    );
                leptos::mount::mount_to(target, move || view! { <App ui actions /> })
            });
            Some(Mounted {
                owner: owner.clone(),
                view: Box::new(view),
                container,
            })
        });
        if mounted.is_none() {
            owner.cleanup();
        }
        let for_visibility = controller.clone();
        let visibility =
            Visibility::watch(&host, move |visible| for_visibility.set_visible(visible));
        // Without an observer the element counts as always visible.
        controller.set_visible(visibility.is_none() || near_viewport(&host));
        let for_online = controller.clone();
        let online = Listener::on_window("online", move || for_online.back_online());
        // `visibilitychange` fires at the document and bubbles to the window.
        let for_clock = controller.clone();
        let visible_again = Listener::on_window("visibilitychange", move || for_clock.tick_clock());
        // Pointer over or focus in the element is the reader's interest: prefetch from then on.
        let engage = ["pointerenter", "focusin"].map(|event| {
            let for_engage = controller.clone();
            Listener::on(&host, event, move || for_engage.engage())
        });
        controller.schedule_load();
        TaskHistoryHandle {
            host,
            controller,
            overrides: RefCell::default(),
            mounted: RefCell::new(mounted),
            visibility: RefCell::new(visibility),
            online: RefCell::new(online),
            visible_again: RefCell::new(visible_again),
            engage: RefCell::new(engage),
        }
    }
}

impl Drop for TaskHistoryHandle {
    fn drop(&mut self) {
        self.dispose();
    }
}

/// The host's open shadow root, attached on first use.
fn shadow_root(host: &HtmlElement) -> Option<ShadowRoot> {
    host.shadow_root().or_else(|| {
        let init = ShadowRootInit::new(ShadowRootMode::Open);
        host.attach_shadow(&init).ok()
    })
}

/// Formatters for the element's locale — its `locale` attribute, else the nearest `lang`
/// (the page's language), else the browser's — its time zone and the host's wording.
fn formatters_for(host: &HtmlElement, attrs: &Attributes, overrides: Arc<Overrides>) -> Formatters {
    let inherited = host
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|element| element.get_attribute("lang"))
        .filter(|lang| !lang.trim().is_empty());
    let browser = || web_sys::window().and_then(|window| window.navigator().language());
    let locale = attrs
        .locale()
        .map(str::to_owned)
        .or(inherited)
        .or_else(browser);
    Formatters::new(locale.as_deref(), attrs.time_zone(), overrides)
}
