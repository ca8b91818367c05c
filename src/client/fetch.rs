//! One List Tasks call through the proxy: a `fetch`, abortable, decoded into a page or a typed
//! [`ApiError`].

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

use crate::api::decode::{decode_page, error_message};
use crate::api::{ApiError, Source, task_list_url};
use task_history_protocol::query::PageRequest;
use task_history_protocol::wire::TaskPage;

#[wasm_bindgen]
extern "C" {
    /// `globalThis.fetch`, looked up at call time so a page (or a test) may wrap it. `catch`
    /// turns a synchronous throw into an `Err` instead of an exception through Rust frames;
    /// and a wrapped `fetch` may reject with something that is not an `Error`.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &Request) -> Result<JsValue, JsValue>;
}

/// Why a call produced no page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Its `AbortSignal` fired: superseded, timed out or the element went away. The caller
    /// knows which.
    Aborted,
    /// The call completed and failed.
    Api(ApiError),
}

/// Fetches one page of `source`'s tasks. Never panics: every JS failure becomes a [`Failure`].
pub async fn fetch_page(
    source: &Source,
    request: PageRequest,
    signal: Option<&AbortSignal>,
) -> Result<TaskPage, Failure> {
    let aborted = || signal.is_some_and(AbortSignal::aborted);
    let transport = |_| {
        if aborted() {
            Failure::Aborted
        } else {
            Failure::Api(network_error())
        }
    };
    let request =
        build_request(source, request, signal).map_err(|_| Failure::Api(ApiError::Network))?;
    let promise = js_sys::Promise::resolve(&global_fetch(&request).map_err(transport)?);
    let response: Response = JsFuture::from(promise)
        .await
        .map_err(transport)?
        .dyn_into()
        .map_err(|_| Failure::Api(ApiError::Malformed { status: 0 }))?;
    let status = response.status();
    let body = read_text(&response).await.map_err(transport)?;
    if (200..300).contains(&status) {
        return decode_page(status, &body).map_err(Failure::Api);
    }
    let retry_after = response.headers().get("retry-after").ok().flatten();
    Err(Failure::Api(ApiError::from_status(
        status,
        error_message(&body).as_deref(),
        retry_after.as_deref(),
        js_sys::Date::now(),
    )))
}

/// The GET request for one page: JSON wanted, the token (if any) as a bearer header, never in
/// the URL.
fn build_request(
    source: &Source,
    request: PageRequest,
    signal: Option<&AbortSignal>,
) -> Result<Request, JsValue> {
    let headers = Headers::new()?;
    headers.append("Accept", "application/json")?;
    if let Some(token) = &source.token {
        // Validated as a token68 by `Attributes::source`, so the header cannot be refused.
        headers.append("Authorization", &format!("Bearer {token}"))?;
    }
    let init = RequestInit::new();
    init.set_headers(&headers);
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    Request::new_with_str_and_init(&task_list_url(&source.base, source.lead, request), &init)
}

/// The body as text. Fails like the request itself when the connection drops mid-body.
async fn read_text(response: &Response) -> Result<String, JsValue> {
    let text = JsFuture::from(response.text()?).await?;
    Ok(text.as_string().unwrap_or_default())
}

/// A request that failed below HTTP: offline when the browser says so, else unreachable.
fn network_error() -> ApiError {
    let online = web_sys::window().is_none_or(|window| window.navigator().on_line());
    if online {
        ApiError::Network
    } else {
        ApiError::Offline
    }
}
