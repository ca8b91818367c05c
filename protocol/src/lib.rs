//! What `<task-history>`, its proxy and the mock upstream all agree on: the List Tasks wire
//! model ([`wire`]), the request rules with the vendor's exact 400 messages ([`query`]), the
//! wire's timestamps ([`timestamp`]) and `Retry-After` ([`retry_after`]).
//!
//! Plain Rust with no I/O and no DOM: the element compiles it to wasm, the proxy and the mock
//! use it natively, and every rule is tested here once.

pub mod query;
pub mod retry_after;
pub mod timestamp;
pub mod wire;
