//! One List Tasks call through the proxy: gloo-net sends it, abortable, and the answer becomes
//! a page or a typed [`ApiError`].

use gloo_net::http::{Request, Response};
use web_sys::AbortSignal;

use super::guard::{NOT_A_RESPONSE, guarded};
use crate::api::decode::{Fetched, decode_page, error_message};
use crate::api::{ApiError, Source, task_list_base_url};
use task_history_protocol::query::PageRequest;

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
) -> Result<Fetched, Failure> {
    let aborted = || signal.is_some_and(AbortSignal::aborted);
    let transport = |error: gloo_net::Error| match error {
        _ if aborted() => Failure::Aborted,
        gloo_net::Error::JsError(error) if error.name == NOT_A_RESPONSE => {
            Failure::Api(ApiError::Malformed { status: 0 })
        }
        _ => Failure::Api(network_error()),
    };
    let request =
        build_request(source, request, signal).map_err(|_| Failure::Api(ApiError::Network))?;
    let response = guarded(request.send()).await.map_err(transport)?;
    let status = response.status();
    let body = response.text().await.map_err(transport)?;
    if (200..300).contains(&status) {
        let page = decode_page(status, &body).map_err(Failure::Api)?;
        return Ok(Fetched {
            page,
            body: body.into(),
        });
    }
    Err(Failure::Api(ApiError::from_status(
        status,
        error_message(&body).as_deref(),
        retry_after(&response).as_deref(),
        js_sys::Date::now(),
    )))
}

/// The GET request for one page: JSON wanted, the token (if any) as a bearer header, never in
/// the URL.
fn build_request(
    source: &Source,
    request: PageRequest,
    signal: Option<&AbortSignal>,
) -> Result<Request, gloo_net::Error> {
    let mut builder = Request::get(&task_list_base_url(&source.base, source.lead))
        .query([
            ("page", request.page.to_string()),
            ("page_size", request.page_size.to_string()),
        ])
        .header("Accept", "application/json")
        .abort_signal(signal);
    if let Some(token) = &source.token {
        // Validated as a token68 by `Attributes::source`, so the header cannot be refused.
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    builder.build()
}

fn retry_after(response: &Response) -> Option<String> {
    response.headers().get("retry-after")
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
