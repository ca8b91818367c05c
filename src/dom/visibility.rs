//! Whether the element is on (or near) the screen, so a page with many elements only fetches
//! for the ones a reader can see.

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far outside the viewport (in CSS pixels) an element counts as visible: a page of fifty
/// elements must only fetch for the ones a reader can actually see. Negative because an
/// `IntersectionObserver` counts an element whose top sits exactly on the fold ("edge-adjacent")
/// as intersecting, though not one pixel of it shows.
const MARGIN_PX: f64 = -1.0;
/// [`MARGIN_PX`] as the observer's `rootMargin`; spelled out to keep float formatting out of
/// the wasm.
const ROOT_MARGIN: &str = "-1px";

/// Watches one element's visibility until dropped.
pub struct Visibility {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl std::fmt::Debug for Visibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Visibility").finish_non_exhaustive()
    }
}

impl Visibility {
    /// Calls `on_change(true)` whenever `target` comes within [`MARGIN_PX`] of the viewport
    /// and `on_change(false)` when it leaves. `None` where `IntersectionObserver` is missing:
    /// the caller then treats the element as always visible.
    pub fn watch(target: &Element, on_change: impl Fn(bool) + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
            // The last entry is the most recent state.
            if let Some(entry) = entries
                .iter()
                .filter_map(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                .next_back()
            {
                on_change(entry.is_intersecting());
            }
        });
        let init = IntersectionObserverInit::new();
        init.set_root_margin(ROOT_MARGIN);
        let observer =
            IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
                .ok()?;
        observer.observe(target);
        Some(Self {
            observer,
            _callback: callback,
        })
    }
}

impl Drop for Visibility {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Whether `target` is laid out within [`MARGIN_PX`] of the viewport right now. Lets an
/// element already on screen load at once, without waiting a frame for the observer.
pub fn near_viewport(target: &Element) -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let margin = MARGIN_PX;
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let width = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0);
    let rect = target.get_bounding_client_rect();
    // display:none (no box at all) is not visible; an empty block is, its box is just flat.
    let laid_out = rect.width() > 0.0 || rect.height() > 0.0;
    laid_out
        && rect.bottom() > -margin
        && rect.top() < height + margin
        && rect.right() > -margin
        && rect.left() < width + margin
}
