//! Running work when the browser is idle: `requestIdleCallback`, or a short timeout where it
//! does not exist (Safari). Dropping the task cancels it.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The fallback delay where `requestIdleCallback` is missing.
const FALLBACK_DELAY_MS: u32 = 200;
/// Longest wait for idleness before the work runs anyway.
const IDLE_TIMEOUT_MS: u32 = 2_000;

#[wasm_bindgen]
extern "C" {
    // `catch`: where the function does not exist, calling it throws a ReferenceError.
    #[wasm_bindgen(catch, js_name = requestIdleCallback)]
    fn request_idle_callback(
        callback: &js_sys::Function,
        options: &JsValue,
    ) -> Result<u32, JsValue>;

    #[wasm_bindgen(catch, js_name = cancelIdleCallback)]
    fn cancel_idle_callback(id: u32) -> Result<(), JsValue>;
}

/// A scheduled piece of idle work.
#[derive(Debug)]
pub enum IdleTask {
    /// Scheduled with `requestIdleCallback`; the closure lives as long as the task.
    Idle {
        /// The callback ID.
        id: u32,
        /// Keeps the callback alive until it runs or is cancelled.
        _closure: Closure<dyn FnMut()>,
    },
    /// Scheduled with a timeout.
    Timeout {
        /// Cancels the timeout when dropped.
        _timer: Timeout,
    },
}

impl IdleTask {
    /// Runs `work` once the browser is idle (or after at most two seconds).
    pub fn new(work: impl FnOnce() + 'static) -> Self {
        // Present as a function, not merely present: a page may have shadowed it.
        let has_idle = js_sys::Reflect::get(&js_sys::global(), &"requestIdleCallback".into())
            .is_ok_and(|value| value.is_function());
        if !has_idle {
            return Self::Timeout {
                _timer: Timeout::new(FALLBACK_DELAY_MS, work),
            };
        }
        let mut work = Some(work);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(work) = work.take() {
                work();
            }
        });
        let options = js_sys::Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&options, &"timeout".into(), &IDLE_TIMEOUT_MS.into());
        match request_idle_callback(closure.as_ref().unchecked_ref(), &options) {
            Ok(id) => Self::Idle {
                id,
                _closure: closure,
            },
            // Present but unusable: the work is only a prefetch, so skipping it is safe.
            Err(_) => Self::Timeout {
                _timer: Timeout::new(FALLBACK_DELAY_MS, || {}),
            },
        }
    }
}

impl Drop for IdleTask {
    fn drop(&mut self) {
        if let Self::Idle { id, .. } = self {
            let _ = cancel_idle_callback(*id);
        }
    }
}
