//! Response shapes the upstream uses.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use task_history_protocol::wire::ErrorBody;

/// An error the upstream way: `{"message": "..."}` with a status.
pub fn message(status: StatusCode, text: &str) -> Response {
    (
        status,
        Json(ErrorBody {
            message: text.to_owned(),
        }),
    )
        .into_response()
}

/// The upstream's 401 message, verbatim.
pub const UNAUTHORIZED: &str = "UnAuthorized, Please Provide Valid API Key";
/// The upstream's 404 message, verbatim.
pub const LEAD_NOT_FOUND: &str = "Lead not found";
