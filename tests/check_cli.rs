//! `backstop check` as CI uses it: output formats, exit codes, bad input.

mod support;

use support::{check_json, codes, run, workspace, write};

const CLEAN: &str = "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump.\n";

fn mixed() -> tempfile::TempDir {
    workspace(&[
        ("sources/clean.md", CLEAN),
        (
            "sources/bad.md",
            "---\ntitle: Talks\ndate: 27/02/2025\nurl: www.example.com/a\n---\nStarmer met Trump.\n\nRead more\n",
        ),
    ])
}

#[test]
fn human_format() {
    let dir = mixed();
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_format() {
    let dir = mixed();
    let (out, json) = check_json(dir.path(), &[]);
    assert_eq!(out.code, 1);
    insta::assert_json_snapshot!(json);
}

#[test]
fn github_format() {
    let dir = mixed();
    let out = run(dir.path(), &["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn sarif_format_is_valid_sarif_2_1_0() {
    let dir = mixed();
    let out = run(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    // The types are generated from the SARIF 2.1.0 schema: a document that
    // does not fit them does not parse.
    let log: serde_sarif::sarif::Sarif = serde_json::from_str(&out.stdout).expect("SARIF");
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    assert!(value["$schema"].as_str().unwrap().contains("sarif"));
    let run = &log.runs[0];
    let rules = run.tool.driver.rules.as_ref().unwrap();
    assert_eq!(rules.len(), backstop::rules::Rule::ALL.len());
    let results = run.results.as_ref().unwrap();
    assert_eq!(results.len(), 4);
    insta::assert_json_snapshot!(value["runs"][0]["results"]);
}

#[test]
fn exit_codes_follow_fail_on() {
    let clean = workspace(&[("sources/a.md", CLEAN)]);
    assert_eq!(run(clean.path(), &["check"]).code, 0);
    assert!(
        run(clean.path(), &["check"])
            .stdout
            .contains("All checks passed")
    );

    // Only a warning: fails with --fail-on warning, not by default.
    let warn = workspace(&[("sources/a.md", &CLEAN.replace("source: AFP\n", ""))]);
    assert_eq!(run(warn.path(), &["check"]).code, 0);
    assert_eq!(run(warn.path(), &["check", "--fail-on", "warning"]).code, 1);

    let dir = mixed();
    assert_eq!(run(dir.path(), &["check", "--fail-on", "never"]).code, 0);
    assert_eq!(run(dir.path(), &["check", "--fail-on", "bogus"]).code, 2);
    assert_eq!(run(dir.path(), &["check", "--format", "xml"]).code, 2);
}

#[test]
fn single_file_and_rule_configuration() {
    let dir = mixed();
    let (_, json) = check_json(dir.path(), &["sources/clean.md"]);
    assert_eq!(json, serde_json::json!([]));
    write(
        dir.path(),
        "backstop.toml",
        b"[rules]\ninvalid-date = \"off\"\ninvalid-url = \"warning\"\n",
    );
    let (out, json) = check_json(dir.path(), &[]);
    assert!(!codes(&json).contains(&"invalid-date".to_string()));
    let url = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "invalid-url")
        .unwrap();
    assert_eq!(url["severity"], "warning");
    assert_eq!(out.code, 0);
}

#[test]
fn suppression_comment() {
    let dir = workspace(&[(
        "sources/a.md",
        "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump.\n\n<!-- backstop-ignore boilerplate -->\nRead more\n",
    )]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn missing_path_is_an_error_but_other_paths_run() {
    let dir = mixed();
    let out = run(
        dir.path(),
        &["check", "--format", "json", "nope", "sources"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nope: no such file or directory"),
        "{}",
        out.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 4);
}

#[test]
fn broken_config_stops_with_file_line_and_key() {
    let dir = workspace(&[
        (
            "backstop.toml",
            "corpus = [\"sources/**\"]\ncolour = \"red\"\n",
        ),
        ("sources/a.md", CLEAN),
    ]);
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("backstop.toml:2:1"), "{}", out.stderr);
    assert!(out.stderr.contains("colour"), "{}", out.stderr);
    assert!(
        out.stdout.is_empty(),
        "nothing is checked with a broken config"
    );

    let dir = workspace(&[
        ("backstop.toml", "corpus = [\"sources/**\"\n"),
        ("sources/a.md", CLEAN),
    ]);
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("backstop.toml:"), "{}", out.stderr);

    let dir = workspace(&[("backstop.toml", "[rules]\nmisquote = \"loud\"\n")]);
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("backstop.toml:2:12: bad severity `loud`"),
        "{}",
        out.stderr
    );
}

#[test]
fn unreadable_files_are_reported_and_the_run_goes_on() {
    let dir = workspace(&[("sources/good.md", &CLEAN.replace("source: AFP\n", ""))]);
    write(
        dir.path(),
        "sources/latin1.txt",
        b"date 2025-01-01\nline two\ncaf\xe9 au lait\n",
    );
    write(
        dir.path(),
        "sources/binary.txt",
        b"PK\x03\x04\x00\x00binary",
    );
    let (out, json) = check_json(dir.path(), &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("sources/latin1.txt:3: not valid UTF-8"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("sources/binary.txt:1: binary file"),
        "{}",
        out.stderr
    );
    assert_eq!(codes(&json), vec!["missing-source"]);
}

#[test]
fn empty_crlf_bom_and_unclosed_front_matter() {
    let dir = workspace(&[
        ("sources/empty.md", ""),
        (
            "sources/crlf.md",
            &CLEAN
                .replace('\n', "\r\n")
                .replace("2025-02-27", "2025-02-30"),
        ),
        (
            "sources/bom.md",
            &format!("\u{feff}{}", CLEAN.replace("2025-02-27", "2025/02/27")),
        ),
        (
            "sources/unclosed.md",
            "---\ntitle: Never closed\ndate: 2025-02-27\nsource: AFP\nBody.\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    insta::assert_json_snapshot!(json);
}

#[test]
fn huge_article_is_checked() {
    let dir = workspace(&[]);
    let paragraph = "Starmer said the talks with Trump went well, officials said. ";
    let mut text = String::from("---\ntitle: Big\ndate: 2025-02-27\n---\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(paragraph);
        text.push('\n');
    }
    write(dir.path(), "sources/big.md", text.as_bytes());
    let (out, json) = check_json(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(codes(&json), vec!["missing-source"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_noted_and_walked_once() {
    let dir = workspace(&[("sources/a.md", CLEAN)]);
    std::os::unix::fs::symlink(dir.path().join("sources"), dir.path().join("sources/loop"))
        .unwrap();
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("backstop: note:"), "{}", out.stderr);
    assert!(out.stderr.contains("symbolic link loop"), "{}", out.stderr);
    assert!(out.stdout.contains("All checks passed"), "{}", out.stdout);
}

/// Links out of the workspace are not followed: an article linked to a file
/// elsewhere is not read, a folder linked from elsewhere is not walked, a
/// link to a folder of the workspace does not make its articles count
/// twice; each is named in a note, and the run is otherwise as without them.
#[cfg(unix)]
#[test]
fn symlinks_never_lead_out_of_the_workspace() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "secret.txt",
        b"date: 2024-01-01\n\nTOP-SECRET-LINE\n",
    );
    write(
        outside.path(),
        "dir/x.md",
        b"---\ntitle: x\n---\nOUTSIDE-ARTICLE\n",
    );
    let dir = workspace(&[("sources/a.md", CLEAN), ("sources/sub/b.md", CLEAN)]);
    let (_, clean) = check_json(dir.path(), &[]);
    let link = |target: &std::path::Path, name: &str| {
        std::os::unix::fs::symlink(target, dir.path().join(name)).unwrap()
    };
    link(&outside.path().join("secret.txt"), "sources/pw.txt");
    link(&outside.path().join("dir"), "sources/etc");
    link(&dir.path().join("sources/sub"), "sources/again");
    let (out, json) = check_json(dir.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json, clean, "links changed the findings");
    assert!(!out.stdout.contains("TOP-SECRET") && !out.stderr.contains("TOP-SECRET"));
    assert!(!out.stdout.contains("OUTSIDE-ARTICLE"));
    for name in ["pw.txt", "etc", "again"] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.starts_with("backstop: note:") && l.contains(name)),
            "no note for {name}: {}",
            out.stderr
        );
    }
}

#[test]
fn globs_outside_the_workspace_are_config_errors() {
    for glob in ["../**", "/etc/**", "sources/../../x/*.md"] {
        let config = format!("corpus = [\"{glob}\"]\n");
        let dir = workspace(&[("backstop.toml", config.as_str()), ("sources/a.md", CLEAN)]);
        let out = run(dir.path(), &["check"]);
        assert_eq!(out.code, 2, "{glob}: {}", out.stderr);
        assert!(
            out.stderr.contains("backstop.toml:1") && out.stderr.contains("`corpus`"),
            "{glob}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("outside the workspace"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn seeds_show_their_real_problems() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (out, json) = check_json(root, &["seeds"]);
    let article_problems: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["path"].as_str().unwrap().starts_with("seeds/notes/"))
        .map(|d| {
            // Paths are relative to the current folder, the repository.
            let path = d["path"].as_str().unwrap();
            (
                path.strip_prefix("seeds/").expect(path).to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for stem in ["000", "001"] {
        assert!(
            article_problems
                .iter()
                .any(|(p, c)| p.starts_with(stem) && c == "missing-date")
        );
    }
    for stem in ["000", "001", "002", "003", "004"] {
        assert!(
            article_problems
                .iter()
                .any(|(p, c)| p.starts_with(stem) && c == "missing-source")
        );
    }
    assert!(
        article_problems
            .iter()
            .any(|(p, c)| p.starts_with("000") && c == "boilerplate")
    );
    assert!(
        !article_problems
            .iter()
            .any(|(_, c)| c == "date-conflict" || c == "invalid-date"),
        "{article_problems:?}"
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
}

#[test]
fn explain_prints_documentation() {
    let dir = workspace(&[]);
    let out = run(dir.path(), &["explain", "misquote"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("# misquote"));
    assert!(out.stdout.contains("## Example"));
    let out = run(dir.path(), &["explain", "misqoute"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean `misquote`"));
    let out = run(dir.path(), &["explain"]);
    assert_eq!(out.stdout.lines().count(), backstop::rules::Rule::ALL.len());
}

#[test]
fn gitignored_files_and_hidden_folders_are_skipped() {
    let bad = "---\ntitle: x\ndate: 27/02/2025\nsource: AFP\n---\nBody.\n";
    let dir = workspace(&[
        ("sources/a.md", CLEAN),
        (".gitignore", "sources/ignored.md\n"),
        ("sources/ignored.md", bad),
        ("sources/.drafts/hidden.md", bad),
        (".cache/sources/b.md", bad),
    ]);
    let (out, json) = check_json(dir.path(), &[]);
    assert_eq!(json, serde_json::json!([]), "{}", out.stderr);
}

#[test]
fn backstop_toml_globs_choose_corpus_notes_and_exclusions() {
    let dir = workspace(&[
        (
            "backstop.toml",
            "corpus = [\"archive/**/*.txt\"]\nnotes = [\"writing/**/*.md\"]\nexclude = [\"writing/drafts/**\"]\n",
        ),
        (
            "archive/2025/a.txt",
            "title: Talks\ndate: 2025-02-27\nsource: AFP\n\nStarmer met Trump.\n",
        ),
        (
            "writing/brief.md",
            "Starmer met Trump [@a].\n\nStarmer met Trump [@missing].\n",
        ),
        ("writing/drafts/wip.md", "Nonsense [@nothing].\n"),
        ("sources/not-corpus.md", "---\ndate: 27/02/2025\n---\nx\n"),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    let found: Vec<(String, String)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![("writing/brief.md".to_string(), "unknown-source".to_string())]
    );
}
