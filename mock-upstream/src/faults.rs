//! Fault leads: each answers one way a real upstream (or the network to it) fails.

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::StreamExt;

use crate::respond::message;

/// How a fault lead misbehaves while faults are on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answers normally, but only after a delay (config `slow_delay`, or `delay_ms` in the query).
    Slow,
    /// 500 with a JSON message.
    InternalError,
    /// 502 with an HTML body, as a load balancer in front of the API sends.
    BadGatewayHtml,
    /// 200 with a JSON content type and a truncated, unparsable body.
    MalformedJson,
    /// 200 whose body stops half-way and the connection is dropped.
    ResetMidBody,
    /// 429 with `Retry-After`.
    RateLimited,
}

/// The `Retry-After` the rate-limited lead sends, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 30;
/// The longest `delay_ms` the slow lead honours, so a typo cannot hang a test run.
pub const MAX_DELAY: Duration = Duration::from_secs(60);

impl Fault {
    /// Every fault, in lead-ID order.
    pub const ALL: [Fault; 6] = [
        Fault::Slow,
        Fault::InternalError,
        Fault::BadGatewayHtml,
        Fault::MalformedJson,
        Fault::ResetMidBody,
        Fault::RateLimited,
    ];

    /// The lead ID that answers with this fault.
    pub fn lead_id(self) -> u64 {
        match self {
            Fault::Slow => 50001,
            Fault::InternalError => 50002,
            Fault::BadGatewayHtml => 50003,
            Fault::MalformedJson => 50004,
            Fault::ResetMidBody => 50005,
            Fault::RateLimited => 50006,
        }
    }

    /// The response of a fault that replaces the normal answer; `None` for [`Fault::Slow`], which
    /// only delays it. `good_body` is the JSON the lead would send without the fault.
    pub fn response(self, good_body: String) -> Option<Response> {
        let response = match self {
            Fault::Slow => return None,
            Fault::InternalError => message(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
            Fault::BadGatewayHtml => (
                StatusCode::BAD_GATEWAY,
                [(header::CONTENT_TYPE, "text/html")],
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
            )
                .into_response(),
            Fault::MalformedJson => {
                let cut = good_body.len() / 2;
                let truncated = good_body.get(..cut).unwrap_or("{").to_owned();
                (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], truncated).into_response()
            }
            Fault::ResetMidBody => reset_mid_body(good_body),
            Fault::RateLimited => {
                let mut response = message(StatusCode::TOO_MANY_REQUESTS, "Too many requests");
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
                response
            }
        };
        Some(response)
    }
}

/// Promises the whole body in `Content-Length`, sends half, then fails the stream: hyper then
/// drops the connection, which a client sees as a reset before the message completed.
fn reset_mid_body(good_body: String) -> Response {
    let full = Bytes::from(good_body);
    let half = full.slice(..full.len() / 2);
    // The pause lets hyper flush the headers and the first half before the stream fails;
    // otherwise it would abort before sending anything and the client would see no response.
    let failure = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "mock: reset mid-body",
        ))
    };
    let chunks = futures_util::stream::iter([Ok(half)]).chain(futures_util::stream::once(failure));
    let mut response = Response::new(Body::from_stream(chunks));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(full.len()));
    response
}
