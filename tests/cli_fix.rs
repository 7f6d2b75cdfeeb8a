//! `check --fix`, `--unsafe-fixes` and `--diff` through the binary, and the
//! promise behind them: on the repository's evaluation sets, every fix
//! removes its finding and makes no new one.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use backstop::analysis::Analysis;
use backstop::cli::fix::{self, FixMode};
use backstop::cli::report::{Locator, Record};
use backstop::workspace::Workspace;
use support::{check_json, codes, run, workspace};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of a folder of the repository in a temporary folder, under the
/// same name (the folder name `seeds` makes its files articles).
fn copy_of(relative: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(REPO).join(relative);
    let to = dir.path().join(from.file_name().unwrap());
    support::copy_tree(&from, &to);
    (dir, to)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn fix_applies_the_safe_fixes_and_reports_what_is_left() {
    let (_dir, seeds) = copy_of("seeds");
    let note = seeds.join("notes/starmer-washington.md");
    let out = run(&seeds, &["check", "--fix", "--format", "concise"]);
    // Errors the fixes leave (a number, a date, a quote not found) fail the run.
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Fixed 6 problems in 2 files.\n"),
        "{}",
        out.stdout
    );
    let text = read(&note);
    assert!(
        text.contains("it’s going to hold\" [@001_7bab49cd3b03e6d8]"),
        "{text}"
    );
    assert!(
        text.contains("200,000 peacekeepers [@004_c8d2ba556fcf7260]"),
        "{text}"
    );
    assert!(
        text.contains("35,000"),
        "unsafe fixes wait for --unsafe-fixes"
    );
    assert!(text.contains("February 26"));
    assert!(!read(&seeds.join("000_36b434811add820d.txt")).contains("Read more"));
    let left: Vec<&str> = out.stdout.lines().skip(1).collect();
    assert!(
        left.iter()
            .any(|l| l.contains("error[number-mismatch] [-]")),
        "{left:?}"
    );
    assert!(
        !left
            .iter()
            .any(|l| l.contains("[misquote]") || l.contains("[boilerplate]"))
    );

    let out = run(
        &seeds,
        &["check", "--fix", "--unsafe-fixes", "--format", "json"],
    );
    assert!(
        out.stderr.contains("Fixed 4 problems in 1 file."),
        "{}",
        out.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        !codes(&json)
            .iter()
            .any(|c| c == "number-mismatch" || c == "date-mismatch")
    );
    let text = read(&note);
    assert!(text.contains("send 30,000 European troops"), "{text}");
    assert!(text.contains("White House on February 27 [@001"), "{text}");
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let (_dir, seeds) = copy_of("seeds");
    let note = seeds.join("notes/starmer-washington.md");
    let before = read(&note);
    let out = run(&seeds, &["check", "--diff", "notes"]);
    assert_eq!(out.code, 1, "a diff to apply: exit 1");
    assert_eq!(read(&note), before);
    insta::assert_snapshot!("diff_safe", out.stdout);
    assert!(out.stderr.contains("2 fixes in 1 file"), "{}", out.stderr);

    let out = run(&seeds, &["check", "--diff", "--unsafe-fixes", "notes"]);
    assert!(
        out.stdout
            .contains("+- The plan would send 30,000 European troops"),
        "{}",
        out.stdout
    );
    assert_eq!(read(&note), before);

    let clean = workspace(&[(
        "sources/a.md",
        "---\ntitle: T\ndate: 2025-02-27\nsource: AFP\n---\nBody.\n",
    )]);
    let out = run(clean.path(), &["check", "--diff"]);
    assert_eq!(out.code, 0, "nothing to fix: exit 0");
    assert!(out.stdout.is_empty());
}

