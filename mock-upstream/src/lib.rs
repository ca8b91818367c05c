//! `task-history-mock`: a faithful simulator of the vendor's List Tasks API.
//!
//! It answers `GET /enterprise/api/lead/{lead_id}/task` (also under `/superfone`, as the real host
//! does) with the vendor's envelope, field types and exact error messages, over a deterministic
//! data set of documented leads, including fault leads. See the README's lead table.

mod admin;
pub mod config;
pub mod faults;
mod generate;
mod hostile;
pub mod leads;
mod list_tasks;
mod respond;
mod rng;
mod seed_lead;
mod state;
mod timestamp;

use axum::Router;
use axum::routing::{get, post};

pub use config::MockConfig;
pub use faults::Fault;
pub use state::MockState;

/// The upstream's path of the List Tasks endpoint, as axum matches it.
const LIST_TASKS: &str = "/enterprise/api/lead/{lead_id}/task";

/// The mock's router: the List Tasks endpoint, under `/` and `/superfone`, and the test hooks.
pub fn app(config: MockConfig) -> Router {
    let api = Router::new().route(LIST_TASKS, get(list_tasks::list_tasks));
    Router::new()
        .merge(api.clone())
        .nest("/superfone", api)
        .route("/__mock/requests", get(admin::request_count))
        .route("/__mock/faults/clear", post(admin::clear_faults))
        .route("/__mock/faults/restore", post(admin::restore_faults))
        .route("/__mock/health", get(admin::health))
        .with_state(MockState::new(config))
}
