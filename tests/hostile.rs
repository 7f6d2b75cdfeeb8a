//! Replays every case kept under `tests/hostile/`: `backstop check` on its
//! workspace through the cache and with `--no-cache` must end without a
//! panic or a signal, with status 0 or 1 (2 only for a case whose
//! FAILURE.md says `expect: configuration error` or `expect: unreadable
//! article`), and print the same
//! bytes both ways. A case with a `session.jsonl` also has its editor
//! session replayed through `backstop lsp`: every request is answered and
//! the server exits cleanly after `shutdown` and `exit`.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use support::lsp::{LspClient, uri};

/// The line of a FAILURE.md that allows exit status 2 for a broken
/// `backstop.toml`.
const CONFIG_ERROR: &str = "expect: configuration error";

/// The line of a FAILURE.md that allows exit status 2 for an article that
/// cannot be read (not UTF-8), which is skipped and named with its line.
const UNREADABLE_ARTICLE: &str = "expect: unreadable article";

/// What stands for the workspace's `file://` URI in a `session.jsonl`.
const ROOT: &str = "${ROOT}";

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hostile")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("workspace").is_dir())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases under {}", dir.display());
    cases
}

/// A copy of the case's workspace, so that nothing is written into the
/// repository: a folder named as the FAILURE.md's `base:` line says (the
/// name chooses the corpus when backstop.toml names none), in a temporary
/// folder that lives as long as the returned handle.
fn copy_of(case: &Path) -> (tempfile::TempDir, PathBuf) {
    let failure = std::fs::read_to_string(case.join("FAILURE.md")).unwrap_or_default();
    let base = failure
        .lines()
        .find_map(|l| l.strip_prefix("base: "))
        .map_or("workspace", str::trim);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join(base);
    support::copy_tree(&case.join("workspace"), &root);
    (dir, root)
}

fn check(root: &Path, cache: &Path, extra: &[&str]) -> std::process::Output {
    support::backstop(root)
        .env("BACKSTOP_CACHE_DIR", cache)
        .args(["check", ".", "--format", "json"])
        .args(extra)
        .timeout(Duration::from_secs(120))
        .output()
        .expect("run backstop check")
}

fn replay_check(case: &Path) {
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    let failure = std::fs::read_to_string(case.join("FAILURE.md")).unwrap_or_default();
    let expects = |line: &str| failure.lines().any(|l| l.trim() == line);
    let (config_error, unreadable_article) = (expects(CONFIG_ERROR), expects(UNREADABLE_ARTICLE));
    let (_dir, workspace) = copy_of(case);
    let cache = tempfile::tempdir().expect("cache dir");
    // Twice through the cache: the first run builds it, the second reads it.
    let built = check(&workspace, cache.path(), &[]);
    let cached = check(&workspace, cache.path(), &[]);
    let fresh = check(&workspace, cache.path(), &["--no-cache"]);
    for (how, run) in [
        ("building the cache", &built),
        ("cached", &cached),
        ("--no-cache", &fresh),
    ] {
        let stderr = String::from_utf8_lossy(&run.stderr);
        let code = run.status.code();
        assert!(
            code.is_some(),
            "{name}: check {how} ended by a signal: {stderr}"
        );
        assert!(
            !stderr.contains("panicked"),
            "{name}: check {how} panicked: {stderr}"
        );
        match code {
            Some(0 | 1) => {}
            Some(2) if config_error => assert!(
                stderr.contains(".toml:"),
                "{name}: check {how} exited 2 without naming the configuration file and line: {stderr}"
            ),
            Some(2) if unreadable_article => assert!(
                stderr.contains(".txt:") || stderr.contains(".md:"),
                "{name}: check {how} exited 2 without naming the article and line: {stderr}"
            ),
            other => panic!("{name}: check {how} exited with {other:?}: {stderr}"),
        }
    }
    for (how, run) in [("building the cache", &built), ("cached", &cached)] {
        assert_eq!(
            run.status.code(),
            fresh.status.code(),
            "{name}: {how} status"
        );
        assert!(
            run.stdout == fresh.stdout,
            "{name}: {how} output differs from --no-cache\n--- {how}\n{}\n--- --no-cache\n{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&fresh.stdout)
        );
    }
}

/// Send every line of `session.jsonl` as one framed body, exactly as
/// written; wait for an answer to every request in it; then `exit`.
fn replay_session(case: &Path, session: &str) {
    let name = case.file_name().unwrap_or_default().to_string_lossy();
    let (_dir, workspace) = copy_of(case);
    let root = uri(&workspace);
    let mut client = LspClient::spawn(&[]);
    let mut requests = Vec::new();
    for line in session.lines().filter(|l| !l.trim().is_empty()) {
        let body = line.replace(ROOT, &root);
        if let Ok(message) = serde_json::from_str::<Value>(&body)
            && message.get("method").is_some_and(Value::is_string)
            && let Some(id) = message.get("id")
        {
            requests.push(id.clone());
        }
        client.send_raw(&body);
    }
    for id in requests {
        let answer = client.wait_for(
            |m| m.get("id") == Some(&id) && m.get("method").is_none(),
            support::lsp::TIMEOUT,
        );
        assert!(answer.is_some(), "{name}: request {id} was not answered");
    }
    let (_, code) = client.exit();
    assert_eq!(code, Some(0), "{name}: the server did not exit cleanly");
}

#[test]
fn kept_workspaces_check_the_same_with_and_without_the_cache() {
    for case in cases() {
        replay_check(&case);
    }
}

#[test]
fn kept_editor_sessions_are_answered() {
    let mut replayed = 0;
    for case in cases() {
        if let Ok(session) = std::fs::read_to_string(case.join("session.jsonl")) {
            replay_session(&case, &session);
            replayed += 1;
        }
    }
    assert!(
        replayed > 0,
        "no case under tests/hostile/ holds a session.jsonl"
    );
}
