//! Runs one property test and says how many cases it ran. Shared by every property test file
//! (the root crate's include it with `#[path]`).
//!
//! The case count is proptest's default: 256, or `PROPTEST_CASES` when it is set (`make fuzz`
//! sets it a hundred times higher). Each passing property prints
//! `property NAME: N cases passed`, N counted as the cases ran, not read back from the setting;
//! `cargo test` shows it with `--nocapture`. A failing one panics with proptest's minimal
//! failing input.

use std::cell::Cell;
use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseResult, TestRunner};

/// Checks `property` on `cases` values from `strategy`, like a `proptest!` test.
pub fn check<S>(property: &str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    // No regression files: a failure names its minimal input, which becomes a table case.
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let passed = Cell::new(0u64);
    let outcome = runner.run(&strategy, |value| {
        test(value)?;
        passed.set(passed.get() + 1);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("property {property} failed: {failure}");
    }
    eprintln!("property {property}: {} cases passed", passed.get());
}
