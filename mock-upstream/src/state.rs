//! What every request of one mock server shares.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};

use crate::config::MockConfig;
use crate::leads::Dataset;

/// Shared state: configuration, the data set and the test hooks' switches.
#[derive(Debug, Clone)]
pub struct MockState {
    pub(crate) config: Arc<MockConfig>,
    pub(crate) dataset: Arc<Dataset>,
    /// Task-list requests seen, answered or not: lets tests prove a request never got here.
    pub(crate) requests: Arc<AtomicU64>,
    /// Whether fault leads misbehave; tests clear it to prove that Retry recovers.
    pub(crate) faults_on: Arc<AtomicBool>,
}

impl MockState {
    /// Builds the data set for `config`.
    pub fn new(config: MockConfig) -> Self {
        Self {
            dataset: Arc::new(Dataset::build(&config)),
            config: Arc::new(config),
            requests: Arc::new(AtomicU64::new(0)),
            faults_on: Arc::new(AtomicBool::new(true)),
        }
    }
}
