//! Each note rule through the real binary on a small fixture workspace: the
//! first claim of every note fires, the second must not. JSON output is
//! snapshotted so messages, evidence and fixes are reviewed when they change.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/note-rules")
}

fn check(path: &Path) -> Vec<Value> {
    // From the fixture's root, so reported paths are relative to it.
    support::json_findings(support::backstop(&fixture()), &[], path)
}

fn note_findings(note: &str) -> Vec<Value> {
    check(&fixture().join("notes").join(note))
}

fn assert_rule(rule: &str) {
    let findings = note_findings(&format!("{rule}.md"));
    let pretty = serde_json::to_string_pretty(&findings).unwrap();
    // The case that fires is on line 1; the clean one on line 3.
    assert!(
        findings.iter().any(|f| f["code"] == rule && f["line"] == 1),
        "{rule} did not fire:\n{pretty}"
    );
    assert!(
        findings.iter().all(|f| f["line"] == 1),
        "the clean case got a finding:\n{pretty}"
    );
    insta::assert_snapshot!(rule, pretty);
}

#[test]
fn unknown_source() {
    assert_rule("unknown-source");
}

#[test]
fn quote_not_found() {
    assert_rule("quote-not-found");
}

#[test]
fn misquote() {
    assert_rule("misquote");
}

#[test]
fn quote_wrong_source() {
    assert_rule("quote-wrong-source");
}

#[test]
fn number_mismatch() {
    assert_rule("number-mismatch");
}

#[test]
fn date_mismatch() {
    assert_rule("date-mismatch");
}

#[test]
fn unsupported_claim() {
    assert_rule("unsupported-claim");
}

#[test]
fn bad_input_gives_no_storm_of_findings() {
    let findings = note_findings("bad-input.md");
    let pretty = serde_json::to_string_pretty(&findings).unwrap();
    // Only the two keys that really are unknown: `[@harbour` is unclosed,
    // `[@]` empty, code is never read, unbalanced marks are not quotes.
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.len() <= 2, "{pretty}");
    insta::assert_snapshot!("bad-input", pretty);
    assert!(note_findings("front-matter-only.md").is_empty());
}

#[test]
fn a_ten_thousand_line_note_is_fast() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).unwrap();
    for name in ["harbour.md", "storm.md"] {
        std::fs::copy(fixture().join("sources").join(name), sources.join(name)).unwrap();
    }
    let lines = [
        "- Costa said \"we have waited far too long for this day\" [@harbour].\n",
        "- About 1,200 boats use the port after repairs costing 4.2 million euros [@harbour].\n",
        "- The storm hit the pier on January 30 [@storm].\n",
        "- Plain text without any citation, just words.\n",
        "- Dias said \"nobody was hurt at all today\" [@storm].\n",
    ];
    let text: String = (0..10_000).map(|i| lines[i % lines.len()]).collect();
    let note = dir.path().join("long.md");
    std::fs::write(&note, text).unwrap();
    let started = Instant::now();
    let findings = check(&note);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    // Only the made-up quote, on every fifth line.
    assert_eq!(findings.len(), 2_000, "{:?}", findings.first());
    assert!(
        findings
            .iter()
            .all(|f| f["code"] == "misquote" || f["code"] == "quote-not-found")
    );
}
