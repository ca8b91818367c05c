//! Test hooks under `/__mock/`. The mock is a test and demo tool bound to loopback; these let a
//! test see how many requests reached it and switch the fault leads off and on.

use std::sync::atomic::Ordering;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::state::MockState;

/// `GET /__mock/requests`: `{"count": N}`, the task-list requests seen so far.
pub async fn request_count(State(state): State<MockState>) -> Json<Value> {
    Json(json!({ "count": state.requests.load(Ordering::SeqCst) }))
}

/// `POST /__mock/faults/clear`: fault leads answer normally until restored.
pub async fn clear_faults(State(state): State<MockState>) -> StatusCode {
    state.faults_on.store(false, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

/// `POST /__mock/faults/restore`: fault leads misbehave again.
pub async fn restore_faults(State(state): State<MockState>) -> StatusCode {
    state.faults_on.store(true, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

/// `GET /__mock/health`: `ok`.
pub async fn health() -> &'static str {
    "ok"
}
