//! The nginx config in deploy/nginx against real nginx and the same security cases as the Rust
//! proxy. Skipped (with a printed reason) only where nginx is not installed and not under CI.
#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod hardening;
mod harness;
mod mock_e2e;
mod render;
mod security;
mod snippet;
mod static_files;
mod tokens;
