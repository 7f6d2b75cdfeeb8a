//! Every article rule through the real binary: one workspace where it fires
//! (snapshot of the JSON it reports) and one where it must not.

mod support;

use support::{check_json, codes, workspace};

/// Front matter with every key the clean article needs, plus `extra` lines.
fn article(extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n{extra}---\n{body}\n"
    )
}

fn article_without(key: &str, body: &str) -> String {
    article("", body)
        .lines()
        .filter(|line| !line.starts_with(&format!("{key}:")))
        .collect::<Vec<_>>()
        .join("\n")
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
fn missing_date() {
    fires(
        "missing_date",
        &[("sources/a.md", &article_without("date", BODY))],
        "missing-date",
    );
    // The dateline gives the date, so the fix can insert it.
    fires(
        "missing_date_with_dateline",
        &[(
            "sources/a.txt",
            "title: Wire copy\nsource: APP\n\nWashington, (APP - News - 27th Feb, 2025) Starmer flew in.\n",
        )],
        "missing-date",
    );
    silent(&[("sources/a.md", &article("", BODY))], "missing-date");
}

#[test]
fn invalid_date() {
    fires(
        "invalid_date_malformed",
        &[(
            "sources/a.md",
            &article_without("date", BODY)
                .replace("title: A story", "title: A story\ndate: 27/02/2025"),
        )],
        "invalid-date",
    );
    fires(
        "invalid_date_impossible",
        &[(
            "sources/a.md",
            &article("", BODY).replace("2025-02-27", "2025-02-30"),
        )],
        "invalid-date",
    );
    silent(
        &[(
            "sources/a.md",
            &article("", BODY).replace("2025-02-27", "2024-02-29"),
        )],
        "invalid-date",
    );
}

#[test]
fn future_date() {
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
fn date_conflict() {
    fires(
        "date_conflict",
        &[(
            "seeds/a.txt",
            " date 2025-02-26 Washington, (APP - UrduPoint - 27th Feb, 2025) Starmer meets Trump.",
        )],
        "date-conflict",
    );
    silent(
        &[(
            "seeds/a.txt",
            " date 2025-02-27 Washington, (APP - UrduPoint - 27th Feb, 2025) Starmer meets Trump.",
        )],
        "date-conflict",
    );
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
fn missing_source() {
    fires(
        "missing_source",
        &[("sources/a.md", &article_without("source", BODY))],
        "missing-source",
    );
    silent(&[("sources/a.md", &article("", BODY))], "missing-source");
}

#[test]
fn invalid_url() {
    fires(
        "invalid_url_bare_domain",
        &[(
            "sources/a.md",
            &article("", BODY).replace("https://example.com/story", "www.example.com/story"),
        )],
        "invalid-url",
    );
    fires(
        "invalid_url_scheme",
        &[(
            "sources/a.md",
            &article("", BODY).replace("https://example.com/story", "ftp://example.com/story"),
        )],
        "invalid-url",
    );
    silent(&[("sources/a.md", &article("", BODY))], "invalid-url");
}

#[test]
fn duplicate_id() {
    fires(
        "duplicate_id",
        &[
            ("sources/a.md", &article("id: starmer-dc\n", BODY)),
            (
                "sources/b.md",
                &article(
                    "id: starmer-dc\n",
                    "Another story entirely, about something else.",
                ),
            ),
        ],
        "duplicate-id",
    );
    silent(
        &[
            ("sources/a.md", &article("id: starmer-dc\n", BODY)),
            (
                "sources/b.md",
                &article(
                    "id: trump-dc\n",
                    "Another story entirely, about something else.",
                ),
            ),
        ],
        "duplicate-id",
    );
}

#[test]
fn duplicate_article() {
    fires(
        "duplicate_article",
        &[
            ("sources/a.md", &article("", BODY)),
            (
                "sources/b.txt",
                &format!("title: Copy\ndate: 2025-02-28\nsource: AP\n\n{BODY}\n"),
            ),
        ],
        "duplicate-article",
    );
    silent(
        &[
            ("sources/a.md", &article("", BODY)),
            (
                "sources/b.md",
                &article("", "A different body about a different meeting."),
            ),
        ],
        "duplicate-article",
    );
}

#[test]
fn unknown_field() {
    fires(
        "unknown_field",
        &[(
            "sources/a.md",
            &article_without("date", BODY).replace(
                "title: A story",
                "title: A story\ndte: 2025-02-27\ncategory: politics",
            ),
        )],
        "unknown-field",
    );
    silent(
        &[("sources/a.md", &article("id: x\nauthor: Jane Doe\n", BODY))],
        "unknown-field",
    );
}

#[test]
fn boilerplate() {
    fires(
        "boilerplate",
        &[(
            "sources/a.md",
            &article(
                "",
                "Starmer met Trump.\n\nShow More\n\n3 min read\n\nThe talks went on.\n\nAvatar\nJane Doe\n\nSenior Reporter\n\nJane Doe is a senior reporter at the Daily Example covering Europe.\n\nRead more\n",
            ),
        )],
        "boilerplate",
    );
    silent(
        &[(
            "sources/a.md",
            &article(
                "",
                "Readers can read more about the talks in our archive.\nShow more restraint, he said.",
            ),
        )],
        "boilerplate",
    );
}
