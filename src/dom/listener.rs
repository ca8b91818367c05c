//! An event listener that is removed when dropped.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

/// A listener for one event on one target, removed when dropped.
pub struct Listener {
    target: EventTarget,
    event: &'static str,
    callback: Closure<dyn FnMut()>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("event", &self.event)
            .finish_non_exhaustive()
    }
}

impl Listener {
    /// Calls `on_event` for every `event` at `target`. `None` if the target refuses listeners.
    pub fn on(
        target: &EventTarget,
        event: &'static str,
        on_event: impl FnMut() + 'static,
    ) -> Option<Self> {
        let callback = Closure::<dyn FnMut()>::new(on_event);
        target
            .add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Self {
            target: target.clone(),
            event,
            callback,
        })
    }

    /// A listener on `window`.
    pub fn on_window(event: &'static str, on_event: impl FnMut() + 'static) -> Option<Self> {
        Self::on(web_sys::window()?.as_ref(), event, on_event)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}
