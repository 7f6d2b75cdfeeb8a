//! Property tests over every parser backstop runs on text it does not
//! control: note syntax, article metadata, dates, quantities, quote marks,
//! suppression comments, `backstop.toml`, position conversion, and the
//! edits of fixes. Inputs are strung together from hostile fragments
//! (`hostile_text`); every case asserts that nothing panics and that every
//! reported span lies inside the input on character boundaries. Inputs that
//! ever failed are kept in `tests/hostile/` with a plain regression test.
//!
//! Case counts are set per group so the whole run stays near 20 seconds in
//! a debug build; `PROPTEST_CASES` raises them for a longer hunt.

mod articles;
mod config;
mod dates;
mod fixes;
mod hostile_text;
mod notes;
mod positions;
mod quantities;

use std::ops::Range;

use proptest::test_runner::{FileFailurePersistence, TestCaseError};

/// `range` is a slice of `text`: in order, inside it, on char boundaries.
pub fn in_text(text: &str, range: &Range<usize>, what: &str) -> Result<(), TestCaseError> {
    if range.start <= range.end && text.get(range.clone()).is_some() {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!(
            "{what} {range:?} does not slice a text of {} bytes",
            text.len()
        )))
    }
}

/// The settings for a group of properties: `default` cases (or
/// `PROPTEST_CASES` when set), and the seeds of failed cases kept in
/// `seeds`, a file under `tests/hostile/proptest/`, so they are tried first
/// on every run.
pub fn cases(default: u32, seeds: &'static str) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(seeds))),
        ..proptest::test_runner::Config::default()
    }
}
