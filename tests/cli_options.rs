//! `check`'s rule selection and output options, `init` and `completions`,
//! through the binary.

mod support;

use std::path::Path;

use support::{check_json, codes, run, workspace, write};

const CLEAN: &str = "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump in Washington on Thursday.\n";

/// An article with a warning, an error and a hint, and a note with an
/// error.
fn mixed() -> tempfile::TempDir {
    workspace(&[
        ("sources/talks.md", CLEAN),
        (
            "sources/scraped/bad.md",
            "---\ntitle: Bad\ndate: 27/02/2025\n---\nBody.\n\nRead more\n",
        ),
        ("notes/n.md", "Starmer met Trump [@talsk].\n"),
    ])
}

#[test]
fn select_ignore_and_min_severity() {
    let dir = mixed();
    let (_, all) = check_json(dir.path(), &[]);
    assert_eq!(
        codes(&all),
        vec![
            "unknown-source",
            "missing-source",
            "invalid-date",
            "boilerplate"
        ]
    );
    let (_, json) = check_json(dir.path(), &["--select", "article"]);
    assert_eq!(
        codes(&json),
        vec!["missing-source", "invalid-date", "boilerplate"]
    );
    let (_, json) = check_json(dir.path(), &["--select", "note,boilerplate"]);
    assert_eq!(codes(&json), vec!["unknown-source", "boilerplate"]);
    let (out, json) = check_json(
        dir.path(),
        &["--ignore", "note", "--ignore", "invalid-date"],
    );
    assert_eq!(codes(&json), vec!["missing-source", "boilerplate"]);
    assert_eq!(out.code, 0, "no error left");
    let (_, json) = check_json(dir.path(), &["--min-severity", "warning"]);
    assert_eq!(
        codes(&json),
        vec!["unknown-source", "missing-source", "invalid-date"]
    );

    // Naming a rule that is off turns it on.
    let dir = workspace(&[
        ("sources/talks.md", CLEAN),
        ("notes/n.md", "Starmer proposed 30,000 troops.\n"),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(codes(&json), Vec::<String>::new());
    let (out, json) = check_json(dir.path(), &["--select", "uncited-claim"]);
    assert_eq!(codes(&json), vec!["uncited-claim"]);
    assert_eq!(json[0]["severity"], "warning");
    assert!(
        out.stderr.contains("--select turns it on"),
        "{}",
        out.stderr
    );

    let out = run(dir.path(), &["check", "--ignore", "artcle"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown rule or group `artcle`"),
        "{}",
        out.stderr
    );
}

#[test]
fn per_file_ignores_and_block_suppression() {
    let dir = mixed();
    write(
        dir.path(),
        "backstop.toml",
        b"[per-file-ignores]\n\"sources/scraped/**\" = [\"boilerplate\", \"missing-source\"]\n",
    );
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(codes(&json), vec!["unknown-source", "invalid-date"]);

    let dir = workspace(&[
        (
            "sources/talks.md",
            "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nBody.\n\n\
             <!-- backstop-disable boilerplate -->\nRead more\n\nShow More\n\
             <!-- backstop-enable boilerplate -->\n\nRead more\n",
        ),
        (
            "notes/n.md",
            "<!-- backstop-disable unknown-source -->\nA [@nope].\n\nB [@nada].\n\
             <!-- backstop-enable all -->\nC [@none].\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    let lines: Vec<(String, u64)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("unknown-source".to_string(), 6),
            ("boilerplate".to_string(), 14)
        ]
    );
}

#[test]
fn concise_output_quiet_and_output_file() {
    let dir = mixed();
    let out = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("concise", out.stdout);
    let quiet = run(dir.path(), &["check", "--format", "concise", "--quiet"]);
    assert_eq!(quiet.stdout.lines().count(), 4, "{}", quiet.stdout);
    assert!(!quiet.stdout.contains("Found"));

    let out = run(
        dir.path(),
        &["check", "--format", "json", "--output-file", "report.json"],
    );
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(written.as_array().unwrap().len(), 4);
    let out = run(dir.path(), &["check", "-o", "no/such/folder/r.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no/such/folder/r.txt: cannot write"),
        "{}",
        out.stderr
    );
}

#[test]
fn statistics() {
    let dir = mixed();
    let out = run(dir.path(), &["check", "--statistics"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("statistics", out.stdout);
    let out = run(dir.path(), &["check", "--statistics", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["code"], "boilerplate");
    assert_eq!(json[0]["fixable"], 1);
}

/// `text` with the temporary folder and the test cache written as names.
fn redacted(text: &str, dir: &Path) -> String {
    let root = dir.canonicalize().unwrap();
    text.replace(&root.display().to_string(), "[ROOT]").replace(
        &std::env::temp_dir()
            .join("backstop-tests-cache")
            .display()
            .to_string(),
        "[CACHE]",
    )
}

#[test]
fn show_files_and_settings() {
    let dir = mixed();
    write(
        dir.path(),
        "backstop.toml",
        b"corpus = [\"sources/**/*.md\"]\n[rules]\nboilerplate = \"off\"\n[per-file-ignores]\n\"sources/scraped/**\" = [\"missing-source\"]\n",
    );
    let out = run(dir.path(), &["check", "--show-files"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("show_files", out.stdout);
    let out = run(
        dir.path(),
        &["check", "--show-settings", "--select", "note,uncited-claim"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("show_settings", redacted(&out.stdout, dir.path()));
}

#[test]
fn init_writes_a_config_that_keeps_every_role_and_never_overwrites() {
    let dir = workspace(&[
        (
            "seeds/a.txt",
            "date 2025-02-27 Starmer met Trump in Washington.\n",
        ),
        ("seeds/notes/n.md", "Starmer met Trump [@a].\n"),
        ("sources/2025/b.md", CLEAN),
        ("notes/m.md", "Starmer met Trump [@b].\n"),
    ]);
    let (_, before) = check_json(dir.path(), &[]);
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("2 articles, 2 notes"), "{}", out.stdout);
    let text = std::fs::read_to_string(dir.path().join("backstop.toml")).unwrap();
    assert!(
        text.contains("corpus = [\"seeds/**/*.txt\", \"sources/**/*.md\"]"),
        "{text}"
    );
    assert!(
        text.contains("notes = [\"notes/**/*.md\", \"seeds/**/*.md\"]"),
        "{text}"
    );
    let (_, after) = check_json(dir.path(), &[]);
    assert_eq!(before, after, "the same roles, the same findings");

    let out = run(dir.path(), &["init"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("already exists; not overwritten"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("backstop.toml")).unwrap(),
        text
    );
}

#[test]
fn completions_for_each_shell() {
    let dir = workspace(&[]);
    for shell in ["bash", "zsh", "fish"] {
        let out = run(dir.path(), &["completions", shell]);
        assert_eq!(out.code, 0, "{shell}");
        assert!(out.stdout.contains("unsafe-fixes"), "{shell}");
        assert!(out.stdout.contains("backstop"), "{shell}");
    }
    let bash = run(dir.path(), &["completions", "bash"]).stdout;
    let script = dir.path().join("backstop.bash");
    std::fs::write(&script, bash).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap();
    assert!(syntax.success(), "the bash script parses");
    assert_eq!(run(dir.path(), &["completions", "tcsh"]).code, 2);
}

#[test]
fn html_report_is_one_self_contained_escaped_page() {
    let dir = workspace(&[
        (
            "sources/a.md",
            "---\ntitle: <script>alert(1)</script>\ndate: 2025-02-27\nurl: https://example.com/a\n---\nThe plan costs 300 million, the minister said.\n",
        ),
        (
            "notes/n.md",
            "The plan costs 400 million [@a]. <b>bold</b>\n",
        ),
    ]);
    let out = run(dir.path(), &["check", "--format", "html"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let html = out.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for forbidden in [
        "<script>alert",
        "<b>bold",
        "src=",
        "href=\"http",
        "url(",
        "@import",
    ] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("data-status=\"contradicted\""));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}
