//! `backstop people` and `backstop quotes` through the real binary, on the
//! seeds and on the second evaluation corpus.

mod support;

use assert_cmd::Command;
use support::{cache_entry, stored_people};

fn backstop(args: &[&str]) -> String {
    backstop_with_cache(args, &std::env::temp_dir().join("backstop-tests-cache"))
}

fn backstop_with_cache(args: &[&str], cache: &std::path::Path) -> String {
    let output = Command::cargo_bin("backstop")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("BACKSTOP_CACHE_DIR", cache)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn people_in_the_seeds() {
    let human = backstop(&["people", "seeds"]);
    for name in [
        "Keir Starmer",
        "Donald Trump",
        "Volodymyr Zelensky",
        "Vladimir Putin",
        "Emmanuel Macron",
        "Rachel Reeves",
        "Sergii Marchenko",
        "Marco Rubio",
        "Mike Waltz",
        "Trudeau",
        "Lavrov",
        "Martin Fornusek",
        "Ignatius Ivlev-Yorke",
    ] {
        assert!(
            human.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{human}"
        );
    }
    let zelensky = human
        .lines()
        .skip_while(|l| !l.starts_with("Volodymyr Zelensky"))
        .nth(1)
        .unwrap();
    assert!(zelensky.contains("Zelenskiyy"), "{zelensky}");
    insta::assert_snapshot!("people_seeds_human", human);
    insta::assert_snapshot!(
        "people_seeds_json",
        backstop(&["people", "seeds", "--format", "json"])
    );
}

#[test]
fn quotes_in_the_seeds() {
    insta::assert_snapshot!("quotes_seeds_human", backstop(&["quotes", "seeds"]));
    insta::assert_snapshot!(
        "quotes_seeds_json",
        backstop(&["quotes", "seeds", "--format", "json"])
    );
    let starmer = backstop(&["quotes", "seeds", "--speaker", "Prime Minister Starmer"]);
    assert_eq!(starmer.matches("— Keir Starmer").count(), 6, "{starmer}");
    assert!(!starmer.contains("Trump ("), "{starmer}");
}

#[test]
fn second_corpus() {
    insta::assert_snapshot!(
        "people_corpus_human",
        backstop(&["people", "eval/people/corpus"])
    );
    insta::assert_snapshot!(
        "quotes_corpus_human",
        backstop(&["quotes", "eval/people/corpus"])
    );
    let nielsen = backstop(&[
        "quotes",
        "eval/people/corpus",
        "--speaker",
        "Nielsen",
        "--format",
        "json",
    ]);
    let parsed: serde_json::Value = serde_json::from_str(&nielsen).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 3, "{nielsen}");
}

#[test]
fn unknown_speaker_and_missing_path() {
    let output = Command::cargo_bin("backstop")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "quotes",
            "seeds",
            "--speaker",
            "Nobody Atall",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]");
    let output = Command::cargo_bin("backstop")
        .unwrap()
        .args(["people", "/no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// The people and quotes commands read the people index from the cache
/// that `check` and they themselves leave, with the same output as
/// indexing from scratch.
#[test]
fn people_and_quotes_use_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let stored = || stored_people(&cache_entry(&cache));
    let fresh = backstop_with_cache(&["people", "eval/people/corpus", "--no-cache"], &cache);
    assert!(!cache.exists(), "--no-cache wrote {}", cache.display());
    let cold = backstop_with_cache(&["people", "eval/people/corpus"], &cache);
    assert_eq!(stored().len(), 1, "no people index stored");
    let written = std::fs::metadata(&stored()[0]).unwrap().modified().unwrap();
    let warm = backstop_with_cache(&["people", "eval/people/corpus"], &cache);
    assert_eq!(cold, fresh);
    assert_eq!(warm, fresh);
    let quotes = backstop_with_cache(&["quotes", "eval/people/corpus"], &cache);
    assert_eq!(
        quotes,
        backstop_with_cache(&["quotes", "eval/people/corpus", "--no-cache"], &cache)
    );
    // Read, not written again.
    assert_eq!(
        std::fs::metadata(&stored()[0]).unwrap().modified().unwrap(),
        written
    );
}
