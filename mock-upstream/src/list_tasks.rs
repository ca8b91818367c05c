//! `GET /enterprise/api/lead/{lead_id}/task`: the List Tasks endpoint, checked in the upstream's
//! order: API key (401), `lead_id` (400), `page_size` then `page` (400), lead lookup (404).

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use task_history_protocol::query::{LeadId, PageRequest};
use task_history_protocol::wire::{Envelope, TaskPage, TaskRow};

use crate::config::OWN_ORG_ID;
use crate::faults::{Fault, MAX_DELAY};
use crate::respond::{LEAD_NOT_FOUND, UNAUTHORIZED, message};
use crate::state::MockState;

/// Handles one List Tasks request.
pub async fn list_tasks(
    State(state): State<MockState>,
    Path(raw_lead): Path<String>,
    RawQuery(raw_query): RawQuery,
    headers: HeaderMap,
) -> Response {
    state.requests.fetch_add(1, Ordering::SeqCst);
    if !state.config.latency.is_zero() {
        tokio::time::sleep(state.config.latency).await;
    }
    let key_ok = headers
        .get("x-api-key")
        .is_some_and(|key| key.as_bytes() == state.config.api_key.as_bytes());
    if !key_ok {
        return message(StatusCode::UNAUTHORIZED, UNAUTHORIZED);
    }
    let lead = match LeadId::parse(&raw_lead) {
        Ok(lead) => lead,
        Err(error) => return message(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let params = QueryParams::parse(raw_query.as_deref().unwrap_or(""));
    let request = match PageRequest::parse(params.page.as_deref(), params.page_size.as_deref()) {
        Ok(request) => request,
        Err(error) => return message(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let Some(found) = state
        .dataset
        .lead(lead.0)
        .filter(|l| l.org_id == OWN_ORG_ID)
    else {
        return message(StatusCode::NOT_FOUND, LEAD_NOT_FOUND);
    };

    let body = page_of(&found.tasks, request);
    let fault = found
        .fault
        .filter(|_| state.faults_on.load(Ordering::SeqCst));
    if fault == Some(Fault::Slow) {
        let delay = params
            .delay
            .unwrap_or(state.config.slow_delay)
            .min(MAX_DELAY);
        tokio::time::sleep(delay).await;
    }
    if let Some(response) = fault.and_then(|f| f.response(json(&body))) {
        return response;
    }
    (StatusCode::OK, Json(body)).into_response()
}

/// One page of a lead's tasks. A page past the end is answered like the upstream's SQL
/// `LIMIT/OFFSET` would be: 200, no rows, the real totals and the page that was asked for.
pub fn page_of(tasks: &[TaskRow], request: PageRequest) -> Envelope {
    let size = request.page_size as usize;
    let start = (request.page as usize - 1).saturating_mul(size);
    let rows = tasks.iter().skip(start).take(size).cloned().collect();
    let total_items = tasks.len() as u64;
    Envelope {
        data: TaskPage {
            rows,
            total_pages: total_items.div_ceil(u64::from(request.page_size)),
            current_page: u64::from(request.page),
            page_size: u64::from(request.page_size),
            total_items,
        },
        message: "success".to_owned(),
    }
}

fn json(envelope: &Envelope) -> String {
    serde_json::to_string(envelope).unwrap_or_default()
}

/// The query parameters the endpoint reads. The first occurrence of a repeated parameter wins;
/// unknown parameters are ignored, as the upstream does.
#[derive(Debug, Default)]
struct QueryParams {
    page: Option<String>,
    page_size: Option<String>,
    /// Mock-only: how long the slow lead waits, in milliseconds.
    delay: Option<Duration>,
}

impl QueryParams {
    fn parse(raw: &str) -> Self {
        let mut params = Self::default();
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            match name.as_ref() {
                "page" if params.page.is_none() => params.page = Some(value.into_owned()),
                "page_size" if params.page_size.is_none() => {
                    params.page_size = Some(value.into_owned())
                }
                "delay_ms" => params.delay = value.parse().ok().map(Duration::from_millis),
                _ => {}
            }
        }
        params
    }
}