#[test]
fn fixes_keep_line_endings_and_the_byte_order_mark() {
    let article = "---\r\ntitle: Talks\r\nsource: AFP\r\n---\r\nWashington, (APP - 27th Feb, 2025) Starmer said \"we will hold the line together\" after the talks.\r\n\r\nRead more\r\n";
    let note = "\u{feff}Starmer said \"we will hold the line forever\" [@talks].\r\nAnd \"we will hold the line together\" [@talsk].\r\n";
    let dir = workspace(&[("sources/talks.md", article), ("notes/n.md", note)]);
    let out = run(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert!(
        out.stdout.contains("Fixed"),
        "{}\n{}",
        out.stdout,
        out.stderr
    );
    let fixed = std::fs::read(dir.path().join("notes/n.md")).unwrap();
    assert!(
        fixed.starts_with(b"\xEF\xBB\xBF"),
        "the byte order mark stays"
    );
    let fixed = String::from_utf8(fixed).unwrap();
    assert!(
        fixed.contains("hold the line together\" [@talks]"),
        "{fixed}"
    );
    assert!(fixed.contains("[@talks].\r\nAnd"), "{fixed:?}");
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
    let article = read(&dir.path().join("sources/talks.md"));
    assert!(!article.contains("Read more"), "{article}");
    assert!(article.contains("date: 2025-02-27\r\n"), "{article:?}");
    assert_eq!(
        article.matches('\n').count(),
        article.matches("\r\n").count(),
        "{article:?}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path().join("notes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["n.md"], "no temporary file is left");
}

#[test]
fn a_key_typo_with_two_close_keys_is_not_a_safe_fix() {
    let article = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump.\n")
    };
    let dir = workspace(&[
        ("sources/talks-1.md", &article("One")),
        ("sources/talks-2.md", &article("Two")),
        ("notes/n.md", "Starmer met Trump [@talks-3].\n"),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(json[0]["code"], "unknown-source");
    assert_eq!(json[0]["fix"]["applicability"], "unsafe", "{json}");
    std::fs::remove_file(dir.path().join("sources/talks-2.md")).unwrap();
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(json[0]["fix"]["applicability"], "safe", "{json}");
}

/// (path, code, message) of every finding, counted.
fn counted(records: &[Record]) -> HashMap<(String, &'static str, String), usize> {
    let mut counts = HashMap::new();
    for record in records {
        *counts
            .entry((
                record.span.path.clone(),
                record.code,
                record.message.clone(),
            ))
            .or_insert(0) += 1;
    }
    counts
}

fn records_of(analysis: &Analysis, base: &Path) -> Vec<Record> {
    let mut locator = Locator::new(analysis, base);
    analysis
        .diagnostics(backstop::analysis::today())
        .iter()
        .map(|d| locator.record(d))
        .collect()
}

/// Apply each fix of the set alone (in memory) and check again. The fixes
/// that leave their finding or make a new one, as `path:line:col: [code]`,
/// and how many fixes were tried.
fn fixes_that_would_add_a_finding(root: &Path) -> (Vec<String>, usize) {
    let base = root.canonicalize().unwrap();
    let analysis = Analysis::load(Workspace::discover(root).unwrap(), &|_| None);
    let before = records_of(&analysis, &base);
    let mut harmful = Vec::new();
    let mut tried = 0;
    for record in before.iter().filter(|r| r.fix.is_some()) {
        let mode = FixMode { unsafe_fixes: true };
        let plan = fix::plan(std::slice::from_ref(record), mode, &|p| {
            analysis.text_of(p).map(str::to_string)
        });
        let [file] = plan.as_slice() else {
            panic!("no fix planned for {record:?}");
        };
        let overlay = |p: &Path| (p == file.path).then(|| file.fixed.clone());
        let after = records_of(
            &analysis.update(std::slice::from_ref(&file.path), &overlay, None),
            &base,
        );
        let mut left = counted(&before);
        let fixed_key = (
            record.span.path.clone(),
            record.code,
            record.message.clone(),
        );
        *left.get_mut(&fixed_key).unwrap() -= 1;
        if counted(&after)
            .iter()
            .any(|(key, count)| *count > left.get(key).copied().unwrap_or(0))
        {
            harmful.push(format!(
                "{}:{}:{}: [{}]",
                record.span.path, record.span.line, record.span.column, record.code
            ));
        }
        tried += 1;
    }
    harmful.sort();
    (harmful, tried)
}

/// `--fix --unsafe-fixes` on a copy of an evaluation set applies every fix
/// that, applied alone, removes its finding and adds none, and no other;
/// afterwards no finding is new and every fix left is one refused.
fn fixes_never_make_a_new_finding(set: &str) -> usize {
    let (_dir, root) = copy_of(set);
    let (harmful, tried) = fixes_that_would_add_a_finding(&root);
    let (_, before) = check_json(&root, &[]);
    let out = run(
        &root,
        &["check", "--fix", "--unsafe-fixes", "--format", "json"],
    );
    assert!(out.stderr.contains("Fixed"), "{}", out.stderr);
    let mut refused: Vec<String> = out
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("backstop: note: "))
        .filter_map(|note| note.split(" `").next())
        .map(str::to_string)
        .collect();
    refused.sort();
    assert_eq!(refused, harmful, "{set}: {}", out.stderr);
    let after: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let key = |d: &serde_json::Value| {
        (
            d["path"].to_string(),
            d["code"].to_string(),
            d["message"].to_string(),
        )
    };
    let mut left: Vec<_> = before.as_array().unwrap().iter().map(key).collect();
    let mut fixes_left = 0;
    for finding in after.as_array().unwrap() {
        let position = left
            .iter()
            .position(|k| *k == key(finding))
            .unwrap_or_else(|| panic!("{set}: new finding after --fix: {finding}"));
        left.remove(position);
        fixes_left += usize::from(finding.get("fix").is_some());
    }
    assert_eq!(
        fixes_left,
        harmful.len(),
        "{set}: only refused fixes are left"
    );
    tried
}

#[test]
fn fixes_of_the_evaluation_sets_never_make_a_new_finding() {
    let mut tried = 0;
    for set in ["eval/claims", "seeds", "tests/fixtures/note-rules"] {
        tried += fixes_never_make_a_new_finding(set);
    }
    assert!(tried >= 50, "only {tried} fixes tried");
}
