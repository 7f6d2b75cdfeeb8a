//! Fixture workspaces written from inline files, and the real binary run on
//! them.
#![allow(dead_code)]

pub mod lsp;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A fixed "today" so `future-date` is reproducible.
pub const TODAY: &str = "2026-01-01";

pub fn workspace(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

/// The one entry of a cache folder: one format version, one workspace.
pub fn cache_entry(cache: &Path) -> PathBuf {
    let versions: Vec<_> = std::fs::read_dir(cache).unwrap().collect();
    assert_eq!(versions.len(), 1);
    let version = versions.into_iter().next().unwrap().unwrap().path();
    let entries: Vec<_> = std::fs::read_dir(version).unwrap().collect();
    assert_eq!(entries.len(), 1);
    entries.into_iter().next().unwrap().unwrap().path()
}

/// The people index files stored in a cache entry.
pub fn stored_people(entry: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(entry)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("people-"))
        })
        .collect()
}

pub fn write(root: &Path, path: &str, bytes: &[u8]) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
    std::fs::write(full, bytes).expect("write fixture");
}

pub fn backstop(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("backstop").expect("binary");
    cmd.current_dir(cwd)
        .env("BACKSTOP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        // Never the user's own cache; each fixture is its own entry here.
        .env(
            "BACKSTOP_CACHE_DIR",
            std::env::temp_dir().join("backstop-tests-cache"),
        );
    cmd
}

/// `backstop(cwd)`, or the build `BACKSTOP_EVAL_BIN` names: the
/// evaluations can score another binary (an earlier release, say).
pub fn evaluated(cwd: &Path) -> Command {
    match std::env::var_os("BACKSTOP_EVAL_BIN") {
        Some(binary) => {
            let mut command = Command::new(binary);
            command.current_dir(cwd);
            command
        }
        None => backstop(cwd),
    }
}

/// Every finding of the evaluated build's `check` on the workspace at
/// `root`, as JSON records, with the evaluations' fixed "today".
pub fn evaluated_findings(root: &Path) -> Vec<serde_json::Value> {
    json_findings(evaluated(root), &["--no-cache"], root)
}

/// The findings of `check OPTIONS TARGET --format json --fail-on never` run
/// by `command` (a `backstop` command with its directory set), on the fixed
/// day the fixtures are written against; fails the test when the run does
/// not succeed.
pub fn json_findings(
    mut command: Command,
    options: &[&str],
    target: &Path,
) -> Vec<serde_json::Value> {
    let output = command
        .arg("check")
        .args(options)
        .args(["--format", "json", "--fail-on", "never"])
        .arg(target)
        .env("BACKSTOP_TODAY", "2025-06-01")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Copy the directory tree `from` to `to`, creating `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cwd: &Path, args: &[&str]) -> Run {
    let output = backstop(cwd).args(args).output().expect("run backstop");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `check --format json` parsed, with the codes it reported.
pub fn check_json(cwd: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = run(cwd, &all);
    let value: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr:\n{}", run.stdout, run.stderr));
    (run, value)
}

pub fn codes(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

/// Checks that the part of `file` (relative to the crate root) between
/// `<!-- rules:start -->` and `<!-- rules:end -->` is `generated`. With
/// `BACKSTOP_BLESS` set, rewrites that part instead.
pub fn assert_generated_section(file: &str, generated: &str) {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let start = text.find(START).expect("start marker") + START.len();
    let end = text.find(END).expect("end marker");
    if std::env::var_os("BACKSTOP_BLESS").is_some() {
        let updated = format!("{}{generated}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        generated,
        "{file}: the generated section is stale: run BACKSTOP_BLESS=1 cargo test"
    );
}
