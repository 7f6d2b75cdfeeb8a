//! Article rules through the real binary on the cases beyond each rule's
//! own fixtures (`tests/rules_fixtures.rs`): the dateline a fix inserts,
//! impossible dates, the day after today, dates in running text, other URL
//! schemes. A snapshot of the JSON reported where a rule fires.

mod support;

use support::{check_json, codes, workspace};

/// Front matter with every key the clean article needs, plus `extra` lines.
fn article(extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n{extra}---\n{body}\n"
    )
}

const BODY: &str = "British Prime Minister Keir Starmer met Donald Trump at the White House.";

/// Runs `check` on the files, asserts `code` fires, and snapshots those
/// diagnostics.
fn fires(name: &str, files: &[(&str, &str)], code: &str) {
    let dir = workspace(files);
    let (_, json) = check_json(dir.path(), &[]);
    let matching: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect();
    assert!(!matching.is_empty(), "{code} did not fire: {json:#}");
    insta::assert_json_snapshot!(name, matching);
}

fn silent(files: &[(&str, &str)], code: &str) {
    let dir = workspace(files);
    let (_, json) = check_json(dir.path(), &[]);
    assert!(
        !codes(&json).iter().any(|c| c == code),
        "{code} fired: {json:#}"
    );
}

#[test]
fn missing_date_with_dateline() {
    // The dateline gives the date, so the fix can insert it.
    fires(
        "missing_date_with_dateline",
        &[(
            "sources/a.txt",
            "title: Wire copy\nsource: APP\n\nWashington, (APP - News - 27th Feb, 2025) Starmer flew in.\n",
        )],
        "missing-date",
    );
}

#[test]
fn invalid_date_impossible() {
    fires(
        "invalid_date_impossible",
        &[(
            "sources/a.md",
            &article("", BODY).replace("2025-02-27", "2025-02-30"),
        )],
        "invalid-date",
    );
}

#[test]
fn future_date_from_the_day_after_today() {
    fires(
        "future_date",
        &[(
            "sources/a.md",
            &article("", BODY).replace("2025-02-27", "2026-06-01"),
        )],
        "future-date",
    );
    silent(
        &[(
            "sources/a.md",
            &article("", BODY).replace("2025-02-27", "2026-01-01"),
        )],
        "future-date",
    );
}

#[test]
fn date_in_running_text_is_no_dateline() {
    // A date in the running text is an event, not a dateline.
    silent(
        &[(
            "sources/a.md",
            &article("", "Starmer recalled the talks of July 5, 2024 in London."),
        )],
        "date-conflict",
    );
}

#[test]
fn invalid_url_scheme() {
    fires(
        "invalid_url_scheme",
        &[(
            "sources/a.md",
            &article("", BODY).replace("https://example.com/story", "ftp://example.com/story"),
        )],
        "invalid-url",
    );
}
