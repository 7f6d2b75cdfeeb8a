//! Command-line traps that gave wrong or silent results in CI: a run that
//! checks nothing, a verdict that depends on the path named, paths that
//! differ by format, a "today" or colour setting silently ignored, and the
//! small surprises of issue 22's last item.

mod support;

use std::io::Write;
use std::process::Stdio;

use support::{backstop, check_json, codes, run, workspace, write};

const ARTICLE: &str = "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump in Washington on Thursday.\n";
const NOTE: &str = "Starmer met Trump in Washington [@talks].\n\nStarmer met Trump [@talsk].\n";

#[test]
fn a_run_that_checks_nothing_fails() {
    let empty = workspace(&[]);
    let out = run(empty.path(), &["check"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no articles matched"), "{}", out.stderr);
    assert!(!out.stdout.contains("All checks passed"), "{}", out.stdout);

    // A mistyped glob: the message names it and where it is written.
    let typo = workspace(&[
        ("backstop.toml", "corpus = [\"sourcse/**/*.md\"]\n"),
        ("sources/talks.md", ARTICLE),
    ]);
    let out = run(typo.path(), &["check", "--format", "github"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no articles matched the `corpus` globs `sourcse/**/*.md` of backstop.toml"),
        "{}",
        out.stderr
    );

    // Notes without articles say so.
    let notes_only = workspace(&[("notes/n.md", NOTE)]);
    let out = run(notes_only.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("its note cannot be checked without them"),
        "{}",
        out.stderr
    );

    // A named folder holding no article or note.
    let dir = workspace(&[("sources/talks.md", ARTICLE), ("drafts/readme.rs", "")]);
    let out = run(dir.path(), &["check", "drafts"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("no articles or notes under `drafts`"),
        "{}",
        out.stderr
    );
}

/// What a check found, without the paths (which follow the current folder).
fn findings(json: &serde_json::Value) -> Vec<(String, u64, String)> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_same_note_gets_the_same_verdict_whatever_path_is_named() {
    let dir = workspace(&[("sources/talks.md", ARTICLE), ("notes/n.md", NOTE)]);
    let root = dir.path();
    let notes = root.join("notes");
    let (_, from_root) = check_json(root, &["notes/n.md"]);
    let expected = findings(&from_root);
    assert_eq!(codes(&from_root), vec!["unknown-source"], "{from_root}");
    assert!(expected[0].2.contains("`talsk`"));
    for (cwd, args) in [
        (root, vec!["notes"]),
        (root, vec![]),
        (&notes, vec![]),
        (&notes, vec!["."]),
        (&notes, vec!["n.md"]),
    ] {
        let (out, json) = check_json(cwd, &args);
        let mut found = findings(&json);
        found.retain(|(code, ..)| code == "unknown-source");
        assert_eq!(
            found,
            expected,
            "{args:?} from {}: {}",
            cwd.display(),
            out.stderr
        );
    }
}

#[test]
fn every_format_gives_paths_relative_to_the_current_folder() {
    let dir = workspace(&[
        ("ws/backstop.toml", "corpus = [\"sources/**\"]\n"),
        (
            "ws/sources/bad.md",
            "---\ntitle: Talks\ndate: 27/02/2025\nsource: AFP\n---\nBody.\n",
        ),
    ]);
    let path = "ws/sources/bad.md";
    let (_, json) = check_json(dir.path(), &["ws"]);
    assert_eq!(json[0]["path"], path);
    let human = run(dir.path(), &["check", "ws"]).stdout;
    assert!(human.contains(&format!("--> {path}:3:7")), "{human}");
    let concise = run(dir.path(), &["check", "ws", "--format", "concise"]).stdout;
    assert!(
        concise.starts_with(&format!("{path}:3:7: error[invalid-date]")),
        "{concise}"
    );
    let github = run(dir.path(), &["check", "ws", "--format", "github"]).stdout;
    assert!(github.contains(&format!("file={path},line=3")), "{github}");

    let sarif = run(dir.path(), &["check", "ws", "--format", "sarif"]).stdout;
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let run0 = &sarif["runs"][0];
    let location = &run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], path);
    assert_eq!(location["uriBaseId"], "CWD");
    let base = run0["originalUriBaseIds"]["CWD"]["uri"].as_str().unwrap();
    let cwd = dir.path().canonicalize().unwrap();
    assert_eq!(base, format!("file://{}/", cwd.display()));

    // From inside the workspace, the same file is `sources/bad.md`.
    let (_, json) = check_json(&dir.path().join("ws/sources"), &[]);
    assert_eq!(json[0]["path"], "bad.md");
}

#[test]
fn a_bad_backstop_today_is_an_error() {
    let dir = workspace(&[("sources/talks.md", ARTICLE)]);
    for command in [vec!["check"], vec!["people"], vec!["lsp"]] {
        let out = backstop(dir.path())
            .args(&command)
            .env("BACKSTOP_TODAY", "garbage")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("backstop: error: BACKSTOP_TODAY=`garbage` is not a date"),
            "{stderr}"
        );
    }
}

#[test]
fn colour_follows_the_flag_then_no_color_force_color_and_clicolor_force() {
    let dir = workspace(&[("sources/talks.md", &ARTICLE.replace("source: AFP\n", ""))]);
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = backstop(dir.path());
        command.env_remove("NO_COLOR").args(["check"]).args(args);
        for (key, value) in env {
            command.env(key, value);
        }
        let out = command.output().unwrap();
        String::from_utf8_lossy(&out.stdout).contains('\x1b')
    };
    assert!(!colored(&[], &[]), "not a terminal");
    assert!(colored(&[], &[("FORCE_COLOR", "1")]));
    assert!(
        colored(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "")]),
        "an empty NO_COLOR is unset"
    );
    assert!(!colored(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(colored(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&[], &[("CLICOLOR_FORCE", "0")]));
    assert!(colored(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(!colored(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(colored(&["--format", "concise", "--color", "always"], &[]));
    assert!(
        !colored(&["--format", "json", "--color", "always"], &[]),
        "machine formats are never coloured"
    );
}

#[test]
fn readme_installs_with_the_lock_file() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(
        !readme.contains("cargo install --path"),
        "every install step is --locked"
    );
}

#[test]
fn lsp_accepts_stdio() {
    let dir = workspace(&[("sources/talks.md", ARTICLE)]);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("backstop"))
        .args(["lsp", "--stdio"])
        .current_dir(dir.path())
        .env("BACKSTOP_CACHE_DIR", dir.path().join(".cache"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut send =
        |body: &str| write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    send(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    // The answer to `initialize`: a header, a blank line, the body.
    let mut length = 0;
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        if let Some(value) = line.trim().strip_prefix("Content-Length: ") {
            length = value.parse().unwrap();
        }
        if line.trim().is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(&mut stdout, &mut body).unwrap();
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("\"capabilities\""), "{body}");
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn hints_print_as_hints() {
    let dir = workspace(&[("sources/talks.md", &format!("{ARTICLE}\nRead more\n"))]);
    let out = run(dir.path(), &["check"]);
    assert!(out.stdout.contains("hint[boilerplate]"), "{}", out.stdout);
    assert!(!out.stdout.contains("note[boilerplate]"), "{}", out.stdout);
    assert!(out.stdout.contains("(1 hint)"), "{}", out.stdout);
}

#[test]
fn a_mistyped_rule_gets_a_suggestion() {
    let dir = workspace(&[("sources/talks.md", ARTICLE)]);
    write(
        dir.path(),
        "backstop.toml",
        b"[rules]\nmisqoute = \"off\"\n",
    );
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "backstop.toml:2:1: unknown rule `misqoute` in [rules]; did you mean `misquote`?"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_carry_the_backstop_prefix() {
    let dir = workspace(&[]);
    for args in [
        vec!["check", "--format", "xml"],
        vec!["chekc"],
        vec!["check", "--select", "misqoute"],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(
            out.stderr.starts_with("backstop: error: "),
            "{args:?}: {}",
            out.stderr
        );
    }
    let help = run(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--unsafe-fixes"));
}
